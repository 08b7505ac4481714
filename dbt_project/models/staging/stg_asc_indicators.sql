with source as (
    select * from {{ source('raw', 'asc_indicators') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        cast(indicator_seq as integer) as indicator_seq,
        indicator_no,
        description,
        responsabili_raw,
        note,
        flag
    from source
)

select * from typed
