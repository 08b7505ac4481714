-- Missioni and programmi of the national budget classification as each document names them:
-- the stato di attuazione's table of missioni/programmi and the PIAO's MISSIONE / PROGRAMMA
-- headings.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

sa as (
    select * from {{ ref('stg_sa_missioni_programmi') }} {{ where_touched() }}
),

piao as (
    select * from {{ ref('stg_piao_objectives') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

unioned as (
    select
        document_id,
        lpad(missione_code, 2, '0') as missione_code,
        missione_name,
        programma_code,
        programma_name,
        source_line
    from sa
    union all
    select
        document_id,
        missione_code,
        any_value(missione_name),
        programma_code,
        any_value(programma_name),
        min(source_line)
    from piao
    where missione_code is not null
    group by document_id, missione_code, programma_code
),

final as (
    select u.*, d.ente_id
    from unioned as u
    inner join documents as d using (document_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
