{#- Text as the policy rules see it: lower case, no accents, every run of characters other
    than letters and digits (apostrophes, hyphens, punctuation) as one space, padded with a
    space on each side. 'Disabilità, l''Ente' -> ' disabilita l ente '. -#}
{% macro policy_normalise(expr) -%}
    (' ' || trim(regexp_replace(lower(strip_accents(coalesce({{ expr }}, ''))), '[^a-z0-9]+', ' ', 'g')) || ' ')
{%- endmacro %}

{#- A rule term as written in the seed, normalised like the text but keeping the * wildcard. -#}
{% macro policy_normalise_term(expr) -%}
    trim(regexp_replace(lower(strip_accents(coalesce({{ expr }}, ''))), '[^a-z0-9*]+', ' ', 'g'))
{%- endmacro %}

{#- The policy area a declared missione/programma maps to (seed policy_programmi): the
    programma's own row, else the missione's row (programma_code empty); null when neither
    decides. -#}
{% macro policy_area_of(missione_expr, programma_expr) -%}
    coalesce(
        (
            select p.policy_area from {{ ref('policy_programmi') }} as p
            where p.missione_code = {{ missione_expr }} and p.programma_code = {{ programma_expr }}
        ),
        (
            select p.policy_area from {{ ref('policy_programmi') }} as p
            where p.missione_code = {{ missione_expr }} and p.programma_code is null
        )
    )
{%- endmacro %}
