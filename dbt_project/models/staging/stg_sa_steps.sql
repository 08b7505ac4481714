with source as (
    select * from {{ source('raw', 'sa_steps') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        objective_code,
        step_code,
        cast(step_seq as integer) as step_seq,
        description,
        deadline_raw,
        cast(deadline as date) as deadline,
        indicator,
        weight_in_objective_raw,
        cast(weight_in_objective_pct as decimal(9, 4)) as weight_in_objective_pct,
        weight_in_year_raw,
        cast(weight_in_year_pct as decimal(9, 4)) as weight_in_year_pct,
        cast(year as integer) as year,
        cast(step_prefix_matches as boolean) as step_prefix_matches,
        cast(cells_missing as boolean) as cells_missing,
        extra_cells_raw
    from source
)

select * from typed
