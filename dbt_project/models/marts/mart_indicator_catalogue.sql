{{ config(materialized='table') }}
-- The catalogue of indicators, one row per indicator and year (the responsabili of an
-- indicator-year listed together; an indicator without any year appears once, with an empty
-- year), with its ente, document, objective, target, result and source line: the Indicatori
-- page filters and pages these rows on the server. Ordered by ente, document and line;
-- catalogue_row numbers the rows in that order (a page of the whole catalogue is a range of
-- it, read from a few row groups of the Parquet file).
with indicators as (
    select * from {{ ref('dim_indicator') }}
),

results as (
    select * from {{ ref('mart_indicator_result') }}
),

objectives as (
    select * from {{ ref('dim_objective') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

enti as (
    select * from {{ ref('dim_ente') }}
),

-- the row numbers, computed on the few columns that order the rows (memory bounded at the
-- size of a region), then joined to the rows
numbered as (
    select
        i.indicator_id,
        r.year,
        row_number() over (
            order by e.ente_name, i.document_id, i.source_line, r.year
        ) as catalogue_row
    from (select indicator_id, ente_id, document_id, source_line from indicators) as i
    inner join (select ente_id, ente_name from enti) as e on i.ente_id = e.ente_id
    inner join (select document_id from documents) as d on i.document_id = d.document_id
    left join (select indicator_id, year from results) as r on i.indicator_id = r.indicator_id
),

final as (
    select
        i.ente_id,
        e.ente_name,
        {{ ente_short_name('e.ente_name') }} as ente_short_name,
        e.ente_type,
        i.document_id,
        d.doc_title,
        d.period_start_year,
        d.period_end_year,
        coalesce(d.doc_title, d.doc_type, i.document_id) || ' ('
        || {{ plan_period('d.period_start_year', 'd.period_end_year') }} || ')' as document_label,
        d.source_file,
        o.code as objective_code,
        o.title as objective_title,
        i.indicator_id,
        i.code as indicator_code,
        i.name as indicator_name,
        i.dimension,
        i.formula,
        r.year,
        r.target_raw,
        r.target_kind,
        r.target_operator,
        r.target_value,
        r.target_date,
        r.actual_raw,
        r.actual_value,
        r.reaches_target,
        coalesce(r.n_responsabili, 0) as n_responsabili,
        r.responsabili,
        coalesce(r.source_line, i.source_line) as source_line,
        n.catalogue_row
    from indicators as i
    inner join documents as d using (document_id)
    inner join enti as e on i.ente_id = e.ente_id
    inner join numbered as n on n.indicator_id = i.indicator_id
    left join objectives as o on i.objective_id = o.objective_id
    left join results as r
        on i.indicator_id = r.indicator_id and r.year is not distinct from n.year
    order by n.catalogue_row
)

select * from final
