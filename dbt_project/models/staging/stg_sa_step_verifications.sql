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
        cast(year as integer) as year,
        cast(step_seq as integer) as step_seq,
        description,
        deadline_raw,
        indicator,
        cast(step_text_differs as boolean) as step_text_differs,
        verification_same_text_as,
        cast(step_prefix_matches as boolean) as step_prefix_matches,
        cast(cells_missing as boolean) as cells_missing,
        extra_cells_raw
    from source
)

select * from typed
