-- Per object (objective or indicator) and policy area: how strongly the rules point there.
-- title_score sums the weights of the rules matching the title (the decisive evidence);
-- total_score sums rule weight x field weight over every field.
with hits as (
    select * from {{ ref('int_policy_rule_hits') }}
),

per_rule as (
    select
        object_kind,
        object_id,
        policy_area,
        rule_id,
        sum(score) as rule_score,
        sum(rule_weight) filter (where field = 'title') as rule_title_score,
        list_sort(list_distinct(flatten(list(
            list_transform(matched_terms, lambda t: field || ': ' || t)
        )))) as rule_terms
    from hits
    group by object_kind, object_id, policy_area, rule_id
),

final as (
    select
        object_kind,
        object_id,
        policy_area,
        coalesce(sum(rule_title_score), 0) as title_score,
        sum(rule_score) as total_score,
        arg_max(rule_id, coalesce(rule_title_score, 0) * 1000 + rule_score) as top_rule_id,
        list(rule_id order by coalesce(rule_title_score, 0) desc, rule_score desc, rule_id)
            as rule_ids,
        list_sort(list_distinct(flatten(list(rule_terms)))) as matched_terms
    from per_rule
    group by object_kind, object_id, policy_area
)

select * from final
