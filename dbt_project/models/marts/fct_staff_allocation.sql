with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

staff as (
    select * from {{ ref('stg_peg_staff') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

tpl_staff as (
    select * from {{ ref('stg_tpl_staff') }} {{ where_touched() }}
),

peg_rows as (
    select
        s.document_id,
        d.ente_id,
        s.project_code,
        s.person_name,
        s.staff_name as person_name_normalised,
        s.relation as role,
        s.allocation_raw,
        s.allocation_pct,
        s.source_line
    from staff as s
    inner join documents as d using (document_id)
),

-- template and profile documents (issue 12): the personale sheet
tpl_rows as (
    select
        s.document_id,
        d.ente_id,
        s.project_code,
        s.person_name,
        s.staff_name as person_name_normalised,
        s.relation as role,
        s.allocation_raw,
        s.allocation_pct,
        s.source_line,
        s.source_sheet,
        s.source_row
    from tpl_staff as s
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
