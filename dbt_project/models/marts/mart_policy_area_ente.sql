{{ config(materialized='table') }}
-- The comparable measures per ente and policy area (the sum of mart_policy_area_measures over
-- the ente's documents), with each area's share of the ente's plan and budget and the median
-- of that share over all enti (peer_median_*) and over the enti of the same type
-- (type_median_*). Budget shares and their medians only count enti whose documents give a
-- budget.
with measures as (
    select * from {{ ref('mart_policy_area_measures') }}
),

enti as (
    select * from {{ ref('dim_ente') }}
),

summed as (
    select
        ente_id,
        policy_area,
        any_value(area_name) as area_name,
        any_value(sort_order) as sort_order,
        count(distinct document_id) as n_documents,
        min(period_start_year) as first_year,
        max(period_end_year) as last_year,
        sum(n_objectives) as n_objectives,
        sum(n_objectives_leaf) as n_objectives_leaf,
        sum(n_objectives_declared) as n_objectives_declared,
        sum(n_objectives_secondary) as n_objectives_secondary,
        sum(n_indicators) as n_indicators,
        sum(n_indicators_secondary) as n_indicators_secondary,
        sum(n_targets) as n_targets,
        sum(n_targets_measurable) as n_targets_measurable,
        sum(n_targets_text) as n_targets_text,
        sum(n_results) as n_results,
        sum(n_results_assessable) as n_results_assessable,
        sum(n_results_reached) as n_results_reached,
        sum(spese_eur) as spese_eur,
        sum(entrate_eur) as entrate_eur,
        sum(spese_correnti_eur) as spese_correnti_eur,
        sum(spese_investimento_eur) as spese_investimento_eur,
        sum(n_budget_lines) as n_budget_lines
    from measures
    group by ente_id, policy_area
),

shares as (
    select
        s.*,
        e.ente_type,
        round(100.0 * s.n_objectives / nullif(sum(s.n_objectives) over w, 0), 2)
            as objectives_share_pct,
        round(100.0 * s.n_objectives_leaf / nullif(sum(s.n_objectives_leaf) over w, 0), 2)
            as objectives_leaf_share_pct,
        round(100.0 * s.n_indicators / nullif(sum(s.n_indicators) over w, 0), 2)
            as indicators_share_pct,
        round(100.0 * s.spese_eur / nullif(sum(s.spese_eur) over w, 0), 2) as spese_share_pct,
        round(100.0 * s.n_targets_measurable / nullif(s.n_targets, 0), 2) as measurable_pct,
        round(100.0 * s.n_results_reached / nullif(s.n_results_assessable, 0), 2)
            as results_reached_pct
    from summed as s
    inner join enti as e using (ente_id)
    window w as (partition by s.ente_id)
),

final as (
    select
        *,
        median(objectives_share_pct) over (partition by policy_area)
            as peer_median_objectives_share_pct,
        median(objectives_leaf_share_pct) over (partition by policy_area)
            as peer_median_objectives_leaf_share_pct,
        median(spese_share_pct) over (partition by policy_area) as peer_median_spese_share_pct,
        count(spese_share_pct) over (partition by policy_area) as n_peers_with_budget,
        count(objectives_share_pct) over (partition by policy_area) as n_peers,
        median(objectives_share_pct) over (partition by policy_area, ente_type)
            as type_median_objectives_share_pct,
        median(spese_share_pct) over (partition by policy_area, ente_type)
            as type_median_spese_share_pct
    from shares
)

select * from final
