with source as (
    select * from {{ source('raw', 'piao_service_indicators') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        area_name,
        servizio,
        table_title,
        cast(indicator_seq as integer) as indicator_seq,
        dimension,
        name,
        formula,
        standard_raw,
        rischio,
        rischio_raw,
        cast(table_seq as integer) as table_seq,
        misaligned_text_raw,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date
    from source
)

select * from typed
