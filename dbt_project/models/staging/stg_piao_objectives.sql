with source as (
    select * from {{ source('raw', 'piao_objectives') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(objective_seq as integer) as objective_seq,
        level,
        title,
        cast(parent_objective_seq as integer) as parent_objective_seq,
        area_name,
        servizio,
        missione_code,
        missione_name,
        programma_code,
        programma_name,
        missione_raw,
        missione_code_raw,
        programma_code_raw,
        cast(plan_year as integer) as plan_year,
        section_heading,
        heading_raw,
        extra_text_raw
    from source
)

select * from typed
