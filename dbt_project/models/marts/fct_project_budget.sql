-- project x CDR as listed in the PEG's CDR summary tables (budget and % di assorbimento as
-- written; null when the table gives none): the project rows of fct_peg_cdr_row.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

cdr_rows as (
    select * from {{ ref('fct_peg_cdr_row') }} {{ where_touched() }}
),

cdr as (
    select * from {{ ref('stg_peg_cdr') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

tpl_projects as (
    select * from {{ ref('stg_tpl_project_budget') }} {{ where_touched() }}
),

peg_rows as (
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
),

-- template and profile documents (issue 12): the progetti sheet
tpl_rows as (
    select
        p.document_id,
        d.ente_id,
        coalesce(p.year, d.period_start_year) as year,
        p.cdr_code,
        p.cdr_name,
        p.project_code,
        p.project_name,
        p.indirizzo,
        p.obiettivo_strategico,
        p.azione,
        p.budget_raw,
        p.budget as budget_eur,
        p.absorption_raw,
        p.absorption_pct,
        p.row_seq,
        p.source_line,
        p.source_sheet,
        p.source_row
    from tpl_projects as p
    inner join documents as d using (document_id)
),

final as (
    select * from peg_rows
    union all by name
    select * from tpl_rows
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
