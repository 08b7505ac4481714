-- Template / profile documents (issue 12): raw.tpl_project_budget with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_project_budget') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        cdr as cdr_code,
        nome_cdr as cdr_name,
        codice_progetto as project_code,
        nome_progetto as project_name,
        cast(anno as integer) as year,
        indirizzo,
        obiettivo_strategico,
        azione,
        cast(budget as decimal(18, 2)) as budget,
        budget_raw,
        cast(assorbimento_pct as decimal(9, 4)) as absorption_pct,
        assorbimento_pct_raw as absorption_raw
    from source
)

select * from typed
