with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

indicator_years as (
    select * from {{ ref('int_indicators') }} {{ where_touched() }}
),

policy_areas as (
    select * from {{ ref('int_policy_indicator_area') }} {{ where_touched() }}
),

indicators as (
    select distinct on (indicator_id)
        indicator_id,
        objective_id,
        document_id,
        ente_id,
        code,
        name,
        dimension,
        formula,
        note,
        scope,
        servizio,
        source_line,
        source_sheet,
        source_row
    from indicator_years
    order by indicator_id, year
),

final as (
    select
        i.*,
        pa.policy_area,
        pa.policy_area_secondary,
        pa.policy_area_method,
        pa.policy_area_rule_id,
        pa.policy_area_terms,
        pa.policy_area_inherited_from
    from indicators as i
    left join policy_areas as pa using (indicator_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
