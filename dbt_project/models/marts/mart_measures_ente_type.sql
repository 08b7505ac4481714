{{ config(materialized='table') }}
-- The comparable measures of each type of ente (ASC, Comune, ...): the counts of all its
-- enti's documents summed, then the same derived measures (macros/measures.sql).
with documents as (
    select * from {{ ref('mart_measures_document') }}
),

summed as (
    select
        b.ente_type,
        b.ente_type as label,
        min(b.period_start_year) as period_start_year,
        max(b.period_end_year) as period_end_year,
        {{ measure_sums() }}
    from documents as b
    group by b.ente_type
),

final as (
    select
        m.*,
        {{ measure_ratios() }}
    from summed as m
)

select * from final
