-- Every term of every policy rule (seed policy_rules), normalised like the text it is looked
-- for in, with the regular expression of its rule and the first word that finds candidates
-- cheaply (see int_policy_rule_hits). One row per rule x term x field the rule looks at.
with rules as (
    select * from {{ ref('policy_rules') }}
),

fields as (
    select * from {{ ref('policy_rule_fields') }}
),

exploded as (
    select
        rule_id,
        policy_area,
        coalesce(weight, 1.0) as rule_weight,
        fields,
        exclude_terms,
        unnest(string_split(terms, '|')) as term_raw
    from rules
),

terms as (
    select
        *,
        {{ policy_normalise_term('term_raw') }} as term
    from exploded
),

with_parts as (
    select
        *,
        split_part(term, ' ', 1) as first_word_raw,
        '\b' || replace(term, '*', '[a-z0-9]*') || '\b' as term_regex
    from terms
    where term <> ''
),

excluded_terms as (
    select rule_id, unnest(string_split(exclude_terms, '|')) as ex_raw
    from rules
    where exclude_terms is not null and trim(exclude_terms) <> ''
),

excluded as (
    select
        rule_id,
        '\b(?:' || string_agg(replace(ex, '*', '[a-z0-9]*'), '|' order by length(ex) desc) || ')\b'
            as exclude_regex
    from (select rule_id, {{ policy_normalise_term('ex_raw') }} as ex from excluded_terms)
    where ex <> ''
    group by rule_id
),

rule_regex as (
    select
        rule_id,
        '\b(?:' || string_agg(replace(term, '*', '[a-z0-9]*'), '|' order by length(term) desc) || ')\b'
            as rule_regex
    from with_parts
    group by rule_id
),

rule_fields as (
    select r.rule_id, f.field, f.weight as field_weight
    from rules as r
    inner join fields as f
        on (trim(r.fields) = '*' and f.in_star = 'si')
        or list_contains(list_transform(string_split(r.fields, '|'), lambda x: trim(x)), f.field)
),

final as (
    select
        t.rule_id,
        t.policy_area,
        t.rule_weight,
        f.field,
        f.field_weight,
        t.term_raw,
        t.term,
        t.term_regex,
        replace(t.first_word_raw, '*', '') as first_word,
        t.first_word_raw like '%*' as first_word_is_stem,
        substr(replace(t.first_word_raw, '*', ''), 1, 3) as bucket,
        r.rule_regex,
        e.exclude_regex
    from with_parts as t
    inner join rule_fields as f using (rule_id)
    inner join rule_regex as r using (rule_id)
    left join excluded as e using (rule_id)
)

select * from final
