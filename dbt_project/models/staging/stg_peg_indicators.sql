with source as (
    select * from {{ source('raw', 'peg_indicators') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        objective_code,
        indicator_code,
        name,
        cast(year as integer) as year,
        target_raw,
        note,
        cast(objective_inferred as boolean) as objective_inferred,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date
    from source
)

select * from typed
