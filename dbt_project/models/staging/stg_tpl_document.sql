-- Template / profile documents (issue 12): raw.tpl_document with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_document') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        ente_id,
        ente_nome as ente_name,
        tipo_ente as ente_type,
        regione as region,
        provincia as province,
        tipo_documento as doc_type,
        titolo as doc_title,
        cast(anno_inizio as integer) as period_start_year,
        cast(anno_fine as integer) as period_end_year,
        profile
    from source
)

select * from typed
