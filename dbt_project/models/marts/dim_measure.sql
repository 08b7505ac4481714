{{ config(materialized='table') }}
-- The catalogue of comparable measures, read from the column descriptions and meta of
-- mart_measures_document in _marts.yml: one row per measure, in the YAML's order, so that the
-- dashboard and the analysts show each measure with the same label and definition.
{%- set measures = measure_catalogue() %}
with catalogue as (
    {%- for m in measures %}
    select
        {{ loop.index }} as sort_order,
        '{{ m.key }}' as measure_key,
        {{ "'" ~ (m.label | replace("'", "''")) ~ "'" }} as label,
        '{{ m.unit }}' as unit,
        {{ "'" ~ (m.definition | replace("'", "''")) ~ "'" }} as definition,
        {{ 'null' if m.higher_is_better is none else m.higher_is_better }}::boolean
            as higher_is_better,
        {{ "'" ~ (m.group | replace("'", "''")) ~ "'" }} as group_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not measures %}
    select
        null::integer as sort_order, null::varchar as measure_key, null::varchar as label,
        null::varchar as unit, null::varchar as definition, null::boolean as higher_is_better,
        null::varchar as group_name
    where false
    {%- endif %}
)

select * from catalogue
