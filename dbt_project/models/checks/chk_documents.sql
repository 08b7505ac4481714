-- Every document as a whole: read complete (not cut short, no page printed twice, no
-- control characters removed), from the flags the loader put on it (raw.documents.flags).
with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

flags as (
    select
        document_id,
        unnest(string_split(coalesce(flags, ''), '; ')) as flag
    from documents
),

kinds as (
    select 'document_complete' as check_name, 'possibly truncated%' as pattern,
        'The document is read to its end: every section its index or tables announce is there.'
            as description
    union all
    select 'document_pages_once', '%a page printed twice%',
        'No run of lines is printed twice in a row (a repeated page is read once and flagged).'
    union all
    select 'document_clean_text', 'control characters%',
        'The text has no control characters (NUL bytes of a damaged copy are removed and flagged).'
),

per_document as (
    select
        d.document_id,
        k.check_name,
        k.description,
        string_agg(f.flag, '; ') as found
    from documents as d
    cross join kinds as k
    left join flags as f
        on f.document_id = d.document_id and f.flag like k.pattern
    group by d.document_id, k.check_name, k.description
),

final as (
    select
        'warehouse' as suite,
        check_name,
        document_id,
        document_id as subject_key,
        coalesce(found, 'nessun problema') as observed,
        'nessun problema' as expected,
        case when found is null then 0.0 else 1.0 end as difference,
        0.0 as tolerance,
        'warning' as severity,
        description
    from per_document
)

select * from final
