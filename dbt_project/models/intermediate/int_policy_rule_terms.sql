{{ config(materialized='table') }}
-- Every term of every policy rule (seed policy_rules), normalised like the text it is looked
-- for in (macro policy_normalise_term), with its kind: include (the rule's terms) or exclude
-- (phrases taken out of the text before the rule's terms are looked for). One row per rule x
-- term x field the rule looks at. A word ending in * matches any word it begins.
with rules as (
    select * from {{ ref('policy_rules') }}
),

fields as (
    select * from {{ ref('policy_rule_fields') }}
),

raw_terms as (
    select rule_id, 'include' as term_kind, unnest(string_split(terms, '|')) as term_raw
    from rules
    union all
    select rule_id, 'exclude', unnest(string_split(exclude_terms, '|'))
    from rules
    where exclude_terms is not null
),

terms as (
    select distinct
        rule_id,
        term_kind,
        {{ policy_normalise_term('term_raw') }} as term
    from raw_terms
),

rule_fields as (
    select r.rule_id, r.policy_area, coalesce(r.weight, 1.0) as rule_weight, f.field,
        f.weight as field_weight
    from rules as r
    inner join fields as f
        on (trim(r.fields) = '*' and f.in_star = 'si')
        or list_contains(list_transform(string_split(r.fields, '|'), lambda x: trim(x)), f.field)
),

final as (
    select
        f.rule_id,
        f.policy_area,
        f.rule_weight,
        f.field,
        f.field_weight,
        t.term_kind,
        t.term,
        t.rule_id || '|' || t.term_kind || '|' || t.term as term_key,
        len(string_split(t.term, ' ')) as n_words
    from terms as t
    inner join rule_fields as f using (rule_id)
    where t.term <> ''
)

select * from final
