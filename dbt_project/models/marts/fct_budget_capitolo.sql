with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

budget_lines as (
    select * from {{ ref('stg_peg_budget_lines') }} {{ where_touched() }}
),

tree as (
    select * from {{ ref('int_peg_tree') }} {{ where_touched() }}
),

cdr as (
    select * from {{ ref('stg_peg_cdr') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

tpl_lines as (
    select * from {{ ref('stg_tpl_budget_lines') }} {{ where_touched() }}
),

tpl_projects as (
    select * from {{ ref('stg_tpl_project_budget') }} {{ where_touched() }}
),

doc_year as (
    select document_id, min(year) as year from cdr group by document_id
),

peg_rows as (
    select
        b.document_id,
        d.ente_id,
        coalesce(y.year, d.period_start_year) as year,
        t.cdr_code,
        b.project_code,
        b.block_seq,
        b.capitolo,
        b.articolo,
        b.capitolo_description,
        b.column_name,
        b.flow,
        b.nature,
        b.amount_raw,
        b.amount as amount_eur,
        b.source_line
    from budget_lines as b
    inner join documents as d using (document_id)
    left join doc_year as y using (document_id)
    left join tree as t
        on b.document_id = t.document_id and b.project_code = t.project_code
),

-- template and profile documents (issue 12): the CDR is the line's own, else the one the
-- progetti sheet gives the project
tpl_project_cdr as (
    select document_id, project_code, min(cdr_code) as cdr_code
    from tpl_projects
    group by document_id, project_code
),

tpl_rows as (
    select
        b.document_id,
        d.ente_id,
        coalesce(b.year, d.period_start_year) as year,
        coalesce(b.cdr_code, p.cdr_code) as cdr_code,
        b.project_code,
        b.block_seq,
        b.capitolo,
        b.articolo,
        b.capitolo_description,
        b.column_name,
        b.flow,
        b.nature,
        b.amount_raw,
        b.amount as amount_eur,
        b.source_line,
        b.source_sheet,
        b.source_row
    from tpl_lines as b
    inner join documents as d using (document_id)
    left join tpl_project_cdr as p
        on b.document_id = p.document_id and b.project_code = p.project_code
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
