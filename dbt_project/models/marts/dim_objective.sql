with objectives as (
    select * from {{ ref('int_objectives') }}
),

final as (
    select
        objective_id,
        document_id,
        ente_id,
        code,
        title,
        level,
        objective_type,
        parent_objective_id,
        weight_pct,
        cdr_code,
        missione,
        missione_name,
        programma,
        programma_name,
        area_name,
        servizio,
        source_line,
        source_sheet,
        source_row
    from objectives
)

select * from final
