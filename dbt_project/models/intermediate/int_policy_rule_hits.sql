-- Every match of a policy rule in a piece of text (int_policy_evidence): which rule, which
-- terms, in which field, with the score it adds (rule weight x field weight). Candidates come
-- from an equality join on the first three letters of each word, so the cost grows with the
-- amount of text, not with text x rules; only candidates are checked with the rule's regular
-- expression (after the rule's excluded phrases are taken out of the text).
with evidence as (
    select * from {{ ref('int_policy_evidence') }}
),

terms as (
    select * from {{ ref('int_policy_rule_terms') }}
),

tokens as (
    select evidence_id, field, unnest(string_split(trim(value_norm), ' ')) as token
    from evidence
),

candidates as (
    select distinct t.evidence_id, k.rule_id
    from tokens as t
    inner join terms as k
        on k.field = t.field
        and k.bucket = substr(t.token, 1, 3)
        and (
            (k.first_word_is_stem and starts_with(t.token, k.first_word))
            or (not k.first_word_is_stem and t.token = k.first_word)
        )
),

rules as (
    select distinct
        rule_id, policy_area, rule_weight, field, field_weight, rule_regex, exclude_regex
    from terms
),

checked as (
    select
        e.object_kind,
        e.object_id,
        e.document_id,
        e.field,
        e.evidence_id,
        e.value,
        r.rule_id,
        r.policy_area,
        r.rule_weight,
        r.field_weight,
        r.rule_regex,
        case
            when r.exclude_regex is null then e.value_norm
            else regexp_replace(e.value_norm, r.exclude_regex, ' ', 'g')
        end as text_for_rule
    from candidates as c
    inner join evidence as e using (evidence_id)
    inner join rules as r on r.rule_id = c.rule_id and r.field = e.field
),

final as (
    select
        object_kind,
        object_id,
        document_id,
        field,
        evidence_id,
        value,
        rule_id,
        policy_area,
        rule_weight,
        field_weight,
        rule_weight * field_weight as score,
        list_sort(list_distinct(regexp_extract_all(text_for_rule, rule_regex))) as matched_terms
    from checked
    where regexp_matches(text_for_rule, rule_regex)
)

select * from final
