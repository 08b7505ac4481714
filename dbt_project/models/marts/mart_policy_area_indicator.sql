-- The indicators with their policy area, one row per indicator and year (an indicator without
-- any year once, with an empty year): the target and the result as written, whether the
-- result reaches the target (mart_indicator_result), the indicator's primary and secondary
-- area, how the area was assigned, the objective it was inherited from, and the source line.
-- The Aree di intervento page filters these rows by ente and area (primary or secondary) and
-- pages them on the server.
with indicators as (
    select * from {{ ref('dim_indicator') }} {{ where_touched() }}
),

results as (
    select * from {{ ref('mart_indicator_result') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('dim_objective') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('dim_document') }} {{ where_touched() }}
),

document_lines as (
    select document_id, source_line, page
    from (select * from {{ ref('stg_document_lines') }} {{ where_touched() }})
),

final as (
    select
        i.ente_id,
        i.document_id,
        coalesce(d.doc_title, d.doc_type, i.document_id) || ' ('
        || {{ plan_period('d.period_start_year', 'd.period_end_year') }} || ')' as document_label,
        d.period_start_year,
        i.indicator_id,
        i.code as indicator_code,
        i.name as indicator_name,
        i.formula,
        i.objective_id,
        o.code as objective_code,
        o.title as objective_title,
        r.year,
        r.target_raw,
        r.target_kind,
        r.target_value,
        r.actual_raw,
        r.actual_value,
        r.is_assessable,
        r.reaches_target,
        i.policy_area,
        i.policy_area_secondary,
        i.policy_area_method,
        i.policy_area_rule_id,
        i.policy_area_terms,
        i.policy_area_inherited_from,
        p.title as policy_area_inherited_from_title,
        coalesce(r.source_line, i.source_line) as source_line
    from indicators as i
    inner join documents as d using (document_id)
    left join results as r using (indicator_id)
    left join objectives as o on o.objective_id = i.objective_id
    left join objectives as p on p.objective_id = i.policy_area_inherited_from
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
