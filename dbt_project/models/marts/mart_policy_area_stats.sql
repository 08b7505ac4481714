{{ config(materialized='table') }}
-- Per level (document, ente, type of ente), policy area and measure of the area catalogue
-- (dim_policy_area_measure): how many units have a value and how many a positive one (e.g.
-- the enti with at least one objective in the area), the median, quartiles, minimum and
-- maximum: the peer statistics of the Aree di intervento page and of Confronto by area.
{%- set measures = measure_catalogue('mart_policy_area_unit') %}
with units as (
    select * from {{ ref('mart_policy_area_unit') }}
),

long_values as (
    {%- for m in measures %}
    select
        unit_level,
        policy_area,
        '{{ m.key }}' as measure_key,
        cast({{ m.key }} as double) as value
    from units
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        unit_level,
        policy_area,
        measure_key,
        {{ value_spread('value') }},
        count(*) filter (where value > 0) as n_units_positive
    from long_values
    group by unit_level, policy_area, measure_key
)

select * from final
