{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ delete_touched_ente() }}") }}
-- Indicators of two editions of an ente's plan that may be the same indicator, for the
-- Andamento page. A pair is
--   "stesso codice": both carry the same identifying code (not a bare ordinal such as "3");
--   "confermato"/"respinto": a person decided on it (seed indicator_pair_decisions);
--   "da verificare": proposed by title, only when the titles are very similar (mean of the
--     Jaccard index of the word stems and a Levenshtein ratio of the normalised titles
--     >= 0.6), each is the other's best match, and the kind and unit of their targets agree;
--     or same code but different policy areas (a code reused for another indicator).
-- Titles are matched only between indicators of the same policy area (dim_indicator's primary
-- area): a disability indicator is never proposed as the next edition of an elderly one.
-- Only "stesso codice" and "confermato" pairs are drawn as one series.
with indicators as (
    select * from (select * from {{ ref('dim_indicator') }} {{ where_touched_ente() }})
),

documents as (
    select * from (select * from {{ ref('dim_document') }} {{ where_touched_ente() }})
),

results as (
    select * from (select * from {{ ref('mart_indicator_result') }} {{ where_touched_ente() }})
),

decisions as (
    select * from {{ ref('indicator_pair_decisions') }}
),

areas as (
    select * from {{ ref('dim_policy_area') }}
),

target_profile as (
    -- the usual kind and unit of an indicator's targets ("%" or the first word after the
    -- figure, e.g. "utenti" in "20 utenti")
    select
        indicator_id,
        mode(target_kind) as target_kind,
        mode(nullif(case
            when target_kind = 'percent' then '%'
            when target_kind = 'number' then lower(regexp_extract(target_raw,
                '[0-9][0-9.,]*\s*([a-zA-Zàèéìòù€]+)', 1))
        end, '')) as target_unit
    from results
    where target_raw is not null
    group by indicator_id
),

profiled as (
    select
        i.indicator_id,
        i.document_id,
        i.ente_id,
        d.period_start_year,
        i.code,
        i.name,
        i.policy_area,
        case
            when i.code is not null and trim(i.code) <> '' and not regexp_matches(trim(i.code), '^\d{1,2}$')
                then upper(trim(i.code))
        end as identifier_code,
        list_distinct(list_transform({{ title_words('i.name') }}, lambda w: w[1:6])) as stems,
        array_to_string({{ title_words('i.name') }}, ' ') as normalised,
        t.target_kind,
        t.target_unit
    from indicators as i
    inner join documents as d using (document_id)
    left join target_profile as t using (indicator_id)
),

edition_pairs as (
    select
        a.ente_id,
        a.document_id as document_id_a,
        b.document_id as document_id_b
    from (select distinct ente_id, document_id, period_start_year from profiled) as a
    inner join (select distinct ente_id, document_id, period_start_year from profiled) as b
        on a.ente_id = b.ente_id and a.period_start_year < b.period_start_year
),

candidates as (
    select
        e.ente_id,
        e.document_id_a,
        e.document_id_b,
        a.indicator_id as indicator_id_a,
        b.indicator_id as indicator_id_b,
        a.identifier_code is not null and a.identifier_code = b.identifier_code as same_code,
        a.policy_area is not distinct from b.policy_area as same_area,
        (
            case when len(a.stems) + len(b.stems) = 0 then 0.0 else
                len(list_intersect(a.stems, b.stems))::double
                / len(list_distinct(list_concat(a.stems, b.stems)))
            end
            + case when greatest(length(a.normalised), length(b.normalised)) = 0 then 0.0 else
                1 - levenshtein(a.normalised, b.normalised)::double
                / greatest(length(a.normalised), length(b.normalised))
            end
        ) / 2 as similarity,
        a.target_kind is not distinct from b.target_kind
        and a.target_unit is not distinct from b.target_unit as targets_agree
    from edition_pairs as e
    inner join profiled as a on a.document_id = e.document_id_a
    inner join profiled as b on b.document_id = e.document_id_b
),

by_code as (
    select *, 'codice' as method
    from candidates
    where same_code
    qualify row_number() over (partition by indicator_id_a order by indicator_id_b) = 1
        and row_number() over (partition by indicator_id_b order by indicator_id_a) = 1
),

by_title as (
    select *, 'titolo' as method
    from candidates as c
    where not same_code
        and similarity >= 0.6
        and targets_agree
        and same_area
        and not exists (
            select 1 from by_code as k
            where k.indicator_id_a = c.indicator_id_a or k.indicator_id_b = c.indicator_id_b
        )
    qualify row_number() over (partition by indicator_id_a order by similarity desc, indicator_id_b) = 1
        and row_number() over (partition by indicator_id_b order by similarity desc, indicator_id_a) = 1
),

by_decision as (
    -- pairs a person confirmed, whatever their similarity
    select c.*, 'conferma' as method
    from candidates as c
    inner join decisions as s
        on c.indicator_id_a = s.indicator_id_a and c.indicator_id_b = s.indicator_id_b
    where s.decision = 'confermato'
),

pairs as (
    select * from by_code
    union all
    select * from by_title
    union all
    select * from by_decision as d
    where not exists (
        select 1 from by_code as k
        where k.indicator_id_a = d.indicator_id_a and k.indicator_id_b = d.indicator_id_b
    ) and not exists (
        select 1 from by_title as t
        where t.indicator_id_a = d.indicator_id_a and t.indicator_id_b = d.indicator_id_b
    )
),

final as (
    select
        p.ente_id,
        p.document_id_a,
        p.document_id_b,
        p.indicator_id_a,
        a.code as code_a,
        a.name as name_a,
        a.target_kind as target_kind_a,
        a.target_unit as target_unit_a,
        p.indicator_id_b,
        b.code as code_b,
        b.name as name_b,
        b.target_kind as target_kind_b,
        b.target_unit as target_unit_b,
        a.policy_area as policy_area_a,
        b.policy_area as policy_area_b,
        p.method,
        round(p.similarity, 3) as similarity,
        case
            when p.method = 'codice' and p.same_area then 'stesso codice'
            when s.decision is not null
                and (s.name_a is distinct from a.name or s.name_b is distinct from b.name)
                then 'da verificare'
            when s.decision = 'confermato' then 'confermato'
            when s.decision = 'respinto' then 'respinto'
            else 'da verificare'
        end as status,
        case
            when s.decision is not null
                and (s.name_a is distinct from a.name or s.name_b is distinct from b.name)
                then 'titolo cambiato dopo la decisione del ' || coalesce(s.decided_on, '?')
            when s.decision is null and p.method = 'codice' and not p.same_area
                then 'stesso codice, ma aree di intervento diverse: ' || coalesce(pa.area_name, a.policy_area, '?')
                || ' e ' || coalesce(pb.area_name, b.policy_area, '?')
            else s.note
        end as note,
        s.decided_by,
        s.decided_on
    from pairs as p
    inner join profiled as a on a.indicator_id = p.indicator_id_a
    inner join profiled as b on b.indicator_id = p.indicator_id_b
    left join decisions as s
        on p.indicator_id_a = s.indicator_id_a and p.indicator_id_b = s.indicator_id_b
    left join areas as pa on pa.policy_area = a.policy_area
    left join areas as pb on pb.policy_area = b.policy_area
)

select
    *,
    case status
        when 'stesso codice' then 1 when 'confermato' then 2 when 'da verificare' then 3
        else 4
    end as status_order,
    status in ('stesso codice', 'confermato') as drawn_as_series
from final
