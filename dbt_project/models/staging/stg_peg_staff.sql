with source as (
    select * from {{ source('raw', 'peg_staff') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        person_name,
        relation,
        allocation_raw,
        cast(allocation_pct as decimal(9, 4)) as allocation_pct,
        staff_name,
        staff_title,
        staff_role
    from source
)

select * from typed
