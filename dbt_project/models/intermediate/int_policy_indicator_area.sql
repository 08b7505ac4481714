-- The policy area of every indicator: the area of its objective (ereditato, with the rule or
-- declaration the objective's area comes from); for an indicator without an objective (PIAO
-- indicators of a servizio or of the whole ente) or whose objective is non classificato, its
-- own rules (regola); else NC. The secondary area is the best other area the indicator's own
-- text points to when its name matches a rule (so the disability indicators of a scheda that
-- spans all target groups can be found), else the objective's secondary.
with indicators as (
    select distinct on (indicator_id) indicator_id, objective_id, document_id
    from (select * from {{ ref('int_indicators') }} {{ where_touched() }})
    order by indicator_id, year
),

objective_area as (
    select * from {{ ref('int_policy_objective_area') }} {{ where_touched() }}
),

rules as (
    select * from (select * from {{ ref('int_policy_rule_choice') }} {{ where_touched() }})
    where object_kind = 'indicator'
),

own_title as (
    select object_id, policy_area
    from (select * from {{ ref('int_policy_rule_scores') }} {{ where_touched() }})
    where object_kind = 'indicator' and title_score > 0
    qualify row_number() over (
        partition by object_id order by title_score desc, total_score desc, policy_area
    ) = 1
),

decided as (
    select
        i.indicator_id,
        i.objective_id,
        i.document_id,
        o.policy_area as objective_area,
        o.policy_area_secondary as objective_secondary,
        o.policy_area_lineage as objective_lineage,
        o.policy_area_rule_id as objective_rule_id,
        o.policy_area_terms as objective_terms,
        o.policy_area_declared_programmi,
        r.rule_area,
        r.rule_id,
        r.rule_terms,
        t.policy_area as own_title_area,
        case
            when o.policy_area is not null and o.policy_area <> 'NC' then 'ereditato'
            when r.rule_area is not null then 'regola'
            else 'non_classificato'
        end as policy_area_method
    from indicators as i
    left join objective_area as o on i.objective_id = o.objective_id
    left join rules as r on i.indicator_id = r.object_id
    left join own_title as t on i.indicator_id = t.object_id
),

final as (
    select
        indicator_id,
        objective_id,
        document_id,
        case policy_area_method
            when 'ereditato' then objective_area
            when 'regola' then rule_area
            else 'NC'
        end as policy_area,
        policy_area_method,
        case policy_area_method
            when 'ereditato' then objective_lineage
            when 'regola' then 'regola'
        end as policy_area_lineage,
        case policy_area_method
            when 'ereditato' then objective_rule_id
            when 'regola' then rule_id
        end as policy_area_rule_id,
        case policy_area_method
            when 'ereditato' then objective_terms
            when 'regola' then rule_terms
        end as policy_area_terms,
        case when policy_area_method = 'ereditato' then objective_id end
            as policy_area_inherited_from,
        case when policy_area_method = 'ereditato' then policy_area_declared_programmi end
            as policy_area_declared_programmi,
        own_title_area,
        objective_secondary
    from decided
)

select
    indicator_id,
    objective_id,
    document_id,
    policy_area,
    case
        when policy_area = 'NC' then null
        when own_title_area is not null and own_title_area <> policy_area then own_title_area
        when objective_secondary <> policy_area then objective_secondary
    end as policy_area_secondary,
    policy_area_method,
    policy_area_lineage,
    policy_area_rule_id,
    policy_area_terms,
    policy_area_inherited_from,
    policy_area_declared_programmi
from final
