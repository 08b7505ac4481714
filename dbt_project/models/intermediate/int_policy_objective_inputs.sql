-- One row per objective with everything the policy-area precedence needs: its parent, what
-- the document declares for it (int_policy_declared) and what the rules say
-- (int_policy_rule_choice). Input of int_policy_objective_area.
with objectives as (
    select * from {{ ref('int_objectives') }} {{ where_touched() }}
),

declared as (
    select * from {{ ref('int_policy_declared') }} {{ where_touched() }}
),

rules as (
    select * from (select * from {{ ref('int_policy_rule_choice') }} {{ where_touched() }})
    where object_kind = 'objective'
),

final as (
    select
        o.objective_id,
        o.document_id,
        case
            when p.objective_id is not null then o.parent_objective_id
        end as parent_objective_id,
        d.policy_area as declared_area,
        d.declared_programmi,
        d.declared_in,
        r.rule_area,
        r.rule_score,
        r.rule_id,
        r.rule_terms,
        coalesce(r.rule_is_strong, false) as rule_is_strong,
        r.rule_tied_areas,
        -- the rules' own area first: it is the best secondary when the area is declared or
        -- inherited (only when its score is enough for a secondary)
        nullif(concat_ws(
            '|',
            case when r.rule_score >= {{ var('policy_secondary_min_score') }} then r.rule_area end,
            r.secondary_candidates
        ), '') as secondary_candidates
    from objectives as o
    left join objectives as p on o.parent_objective_id = p.objective_id
    left join declared as d on o.objective_id = d.objective_id
    left join rules as r on o.objective_id = r.object_id
)

select * from final
