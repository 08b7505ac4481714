with source as (
    select * from {{ source('raw', 'piao_weights') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        weight_group,
        item,
        weight_raw,
        cast(weight_pct as decimal(9, 4)) as weight_pct
    from source
)

select * from typed
