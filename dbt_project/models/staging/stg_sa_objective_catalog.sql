with source as (
    select * from {{ source('raw', 'sa_objective_catalog') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        objective_kind,
        objective_code,
        title
    from source
)

select * from typed
