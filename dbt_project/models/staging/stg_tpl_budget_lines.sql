-- Template / profile documents (issue 12): raw.tpl_budget_lines with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_budget_lines') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        cast(anno as integer) as year,
        cdr as cdr_code,
        progetto as project_code,
        capitolo,
        articolo,
        descrizione as capitolo_description,
        voce as column_name,
        flusso as flow,
        natura as nature,
        cast(importo as decimal(18, 2)) as amount,
        importo_raw as amount_raw,
        cast(blocco as integer) as block_seq
    from source
)

select * from typed
