-- The Andamento rows split by area add up to the rows of the whole plan: targets, results
-- and reached results per document and year (mart_policy_area_targets_year against
-- mart_targets_year), steps per document and deadline year (mart_policy_area_steps_deadline
-- against mart_steps_deadline). Returns what disagrees.
with by_area as (
    select * from {{ ref('mart_policy_area_targets_year') }}
),

whole as (
    select * from {{ ref('mart_targets_year') }}
),

steps_by_area as (
    select * from {{ ref('mart_policy_area_steps_deadline') }}
),

steps_whole as (
    select * from {{ ref('mart_steps_deadline') }}
),

summed as (
    select document_id, year, sum(n_targets) as n_targets, sum(n_results) as n_results,
        sum(n_results_reached) as n_results_reached,
        sum(n_targets_measurable) as n_targets_measurable
    from by_area
    group by document_id, year
),

steps_summed as (
    select document_id, deadline_year, sum(n_steps) as n_steps,
        sum(n_steps_with_achievement) as n_steps_with_achievement
    from steps_by_area
    group by document_id, deadline_year
)

select document_id, year, 'target per anno' as problem
from summed as s
full join whole as w using (document_id, year)
where s.n_targets is distinct from w.n_targets
    or s.n_results is distinct from w.n_results
    or s.n_results_reached is distinct from w.n_results_reached
    or s.n_targets_measurable is distinct from w.n_targets_measurable
union all
select document_id, deadline_year, 'step per anno'
from steps_summed as s
full join steps_whole as w using (document_id, deadline_year)
where s.n_steps is distinct from w.n_steps
    or s.n_steps_with_achievement is distinct from w.n_steps_with_achievement
