with source as (
    select * from {{ source('raw', 'peg_objectives') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        objective_code,
        objective_type,
        objective_type_raw,
        title,
        cast(inferred_from_indicator as boolean) as inferred_from_indicator
    from source
)

select * from typed
