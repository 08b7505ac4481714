-- Stato di attuazione: per document and year of the step's deadline, the steps, those with a
-- weight in the reporting year and those with an achievement.
with steps as (
    select * from {{ ref('fct_objective_step') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        cast(year(deadline) as integer) as deadline_year,
        count(step_code) as n_steps,
        count(weight_in_year_pct) as n_steps_weighted_in_year,
        count(achievement_pct) as n_steps_with_achievement
    from steps
    where deadline is not null
    group by document_id, year(deadline)
)

select * from final
