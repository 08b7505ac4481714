-- Per document and year: targets (indicator-years with a target as written) by kind, results
-- reported, and results that can be compared with their target and reach it. The Andamento
-- chart and table ("Target e risultati per anno") read these rows.
with results as (
    select * from {{ ref('mart_indicator_result') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        year,
        {{ target_and_result_counts() }},
        count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as n_targets_measurable,
        cast(count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as double) / nullif(count(target_raw), 0) * 100 as pct_measurable
    from results
    where year is not null
    group by document_id, year
)

select * from final
