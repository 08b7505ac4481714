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
        {{ value_spread('value') }}
    from ranked
    group by unit_level, measure_key
)

select * from final
