with source as (
    select * from {{ source('raw', 'asc_indicator_years') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        cast(indicator_seq as integer) as indicator_seq,
        cast(year as integer) as year,
        year_header_raw,
        target_raw,
        actual_raw,
        actual_header_raw,
        repair,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date,
        cast(actual_value as double) as actual_value
    from source
)

select * from typed
