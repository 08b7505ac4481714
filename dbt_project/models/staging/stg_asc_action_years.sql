with source as (
    select * from {{ source('raw', 'asc_action_years') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        cast(action_seq as integer) as action_seq,
        cast(year as integer) as year,
        year_header_raw,
        cell_raw,
        cast(planned as boolean) as planned
    from source
)

select * from typed
