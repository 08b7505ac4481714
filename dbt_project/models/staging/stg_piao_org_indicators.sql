with source as (
    select * from {{ source('raw', 'piao_org_indicators') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        scope,
        cast(indicator_seq as integer) as indicator_seq,
        name,
        definition,
        target_raw,
        cast(garbled as boolean) as garbled,
        raw_text,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date
    from source
)

select * from typed
