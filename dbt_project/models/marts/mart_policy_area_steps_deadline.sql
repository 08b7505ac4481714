-- Stato di attuazione, per document, policy area of the step's objective and year of the
-- step's deadline: the steps, those with a weight in the reporting year and those with an
-- achievement. The rows of mart_steps_deadline split by area: the Andamento page with an area.
with steps as (
    select * from {{ ref('fct_objective_step') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('dim_objective') }} {{ where_touched() }}
),

final as (
    select
        s.document_id,
        any_value(s.ente_id) as ente_id,
        coalesce(o.policy_area, 'NC') as policy_area,
        cast(year(s.deadline) as integer) as deadline_year,
        count(s.step_code) as n_steps,
        count(s.weight_in_year_pct) as n_steps_weighted_in_year,
        count(s.achievement_pct) as n_steps_with_achievement
    from steps as s
    left join objectives as o using (objective_id)
    where s.deadline is not null
    group by s.document_id, coalesce(o.policy_area, 'NC'), year(s.deadline)
)

select * from final
