-- Declared weights that must add up with their siblings within (document, weight_group).
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

sa_objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

piao_weights as (
    select * from {{ ref('stg_piao_weights') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

tpl_weights as (
    select * from {{ ref('stg_tpl_plan_weights') }} {{ where_touched() }}
),

weights as (
    select
        document_id,
        'incidenza_obiettivi_piano' as weight_group,
        objective_code || ' ' || title as item,
        objective_kind || ':' || objective_code as item_key,
        incidence_raw as weight_raw,
        incidence_pct as weight_pct,
        coalesce(incidence_line, source_line) as source_line
    from sa_objectives
    union all
    select
        document_id,
        weight_group,
        item,
        item,
        weight_raw,
        weight_pct,
        source_line
    from piao_weights
    union all by name
    -- template and profile documents (issue 12): the pesi sheet
    select
        document_id,
        weight_group,
        item,
        item as item_key,
        weight_raw,
        weight_pct,
        source_line,
        source_sheet,
        source_row
    from tpl_weights
),

final as (
    select
        w.document_id,
        d.ente_id,
        w.weight_group,
        w.item,
        w.item_key,
        w.weight_raw,
        w.weight_pct,
        w.source_line,
        w.source_sheet,
        w.source_row
    from weights as w
    inner join documents as d using (document_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
