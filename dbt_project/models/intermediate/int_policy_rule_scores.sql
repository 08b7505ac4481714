-- Per object (objective or indicator) and policy area: how strongly the rules point there.
-- Each piece of text counts once per area, with its best matching rule (two rules of the same
-- area matching the same words do not add up). title_score sums the weights of the best rules
-- matching the title (the decisive evidence); total_score sums rule weight x field weight
-- over every field; max_rule_weight is the weight of the most specific rule of the area that
-- matched anywhere.
with hits as (
    select * from {{ ref('int_policy_rule_hits') }} {{ where_touched() }}
),

per_value as (
    select
        object_kind,
        object_id,
        any_value(document_id) as document_id,
        policy_area,
        evidence_id,
        field,
        max(score) as value_score,
        max(rule_weight) as value_rule_weight,
        first(rule_id order by score desc, rule_id) as value_rule_id,
        list_sort(list_distinct(flatten(list(
            list_transform(matched_terms, lambda t: field || ': ' || t)
        )))) as value_terms
    from hits
    group by object_kind, object_id, policy_area, evidence_id, field
),

per_rule as (
    select
        object_kind,
        object_id,
        policy_area,
        value_rule_id as rule_id,
        sum(value_score) as rule_score,
        sum(value_rule_weight) filter (where field = 'title') as rule_title_score
    from per_value
    group by all
),

top_rule as (
    select
        object_kind,
        object_id,
        policy_area,
        first(
            rule_id order by coalesce(rule_title_score, 0) * 1000 + rule_score desc, rule_id
        ) as top_rule_id,
        list(rule_id order by coalesce(rule_title_score, 0) desc, rule_score desc, rule_id)
            as rule_ids
    from per_rule
    group by object_kind, object_id, policy_area
),

final as (
    select
        v.object_kind,
        v.object_id,
        any_value(v.document_id) as document_id,
        v.policy_area,
        coalesce(sum(v.value_rule_weight) filter (where v.field = 'title'), 0) as title_score,
        sum(v.value_score) as total_score,
        max(v.value_rule_weight) as max_rule_weight,
        any_value(t.top_rule_id) as top_rule_id,
        any_value(t.rule_ids) as rule_ids,
        list_sort(list_distinct(flatten(list(v.value_terms)))) as matched_terms
    from per_value as v
    inner join top_rule as t using (object_kind, object_id, policy_area)
    group by v.object_kind, v.object_id, v.policy_area
)

select * from final
