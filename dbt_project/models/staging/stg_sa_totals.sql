with source as (
    select * from {{ source('raw', 'sa_totals') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        objective_code,
        label,
        cast(year as integer) as year,
        total_raw,
        cast(total_pct as decimal(9, 4)) as total_pct,
        cast(label_column as integer) as label_column,
        cast(value_column as integer) as value_column
    from source
)

select * from typed
