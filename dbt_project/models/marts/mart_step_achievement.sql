-- Stato di attuazione: per objective with steps, the weighted achievement of its steps in
-- the reporting year. The document writes each step's achievement in points of the step's
-- year weight (its TOTALE row is their sum), so a step's degree of completion is
-- achievement / year weight and the objective's achievement is
-- sum(year weight x degree) / sum(year weight) = sum(points) / sum(year weights) x 100.
-- Steps without a year weight (due in later years) are counted but left out of the figure.
with steps as (
    select * from {{ ref('fct_objective_step') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('dim_objective') }} {{ where_touched() }}
),

per_objective as (
    select
        s.document_id,
        any_value(s.ente_id) as ente_id,
        s.objective_id,
        any_value(s.objective_code) as objective_code,
        count(s.step_code) as n_steps,
        count(*) filter (where s.weight_in_year_pct > 0) as n_steps_in_year,
        sum(s.weight_in_year_pct) as weight_in_year_sum,
        sum(coalesce(s.achievement_pct, 0)) filter (where s.weight_in_year_pct > 0)
            as achieved_points,
        min(s.source_line) as source_line
    from steps as s
    group by s.document_id, s.objective_id
),

final as (
    select
        p.document_id,
        p.ente_id,
        p.objective_id,
        p.objective_code,
        o.title as objective_title,
        cast(o.weight_pct as double) as incidence_pct,
        p.n_steps,
        p.n_steps_in_year,
        cast(p.weight_in_year_sum as double) as weight_in_year_sum,
        cast(p.achieved_points as double) as achieved_points,
        case
            when p.n_steps_in_year > 0 and p.weight_in_year_sum > 0
                then cast(p.achieved_points as double) / p.weight_in_year_sum * 100
        end as achievement_pct,
        p.source_line
    from per_objective as p
    left join objectives as o using (objective_id)
)

select * from final
