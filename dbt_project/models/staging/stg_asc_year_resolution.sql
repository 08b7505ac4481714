with source as (
    select * from {{ source('raw', 'asc_year_resolution') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        table_name,
        declared_period_raw,
        header_years_raw,
        resolved_years,
        rule,
        cast(agrees_with_period as boolean) as agrees_with_period,
        cast(header_valid as boolean) as header_valid,
        header_labels_raw,
        flag
    from source
)

select * from typed
