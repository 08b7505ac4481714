-- PIAO: the areas with their centri di costo (centri PEG), services and responsabili, as the
-- area tables list them. A continuation row (a second service under the same centro) has no
-- code of its own: cost_center is the centro it continues, cost_center_as_written is null.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

areas as (
    select * from {{ ref('stg_piao_areas') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

final as (
    select
        a.document_id,
        d.ente_id,
        a.area_name,
        coalesce(a.cost_center, a.parent_cost_center) as cost_center,
        a.cost_center as cost_center_as_written,
        a.service,
        case when a.responsabile_name is not null and a.responsabile_name <> '' then
            {{ responsabile_id('d.ente_id', 'a.responsabile_name') }}
        end as responsabile_id,
        a.responsabile_raw,
        a.row_seq,
        a.source_line
    from areas as a
    inner join documents as d using (document_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
