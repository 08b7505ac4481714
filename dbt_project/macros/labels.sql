{#- Readable names shared by the marts the pages read. -#}

{#- 'ASC InSieme (Azienda ...)' -> 'ASC InSieme'; 'CSSM, Consorzio ...' -> 'CSSM' -#}
{% macro ente_short_name(ente_name) -%}
    coalesce(nullif(trim(regexp_extract({{ ente_name }}, '^[^,(]*')), ''), {{ ente_name }})
{%- endmacro %}

{#- '2021-2023', or '2021' for a one-year plan -#}
{% macro plan_period(start_year, end_year) -%}
    case
        when {{ start_year }} = {{ end_year }} then cast({{ start_year }} as varchar)
        else {{ start_year }} || '-' || {{ end_year }}
    end
{%- endmacro %}

{#- 'ASC InSieme · 2021-2023': a document as the pages name it -#}
{% macro document_label(ente_name, start_year, end_year) -%}
    {{ ente_short_name(ente_name) }} || ' · ' || {{ plan_period(start_year, end_year) }}
{%- endmacro %}
