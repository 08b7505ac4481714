{{ config(materialized='table') }}
-- The comparable measures of each ente: the counts of its documents summed, then the same
-- derived measures as per document (macros/measures.sql). Definitions: _marts.yml.
with documents as (
    select * from {{ ref('mart_measures_document') }}
),

summed as (
    select
        b.ente_id,
        any_value(b.ente_name) as ente_name,
        any_value(b.ente_type) as ente_type,
        any_value(b.region) as region,
        any_value(b.ente_short_name) as label,
        min(b.period_start_year) as period_start_year,
        max(b.period_end_year) as period_end_year,
        {{ measure_sums() }}
    from documents as b
    group by b.ente_id
),

final as (
    select
        m.*,
        {{ measure_ratios() }}
    from summed as m
)

select * from final
