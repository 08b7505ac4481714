-- The comparable measures of each plan document per policy area: one row per document x area
-- (every area, zero where the plan has nothing there). Counts follow the Confronto page:
-- objectives at any level (and leaf objectives, those no other objective hangs from),
-- indicators, targets counted once per indicator and year, measurable targets (number,
-- percent, date, yes/no), results reported, results that can be compared with their target
-- and those that reach it (yes/no results read as written; numbers against the target's
-- operator, >= when none), and the PEG budget lines' euro (null when the document has no
-- budget). n_objectives_secondary and n_indicators_secondary count what has the area as its
-- secondary area (an objective spanning several target groups, the disability indicators of
-- such an objective). The *_share_pct columns give the area's share of the document's total.
with documents as (
    select * from {{ ref('dim_document') }} {{ where_touched() }}
),

areas as (
    select * from {{ ref('policy_areas') }}
),

objectives as (
    select * from {{ ref('dim_objective') }} {{ where_touched() }}
),

indicators as (
    select * from {{ ref('dim_indicator') }} {{ where_touched() }}
),

indicator_years as (
    select distinct
        document_id, indicator_id, year, target_raw, target_kind, target_operator,
        target_value, actual_raw, actual_value
    from (select * from {{ ref('fct_indicator_year') }} {{ where_touched() }})
),

budget as (
    select * from {{ ref('mart_budget_line_policy_area') }} {{ where_touched() }}
),

leaf as (
    select o.objective_id
    from objectives as o
    where not exists (
        select 1 from objectives as c where c.parent_objective_id = o.objective_id
    )
),

objective_counts as (
    select
        o.document_id,
        o.policy_area,
        count(*) as n_objectives,
        count(l.objective_id) as n_objectives_leaf,
        count(*) filter (where o.policy_area_method = 'dichiarato') as n_objectives_declared
    from objectives as o
    left join leaf as l using (objective_id)
    group by o.document_id, o.policy_area
),

assessed as (
    select
        y.*,
        i.policy_area,
        case
            when y.target_kind = 'boolean' and y.actual_value is not null
                then y.actual_value > 0
            when y.target_kind = 'boolean' and regexp_matches(y.actual_raw, '^\s*[sS][iìIÌ]\b')
                then true
            when y.target_kind = 'boolean' and regexp_matches(y.actual_raw, '^\s*[nN][oO]\b')
                then false
            when y.target_kind in ('number', 'percent')
                and y.actual_value is not null and y.target_value is not null
                then case y.target_operator
                    when '>' then y.actual_value > y.target_value
                    when '<=' then y.actual_value <= y.target_value
                    when '<' then y.actual_value < y.target_value
                    else y.actual_value >= y.target_value
                end
        end as reaches_target
    from indicator_years as y
    inner join indicators as i using (indicator_id)
),

indicator_counts as (
    select document_id, policy_area, count(*) as n_indicators
    from indicators
    group by document_id, policy_area
),

secondary_counts as (
    select document_id, policy_area_secondary as policy_area, count(*) as n_objectives_secondary,
        0 as n_indicators_secondary
    from objectives
    where policy_area_secondary is not null
    group by all
    union all
    select document_id, policy_area_secondary, 0, count(*)
    from indicators
    where policy_area_secondary is not null
    group by all
),

secondary_totals as (
    select document_id, policy_area, sum(n_objectives_secondary) as n_objectives_secondary,
        sum(n_indicators_secondary) as n_indicators_secondary
    from secondary_counts
    group by all
),

target_counts as (
    select
        document_id,
        policy_area,
        count(target_raw) as n_targets,
        count(*) filter (where target_kind in ('number', 'percent', 'date', 'boolean'))
            as n_targets_measurable,
        count(*) filter (where target_kind = 'text') as n_targets_text,
        count(actual_raw) as n_results,
        count(reaches_target) as n_results_assessable,
        count(*) filter (where reaches_target) as n_results_reached
    from assessed
    group by document_id, policy_area
),

budget_totals as (
    select
        document_id,
        policy_area,
        sum(amount_eur) filter (where flow = 'spesa') as spese_eur,
        sum(amount_eur) filter (where flow = 'entrata') as entrate_eur,
        sum(amount_eur) filter (where flow = 'spesa' and nature = 'corrente') as spese_correnti_eur,
        sum(amount_eur) filter (where flow = 'spesa' and nature = 'investimento')
            as spese_investimento_eur,
        count(*) as n_budget_lines
    from budget
    group by document_id, policy_area
),

documents_with_budget as (
    select distinct document_id from budget
),

grid as (
    select d.document_id, d.ente_id, d.period_start_year, d.period_end_year, a.policy_area,
        a.area_name, a.sort_order
    from documents as d
    cross join areas as a
),

joined as (
    select
        g.document_id,
        g.ente_id,
        g.period_start_year,
        g.period_end_year,
        g.policy_area,
        g.area_name,
        g.sort_order,
        coalesce(o.n_objectives, 0) as n_objectives,
        coalesce(o.n_objectives_leaf, 0) as n_objectives_leaf,
        coalesce(o.n_objectives_declared, 0) as n_objectives_declared,
        coalesce(s.n_objectives_secondary, 0) as n_objectives_secondary,
        coalesce(i.n_indicators, 0) as n_indicators,
        coalesce(s.n_indicators_secondary, 0) as n_indicators_secondary,
        coalesce(t.n_targets, 0) as n_targets,
        coalesce(t.n_targets_measurable, 0) as n_targets_measurable,
        coalesce(t.n_targets_text, 0) as n_targets_text,
        coalesce(t.n_results, 0) as n_results,
        coalesce(t.n_results_assessable, 0) as n_results_assessable,
        coalesce(t.n_results_reached, 0) as n_results_reached,
        case when wb.document_id is not null then coalesce(b.spese_eur, 0) end as spese_eur,
        case when wb.document_id is not null then coalesce(b.entrate_eur, 0) end as entrate_eur,
        case when wb.document_id is not null then coalesce(b.spese_correnti_eur, 0) end
            as spese_correnti_eur,
        case when wb.document_id is not null then coalesce(b.spese_investimento_eur, 0) end
            as spese_investimento_eur,
        coalesce(b.n_budget_lines, 0) as n_budget_lines
    from grid as g
    left join objective_counts as o using (document_id, policy_area)
    left join indicator_counts as i using (document_id, policy_area)
    left join secondary_totals as s using (document_id, policy_area)
    left join target_counts as t using (document_id, policy_area)
    left join budget_totals as b using (document_id, policy_area)
    left join documents_with_budget as wb using (document_id)
),

final as (
    select
        *,
        round(100.0 * n_objectives / nullif(sum(n_objectives) over w, 0), 2)
            as objectives_share_pct,
        round(100.0 * n_objectives_leaf / nullif(sum(n_objectives_leaf) over w, 0), 2)
            as objectives_leaf_share_pct,
        round(100.0 * n_indicators / nullif(sum(n_indicators) over w, 0), 2)
            as indicators_share_pct,
        round(100.0 * spese_eur / nullif(sum(spese_eur) over w, 0), 2) as spese_share_pct,
        round(100.0 * n_targets_measurable / nullif(n_targets, 0), 2) as measurable_pct,
        round(100.0 * n_results_reached / nullif(n_results_assessable, 0), 2)
            as results_reached_pct
    from joined
    window w as (partition by document_id)
)

select * from final
