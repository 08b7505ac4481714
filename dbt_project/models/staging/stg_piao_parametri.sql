with source as (
    select * from {{ source('raw', 'piao_parametri') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        servizio,
        cast(item_seq as integer) as item_seq,
        text,
        area_name,
        value_raw,
        cast(value as decimal(18, 2)) as value,
        reference_date_raw,
        cast(reference_date as date) as reference_date
    from source
)

select * from typed
