-- The policy area of every objective, in this order of precedence:
--   1. dichiarato: the document declares it for the objective (int_policy_declared);
--   2. ereditato:  an ancestor's area that the document declares;
--   3. regola:     the objective's own rules, when strong (a rule of full weight supports
--                  them, see int_policy_rule_choice);
--   4. ereditato:  the parent's area, however the parent got it (also when the rules tie
--                  between areas and the parent's area is one of them);
--   5. regola:     the objective's own rules, however weak;
--   6. non_classificato (NC).
-- Walks each objective tree from its roots. policy_area_lineage says where an inherited area
-- comes from (a declaration or a rule); the secondary area is the best other area the rules
-- find for the objective itself, else (for an inherited area) the parent's secondary.
{%- set parent_columns = [
    'policy_area', 'policy_area_lineage', 'policy_area_rule_id', 'policy_area_terms',
    'policy_area_inherited_from', 'policy_area_declared_programmi', 'policy_area_secondary',
] %}

{% set decide %}
    (
        select
            x.*,
            case
                when x.declared_area is not null then 1
                when x.p_policy_area_lineage = 'dichiarato' then 2
                when list_contains(string_split(x.rule_tied_areas, '|'), x.p_policy_area) then 4
                when x.rule_is_strong then 3
                when x.p_policy_area is not null and x.p_policy_area <> 'NC' then 4
                when x.rule_area is not null then 5
                else 6
            end as step
        from joined as x
    )
{% endset %}

{% set assign %}
    select
        objective_id,
        document_id,
        parent_objective_id,
        policy_area,
        policy_area_method,
        policy_area_lineage,
        policy_area_rule_id,
        policy_area_terms,
        policy_area_inherited_from,
        policy_area_declared_programmi,
        case
            when policy_area = 'NC' then null
            else coalesce(
                list_filter(string_split(secondary_candidates, '|'), lambda s: s <> policy_area)[1],
                case
                    when step in (2, 4) and p_policy_area_secondary <> policy_area
                        then p_policy_area_secondary
                end
            )
        end as policy_area_secondary,
        declared_in,
        rule_area,
        rule_id,
        step
    from (
        select
            d.*,
            case
                when step = 1 then declared_area
                when step in (2, 4) then p_policy_area
                when step in (3, 5) then rule_area
                else 'NC'
            end as policy_area,
            case
                when step = 1 then 'dichiarato'
                when step in (2, 4) then 'ereditato'
                when step in (3, 5) then 'regola'
                else 'non_classificato'
            end as policy_area_method,
            case
                when step in (1, 2) then 'dichiarato'
                when step in (3, 5) then 'regola'
                when step = 4 then p_policy_area_lineage
            end as policy_area_lineage,
            case
                when step in (2, 4) then p_policy_area_rule_id
                when step in (3, 5) then rule_id
            end as policy_area_rule_id,
            case
                when step in (2, 4) then p_policy_area_terms
                when step in (3, 5) then rule_terms
            end as policy_area_terms,
            case
                when step in (2, 4) then coalesce(p_policy_area_inherited_from, p_objective_id)
            end as policy_area_inherited_from,
            case
                when step = 1 then declared_programmi
                when step = 2 then p_policy_area_declared_programmi
            end as policy_area_declared_programmi
        from decided as d
    )
{% endset %}

with recursive inputs as (
    select * from {{ ref('int_policy_objective_inputs') }} {{ where_touched() }}
),

resolved as (
    with joined as (
        select
            c.*,
            cast(null as varchar) as p_objective_id,
            {%- for col in parent_columns %}
            cast(null as varchar) as p_{{ col }}{{ ',' if not loop.last }}
            {%- endfor %}
        from inputs as c
        where c.parent_objective_id is null
    ),
    decided as {{ decide }}
    {{ assign }}

    union all

    (
        with joined as (
            select
                c.*,
                p.objective_id as p_objective_id,
                {%- for col in parent_columns %}
                p.{{ col }} as p_{{ col }}{{ ',' if not loop.last }}
                {%- endfor %}
            from inputs as c
            inner join resolved as p on c.parent_objective_id = p.objective_id
        ),
        decided as {{ decide }}
        {{ assign }}
    )
),

final as (
    select
        objective_id,
        document_id,
        parent_objective_id,
        policy_area,
        policy_area_secondary,
        policy_area_method,
        policy_area_lineage,
        policy_area_rule_id,
        policy_area_terms,
        policy_area_inherited_from,
        policy_area_declared_programmi,
        declared_in as policy_area_declared_in,
        rule_area as own_rule_area,
        rule_id as own_rule_id,
        step as precedence_step
    from resolved
)

select * from final
