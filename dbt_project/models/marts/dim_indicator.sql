with indicator_years as (
    select * from {{ ref('int_indicators') }}
),

final as (
    select distinct on (indicator_id)
        indicator_id,
        objective_id,
        document_id,
        ente_id,
        code,
        name,
        dimension,
        formula,
        note,
        scope,
        servizio,
        source_line,
        source_sheet,
        source_row
    from indicator_years
    order by indicator_id, year
)

select * from final
