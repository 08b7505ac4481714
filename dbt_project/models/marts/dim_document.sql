with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        ente_id,
        doc_family,
        layout,
        doc_type,
        doc_title,
        period_start_year,
        period_end_year,
        period_note,
        source_file,
        sha256,
        loaded_at,
        lines_total,
        input_format,
        encoding,
        converter,
        meta_source,
        flags
    from documents
)

select * from final
