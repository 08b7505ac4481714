-- Template / profile documents (issue 12): raw.tpl_steps with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_steps') }}
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
        codice_fase as step_code,
        descrizione as description,
        cast(scadenza as date) as deadline,
        scadenza_raw as deadline_raw,
        indicatore as indicator,
        cast(peso_obiettivo_pct as decimal(9, 4)) as weight_in_objective_pct,
        peso_obiettivo_pct_raw as weight_in_objective_raw,
        cast(peso_anno_pct as decimal(9, 4)) as weight_in_year_pct,
        peso_anno_pct_raw as weight_in_year_raw,
        cast(anno as integer) as year,
        cast(raggiungimento_pct as decimal(9, 4)) as achievement_pct,
        raggiungimento_pct_raw as achievement_raw,
        verifica as verification,
        cast(step_seq as integer) as step_seq
    from source
)

select * from typed
