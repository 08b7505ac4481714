-- Every row of the PEG's CDR summary tables as written, project rows and subtotal rows
-- (Totale Azione / Obiettivo / Indirizzo / CDR), in document order: the subtotals are kept
-- so that analysts and the checks can compare them with the rows they close.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

final as (
    select
        r.document_id,
        d.ente_id,
        r.cdr_code,
        r.row_seq,
        r.row_kind,
        r.indirizzo,
        r.obiettivo_strategico,
        r.azione,
        r.project_code,
        r.project_name,
        r.budget_raw,
        r.budget as budget_eur,
        r.absorption_raw,
        r.absorption_pct,
        r.source_line
    from cdr_rows as r
    inner join documents as d using (document_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
