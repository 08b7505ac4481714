-- mart_policy_area_unit adds up to the whole plan: per document and per ente, the objectives,
-- indicators and PEG spending of all the areas are those of mart_measures_document and
-- mart_measures_ente (no objective, indicator or euro left out of the areas or counted
-- twice), and at ente level the shares and their medians are those of mart_policy_area_ente
-- (which rounds them to 2 decimals). Returns the units that disagree.
with units as (
    select * from {{ ref('mart_policy_area_unit') }}
),

documents as (
    select * from {{ ref('mart_measures_document') }}
),

enti as (
    select * from {{ ref('mart_measures_ente') }}
),

ente_areas as (
    select * from {{ ref('mart_policy_area_ente') }}
),

per_unit as (
    select
        unit_level,
        unit_id,
        sum(n_objectives) as n_objectives,
        sum(n_indicators) as n_indicators,
        sum(spese_eur) as spese_eur,
        max(n_objectives_total) as n_objectives_total,
        max(spese_total_eur) as spese_total_eur
    from units
    where unit_level in ('document', 'ente')
    group by unit_level, unit_id
),

expected as (
    select 'document' as unit_level, document_id as unit_id, n_objectives, n_indicators,
        spese_eur
    from documents
    union all
    select 'ente', ente_id, n_objectives, n_indicators, spese_eur
    from enti
),

totals as (
    select unit_level, unit_id, 'totali diversi' as problem
    from per_unit as u
    full join expected as e using (unit_level, unit_id)
    where u.n_objectives is distinct from e.n_objectives
        or u.n_objectives_total is distinct from e.n_objectives
        or u.n_indicators is distinct from e.n_indicators
        or abs(coalesce(u.spese_eur, 0) - coalesce(e.spese_eur, 0)) > 0.005
        or (u.spese_eur is null) <> (e.spese_eur is null)
        or u.spese_total_eur is distinct from u.spese_eur
),

medians as (
    -- mart_policy_area_ente rounds its shares to 2 decimals: they agree within that
    select u.unit_level, u.unit_id, 'quota o mediana diversa: ' || u.policy_area as problem
    from units as u
    inner join ente_areas as a on a.ente_id = u.unit_id and a.policy_area = u.policy_area
    where u.unit_level = 'ente'
        and (
            not coalesce(abs(u.objectives_share_pct - a.objectives_share_pct) <= 0.005,
                u.objectives_share_pct is null and a.objectives_share_pct is null)
            or not coalesce(abs(u.spese_share_pct - a.spese_share_pct) <= 0.005,
                u.spese_share_pct is null and a.spese_share_pct is null)
            or not coalesce(
                abs(u.median_objectives_share_pct - a.peer_median_objectives_share_pct) <= 0.01,
                u.median_objectives_share_pct is null
                and a.peer_median_objectives_share_pct is null)
            or not coalesce(
                abs(u.median_spese_share_pct - a.peer_median_spese_share_pct) <= 0.01,
                u.median_spese_share_pct is null and a.peer_median_spese_share_pct is null)
        )
)

select * from totals
union all
select * from medians
