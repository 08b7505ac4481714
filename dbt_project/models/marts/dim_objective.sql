with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('int_objectives') }} {{ where_touched() }}
),

policy_areas as (
    select
        objective_id,
        policy_area,
        policy_area_secondary,
        policy_area_method,
        policy_area_rule_id,
        policy_area_terms,
        policy_area_inherited_from,
        policy_area_declared_programmi
    from (select * from {{ ref('int_policy_objective_area') }} {{ where_touched() }})
),

final as (
    select
        objective_id,
        document_id,
        ente_id,
        code,
        title,
        level,
        objective_type,
        parent_objective_id,
        weight_pct,
        cdr_code,
        missione,
        missione_name,
        programma,
        programma_name,
        area_name,
        servizio,
        source_line,
        source_sheet,
        source_row,
        pa.policy_area,
        pa.policy_area_secondary,
        pa.policy_area_method,
        pa.policy_area_rule_id,
        pa.policy_area_terms,
        pa.policy_area_inherited_from,
        pa.policy_area_declared_programmi
    from objectives
    left join policy_areas as pa using (objective_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
