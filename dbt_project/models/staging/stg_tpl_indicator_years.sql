-- Template / profile documents (issue 12): raw.tpl_indicator_years with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_indicator_years') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        id_indicatore as indicator_key,
        cast(anno as integer) as year,
        target as target_cell,
        operatore as operator_cell,
        risultato as result_cell,
        cast(raggiungimento_pct as decimal(9, 4)) as achievement_pct,
        raggiungimento_pct_raw as achievement_raw,
        responsabile as responsabile_raw,
        responsabile_ruolo as responsabile_role_raw,
        periodo as period,
        dettagli as details,
        target_raw,
        actual_raw,
        cast(variant_seq as integer) as variant_seq,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date,
        cast(actual_value as double) as actual_value
    from source
)

select * from typed
