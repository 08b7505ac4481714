-- Stato di attuazione, tabella di raccordo con il piano programma: strategic and operational
-- objectives linked to the performance (A-F) and PEG (1-12) objectives and to missioni and
-- programmi, one row per line of the table. attribution says whether the row's cells sit in
-- their columns (evident) or were placed by their format after an export defect (uncertain);
-- raw_cells keeps the line as written.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

raccordo as (
    select * from {{ ref('stg_sa_raccordo') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

final as (
    select
        r.document_id,
        d.ente_id,
        r.row_seq,
        r.strategic_code,
        r.strategic_title,
        r.operational_code,
        r.operational_title,
        r.performance_codes,
        r.peg_codes,
        r.missioni,
        r.programmi,
        r.attribution,
        r.attribution_note,
        r.raw_cells,
        r.source_line
    from raccordo as r
    inner join documents as d using (document_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
