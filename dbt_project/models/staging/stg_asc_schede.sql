with source as (
    select * from {{ source('raw', 'asc_schede') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        title,
        period_raw,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year,
        responsabile_raw,
        altri_servizi,
        title_raw
    from source
)

select * from typed
