with source as (
    select * from {{ source('raw', 'peg_phases') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        cast(phase_order as integer) as phase_order,
        objective_code,
        description,
        status,
        start_date_raw,
        cast(start_date as date) as start_date,
        end_date_raw,
        cast(end_date as date) as end_date,
        note
    from source
)

select * from typed
