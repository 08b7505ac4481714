{#- The stable id of a responsible person or role within an ente: '<ente_id>:<slug of name>'
    (accents stripped, lower case, runs of other characters as '-'). -#}
{% macro responsabile_id(ente_id, name) -%}
    {{ ente_id }} || ':' || trim(
        regexp_replace(lower(strip_accents({{ name }})), '[^a-z0-9]+', '-', 'g'), '-'
    )
{%- endmacro %}
