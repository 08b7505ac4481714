{{ config(materialized='table') }}
-- Budget per ente x year x policy area x flow (entrata, spesa) x nature (corrente,
-- investimento): the sum of the PEG budget lines of that area (mart_budget_line_policy_area),
-- as the documents give them; amounts are never split across areas. share_of_flow_pct is the
-- area's share of the ente's total for that year, flow and nature.
with lines as (
    select * from {{ ref('mart_budget_line_policy_area') }}
),

areas as (
    select * from {{ ref('policy_areas') }}
),

grouped as (
    select
        ente_id,
        year,
        policy_area,
        flow,
        nature,
        cast(sum(amount_eur) as decimal(18, 2)) as amount_eur,
        cast(sum(amount_eur) filter (where policy_area_method = 'dichiarato') as decimal(18, 2))
            as amount_declared_eur,
        count(*) as n_budget_lines,
        count(distinct project_code) as n_projects,
        count(distinct document_id) as n_documents,
        string_agg(distinct document_id, ', ' order by document_id) as document_ids
    from lines
    group by ente_id, year, policy_area, flow, nature
),

final as (
    select
        g.ente_id,
        g.year,
        g.policy_area,
        a.area_name,
        a.sort_order,
        g.flow,
        g.nature,
        g.amount_eur,
        coalesce(g.amount_declared_eur, 0) as amount_declared_eur,
        round(
            100 * g.amount_eur
            / nullif(sum(g.amount_eur) over (partition by g.ente_id, g.year, g.flow, g.nature), 0),
            2
        ) as share_of_flow_pct,
        g.n_budget_lines,
        g.n_projects,
        g.n_documents,
        g.document_ids
    from grouped as g
    inner join areas as a using (policy_area)
)

select * from final
