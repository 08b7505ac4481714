{{ config(materialized='table') }}
-- Per level (document, ente, type of ente) and comparable measure: how many units have a
-- value, their median, quartiles, minimum and maximum (the peer statistics of Confronto).
with ranked as (
    select * from {{ ref('mart_measure_rank') }}
),

final as (
    select
        unit_level,
        measure_key,
        count(value) as n_units_with_value,
        count(*) as n_units,
        median(value) as median_value,
        quantile_cont(value, 0.25) as q1_value,
        quantile_cont(value, 0.75) as q3_value,
        min(value) as min_value,
        max(value) as max_value
    from ranked
    group by unit_level, measure_key
)

select * from final
