-- project x CDR as listed in the PEG's CDR summary tables (budget and % di assorbimento as
-- written; null when the table gives none): the project rows of fct_peg_cdr_row.
with cdr_rows as (
    select * from {{ ref('fct_peg_cdr_row') }}
),

cdr as (
    select * from {{ ref('stg_peg_cdr') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

final as (
    select
        r.document_id,
        r.ente_id,
        coalesce(c.year, d.period_start_year) as year,
        r.cdr_code,
        c.cdr_name,
        r.project_code,
        r.project_name,
        r.indirizzo,
        r.obiettivo_strategico,
        r.azione,
        r.budget_raw,
        r.budget_eur,
        r.absorption_raw,
        r.absorption_pct,
        r.row_seq,
        r.source_line
    from cdr_rows as r
    inner join documents as d using (document_id)
    left join cdr as c on r.document_id = c.document_id and r.cdr_code = c.cdr_code
    where r.row_kind = 'project'
)

select * from final
