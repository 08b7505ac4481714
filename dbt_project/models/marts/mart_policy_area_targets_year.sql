-- Per document, policy area and year: the targets (indicator-years with a target as written)
-- by kind, results reported, and results that can be compared with their target and reach it,
-- counting the indicators whose primary area is that area. The rows of mart_targets_year split
-- by area (their sum over the areas is mart_targets_year): the Andamento page with an area.
with results as (
    select * from {{ ref('mart_indicator_result') }} {{ where_touched() }}
),

indicators as (
    select * from {{ ref('dim_indicator') }} {{ where_touched() }}
),

final as (
    select
        r.document_id,
        any_value(r.ente_id) as ente_id,
        i.policy_area,
        r.year,
        {{ target_and_result_counts() }},
        count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as n_targets_measurable,
        cast(count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as double) / nullif(count(target_raw), 0) * 100 as pct_measurable
    from results as r
    inner join indicators as i using (indicator_id)
    where r.year is not null
    group by r.document_id, i.policy_area, r.year
)

select * from final
