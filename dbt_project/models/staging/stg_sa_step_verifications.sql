with source as (
    select * from {{ source('raw', 'sa_step_verifications') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        objective_code,
        step_code,
        verification,
        achievement_raw,
        cast(achievement_pct as decimal(9, 4)) as achievement_pct,
        cast(year as integer) as year
    from source
)

select * from typed
