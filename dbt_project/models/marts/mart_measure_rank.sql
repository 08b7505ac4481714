{{ config(materialized='table') }}
-- depends_on: {{ ref('mart_measures_document') }}
-- depends_on: {{ ref('mart_measures_ente') }}
-- depends_on: {{ ref('mart_measures_ente_type') }}
-- Every unit (document, ente, type of ente) ranked on every comparable measure, with the
-- median of the units of its level and its gap from it: the Classifica of the Confronto page.
-- Best first when the measure has a direction (higher_is_better true: highest first; false:
-- lowest first), largest first otherwise; a unit without a value has no rank.
{%- set measures = measure_catalogue() %}
{%- set levels = [
    ('document', 'mart_measures_document', 'document_id', 'ente_type'),
    ('ente', 'mart_measures_ente', 'ente_id', 'ente_type'),
    ('type', 'mart_measures_ente_type', 'ente_type', 'ente_type'),
] %}
with long_values as (
    {%- for level, model, key, type_col in levels %}
    {%- set outer = loop %}
    {%- for m in measures %}
    select
        '{{ level }}' as unit_level,
        '{{ m.key }}' as measure_key,
        {{ key }} as unit_id,
        label,
        {{ type_col }} as ente_type,
        cast({{ m.key }} as double) as value,
        {{ 'false' if m.higher_is_better == false else 'true' }} as descending
    from {{ ref(model) }}
    {%- if not (outer.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

ranked as (
    select
        *,
        case when value is not null then rank() over (
            partition by unit_level, measure_key
            order by case when descending then -value else value end
        ) end as rank,
        median(value) over (partition by unit_level, measure_key) as median_value,
        count(value) over (partition by unit_level, measure_key) as n_units_with_value
    from long_values
),

final as (
    select
        unit_level,
        measure_key,
        unit_id,
        label,
        ente_type,
        value,
        rank,
        median_value,
        value - median_value as gap_from_median,
        n_units_with_value
    from ranked
    order by unit_level, measure_key, rank nulls last, label
)

select * from final
