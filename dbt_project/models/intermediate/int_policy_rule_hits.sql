-- Every match of a policy rule in a piece of text (int_policy_evidence): which rule, which
-- terms (as found, normalised), in which field, with the score it adds (rule weight x field
-- weight). Matching works on words, with equality joins only: a term's first word finds
-- candidate positions (through the first three letters of each word), the term's other words
-- must follow in order; a match inside one of the rule's excluded phrases does not count. The
-- cost grows with the amount of text, not with text x rules.
with evidence as (
    select * from {{ ref('int_policy_evidence') }} {{ where_touched() }}
),

terms as (
    select * from {{ ref('int_policy_rule_terms') }}
),

numbered as (
    select
        evidence_id,
        field,
        row_number() over (order by evidence_id) as ev,
        string_split(trim(value_norm), ' ') as words
    from evidence
),

tokens as (
    select
        ev,
        field,
        unnest(words) as token,
        unnest(range(1, len(words) + 1)) as pos
    from numbered
),

term_words as (
    select
        * exclude (word),
        replace(word, '*', '') as word,
        word like '%*' as is_stem
    from (
        select
            term_key,
            rule_id,
            term_kind,
            field,
            n_words,
            unnest(string_split(term, ' ')) as word,
            unnest(range(1, n_words + 1)) as word_idx
        from terms
    )
),

first_words as (
    select
        w.*,
        substr(w.word, 1, 3) as bucket,
        s.word as second_word,
        s.is_stem as second_is_stem
    from term_words as w
    left join term_words as s
        on s.term_key = w.term_key and s.field = w.field and s.word_idx = 2
    where w.word_idx = 1
),

candidates as (
    select t.ev, t.field, t.pos, t.token, w.term_key, w.rule_id, w.term_kind, w.n_words,
        w.second_word, w.second_is_stem
    from tokens as t
    inner join first_words as w
        on w.field = t.field
        and w.bucket = substr(t.token, 1, 3)
        and ((w.is_stem and starts_with(t.token, w.word)) or (not w.is_stem and t.token = w.word))
),

-- a longer term must also have its second word right after the first ...
two_words as (
    select c.*, t.token as second_token
    from candidates as c
    inner join tokens as t on t.ev = c.ev and t.pos = c.pos + 1
    where c.n_words > 1
        and (
            (c.second_is_stem and starts_with(t.token, c.second_word))
            or (not c.second_is_stem and t.token = c.second_word)
        )
),

-- ... and, beyond two words, every other word in order
matches as (
    select ev, rule_id, term_kind, pos as start_pos, pos as end_pos, token as matched
    from candidates
    where n_words = 1
    union all
    select ev, rule_id, term_kind, pos, pos + 1, token || ' ' || second_token
    from two_words
    where n_words = 2
    union all
    select
        c.ev,
        c.rule_id,
        c.term_kind,
        c.pos,
        c.pos + c.n_words - 1,
        string_agg(t.token, ' ' order by t.pos)
    from (select * from two_words where n_words > 2) as c
    inner join term_words as w on w.term_key = c.term_key and w.field = c.field
    inner join tokens as t
        on t.ev = c.ev
        and t.pos = c.pos + w.word_idx - 1
        and ((w.is_stem and starts_with(t.token, w.word)) or (not w.is_stem and t.token = w.word))
    group by c.ev, c.term_key, c.rule_id, c.term_kind, c.pos, c.n_words
    having count(*) = c.n_words
),

excluded as (
    select ev, rule_id, start_pos, end_pos from matches where term_kind = 'exclude'
),

kept as (
    select i.ev, i.rule_id, i.matched
    from matches as i
    left join excluded as x
        on x.ev = i.ev
        and x.rule_id = i.rule_id
        and x.start_pos <= i.end_pos
        and i.start_pos <= x.end_pos
    where i.term_kind = 'include' and x.ev is null
),

rules as (
    select distinct rule_id, policy_area, rule_weight, field, field_weight from terms
),

final as (
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
        r.rule_weight * r.field_weight as score,
        list_sort(list_distinct(list(k.matched))) as matched_terms
    from kept as k
    inner join numbered as n using (ev)
    inner join evidence as e using (evidence_id)
    inner join rules as r on r.rule_id = k.rule_id and r.field = e.field
    group by all
)

select * from final
