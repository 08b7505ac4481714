{{ config(materialized='table') }}
-- The measures of each unit (document, ente, type of ente) per policy area, as ready rows for
-- the dashboard: the Aree di intervento page (the areas x enti matrix, an area in every ente)
-- and the area filter of Confronto and Andamento. Documents and enti come from
-- mart_policy_area_measures and mart_policy_area_ente (same counts; shares not rounded); a
-- type of ente sums its enti. Each row also carries the unit's totals over every area (the
-- "213" in "11 objectives of 213"), the median share over the units of its level (median_*:
-- every unit, zero where it has nothing in the area; budget shares only over units with a
-- budget)
-- and over the units of its level and type of ente (type_median_*, documents and enti only).
-- Columns with meta measure: true are the catalogue dim_policy_area_measure.
{%- set counts = [
    'n_objectives', 'n_objectives_declared', 'n_objectives_secondary', 'n_indicators',
    'n_indicators_secondary', 'n_targets', 'n_targets_measurable', 'n_targets_text', 'n_results',
    'n_results_assessable', 'n_results_reached', 'n_budget_lines'
] %}
{%- set amounts = ['spese_eur', 'spese_correnti_eur', 'spese_investimento_eur', 'entrate_eur'] %}
with document_measures as (
    select * from {{ ref('mart_policy_area_measures') }}
),

ente_measures as (
    select * from {{ ref('mart_policy_area_ente') }}
),

documents as (
    select * from {{ ref('mart_measures_document') }}
),

enti as (
    select * from {{ ref('mart_measures_ente') }}
),

by_document as (
    select
        'document' as unit_level,
        m.document_id as unit_id,
        d.label,
        m.ente_id,
        d.ente_name,
        d.ente_type,
        1 as n_enti,
        1 as n_documents,
        m.period_start_year as first_year,
        m.period_end_year as last_year,
        m.policy_area,
        m.area_name,
        m.sort_order,
        {%- for c in counts + amounts %}
        m.{{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from document_measures as m
    inner join documents as d using (document_id)
),

by_ente as (
    select
        'ente' as unit_level,
        m.ente_id as unit_id,
        e.label,
        m.ente_id,
        e.ente_name,
        m.ente_type,
        1 as n_enti,
        m.n_documents,
        m.first_year,
        m.last_year,
        m.policy_area,
        m.area_name,
        m.sort_order,
        {%- for c in counts + amounts %}
        m.{{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from ente_measures as m
    inner join enti as e using (ente_id)
),

by_type as (
    -- a type of ente: the counts and amounts of its enti summed (amounts stay null when no
    -- ente of the type has a budget)
    select
        'type' as unit_level,
        ente_type as unit_id,
        ente_type as label,
        null::varchar as ente_id,
        null::varchar as ente_name,
        ente_type,
        count(*) as n_enti,
        sum(n_documents) as n_documents,
        min(first_year) as first_year,
        max(last_year) as last_year,
        policy_area,
        any_value(area_name) as area_name,
        any_value(sort_order) as sort_order,
        {%- for c in counts + amounts %}
        sum({{ c }}) as {{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from ente_measures
    group by ente_type, policy_area
),

units as (
    select * from by_document
    union all
    select * from by_ente
    union all
    select * from by_type
),

shares as (
    -- the shares as mart_policy_area_measures and mart_policy_area_ente define them, not
    -- rounded (a share rounded to 2 decimals, then to 1 on screen, can be off by 0.1)
    select
        *,
        100.0 * n_objectives / nullif(sum(n_objectives) over unit, 0) as objectives_share_pct,
        100.0 * n_indicators / nullif(sum(n_indicators) over unit, 0) as indicators_share_pct,
        -- the total summed exactly (decimal), then divided: a sum of doubles depends on the
        -- order of the rows, and the same build would give shares a last digit apart
        100.0 * cast(spese_eur as double)
        / nullif(cast(sum(spese_eur) over unit as double), 0) as spese_share_pct,
        100.0 * n_targets_measurable / nullif(n_targets, 0) as measurable_pct,
        100.0 * n_results_reached / nullif(n_results_assessable, 0) as results_reached_pct,
        sum(n_objectives) over unit as n_objectives_total,
        sum(n_indicators) over unit as n_indicators_total,
        sum(spese_eur) over unit as spese_total_eur
    from units
    window unit as (partition by unit_level, unit_id)
),

final as (
    select
        unit_level,
        unit_id,
        label,
        ente_id,
        ente_name,
        ente_type,
        cast(n_enti as bigint) as n_enti,
        cast(n_documents as bigint) as n_documents,
        first_year,
        last_year,
        policy_area,
        area_name,
        sort_order,
        cast(n_objectives as bigint) as n_objectives,
        cast(n_objectives_total as bigint) as n_objectives_total,
        objectives_share_pct,
        cast(n_objectives_declared as bigint) as n_objectives_declared,
        cast(n_objectives_secondary as bigint) as n_objectives_secondary,
        cast(n_indicators as bigint) as n_indicators,
        cast(n_indicators_total as bigint) as n_indicators_total,
        indicators_share_pct,
        cast(n_indicators_secondary as bigint) as n_indicators_secondary,
        cast(n_targets as bigint) as n_targets,
        cast(n_targets_measurable as bigint) as n_targets_measurable,
        cast(n_targets_text as bigint) as n_targets_text,
        measurable_pct,
        cast(n_results as bigint) as n_results,
        cast(n_results_assessable as bigint) as n_results_assessable,
        cast(n_results_reached as bigint) as n_results_reached,
        results_reached_pct,
        cast(spese_eur as decimal(18, 2)) as spese_eur,
        cast(spese_total_eur as decimal(18, 2)) as spese_total_eur,
        spese_share_pct,
        cast(spese_correnti_eur as decimal(18, 2)) as spese_correnti_eur,
        cast(spese_investimento_eur as decimal(18, 2)) as spese_investimento_eur,
        cast(entrate_eur as decimal(18, 2)) as entrate_eur,
        cast(n_budget_lines as bigint) as n_budget_lines,
        median(objectives_share_pct) over area as median_objectives_share_pct,
        median(spese_share_pct) over area as median_spese_share_pct,
        count(objectives_share_pct) over area as n_units_with_objectives,
        count(spese_share_pct) over area as n_units_with_budget,
        case when unit_level <> 'type' then
            median(objectives_share_pct) over area_type
        end as type_median_objectives_share_pct,
        case when unit_level <> 'type' then
            median(spese_share_pct) over area_type
        end as type_median_spese_share_pct
    from shares
    window
        area as (partition by unit_level, policy_area),
        area_type as (partition by unit_level, policy_area, ente_type)
)

select * from final
order by unit_level, policy_area, unit_id
