-- Per document and year: targets (indicator-years with a target as written) by kind, results
-- reported, and results that can be compared with their target and reach it. The Andamento
-- chart and table ("Target e risultati per anno") read these rows.
with results as (
    select * from {{ ref('mart_indicator_result') }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        year,
        count(target_raw) as n_targets,
        count(*) filter (where target_kind = 'number') as n_targets_number,
        count(*) filter (where target_kind = 'percent') as n_targets_percent,
        count(*) filter (where target_kind = 'date') as n_targets_date,
        count(*) filter (where target_kind = 'boolean') as n_targets_boolean,
        count(*) filter (where target_kind = 'text') as n_targets_text,
        count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as n_targets_measurable,
        cast(count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as double) / nullif(count(target_raw), 0) * 100 as pct_measurable,
        count(actual_raw) as n_results,
        count(*) filter (where is_assessable) as n_results_assessable,
        count(*) filter (where reaches_target) as n_results_reached
    from results
    where year is not null
    group by document_id, year
)

select * from final
