with source as (
    select * from {{ source('raw', 'peg_document') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        doc_title,
        cast(year as integer) as year,
        document_code,
        allegato,
        area,
        elaboration_date_raw,
        cast(elaboration_date as date) as elaboration_date
    from source
)

select * from typed
