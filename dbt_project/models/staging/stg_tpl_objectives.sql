-- Template / profile documents (issue 12): raw.tpl_objectives with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_objectives') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        id_obiettivo as objective_key,
        codice as code,
        titolo as title,
        livello as level,
        tipo_obiettivo as objective_type,
        id_padre as parent_key,
        cast(peso_pct as decimal(9, 4)) as weight_pct,
        peso_pct_raw as weight_raw,
        cdr as cdr_code,
        missione as missione_code,
        missione_nome as missione_name,
        programma as programma_code,
        programma_nome as programma_name,
        area as area_name,
        servizio,
        responsabile as responsabile_raw,
        responsabile_ruolo as responsabile_role_raw
    from source
)

select * from typed
