with source as (
    select * from {{ source('raw', 'document_lines') }}
),

typed as (
    select
        document_id,
        cast(line_no as integer) as source_line,
        text,
        status,
        detail
    from source
)

select * from typed
