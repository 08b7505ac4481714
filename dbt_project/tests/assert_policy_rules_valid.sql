-- The policy rules an observatory edits (seed policy_rules) must be readable by the matcher:
-- every field named exists in policy_rule_fields, every term has words, a * only ends a word
-- whose stem has at least 3 letters, weights are positive. Returns the offending rules.
with rules as (
    select * from {{ ref('policy_rules') }}
),

fields as (
    select * from {{ ref('policy_rule_fields') }}
),

named_fields as (
    select rule_id, trim(unnest(string_split(fields, '|'))) as field
    from rules
    where trim(fields) <> '*'
),

bad_fields as (
    select n.rule_id, 'campo sconosciuto: ' || n.field as problem
    from named_fields as n
    left join fields as f using (field)
    where f.field is null
),

words as (
    select rule_id, trim(term) as term, unnest(string_split(trim(term), ' ')) as word
    from (
        select rule_id, {{ policy_normalise_term('unnest(string_split(terms, \'|\'))') }} as term
        from rules
    )
),

bad_terms as (
    select distinct rule_id, 'termine non valido: ' || term as problem
    from words
    where term = ''
        or (word like '%*%' and (not regexp_matches(word, '^[a-z0-9]{3,}\*$')))
),

bad_weights as (
    select rule_id, 'peso non positivo' as problem
    from rules
    where weight is null or weight <= 0
)

select * from bad_fields
union all
select * from bad_terms
union all
select * from bad_weights
