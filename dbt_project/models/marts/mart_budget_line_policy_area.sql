-- Every PEG budget line (fct_budget_capitolo) with its policy area. A capitolo that carries a
-- missione/programma would be declared by it; the samples' capitoli carry none, so each line
-- takes the area of the project it is listed under (method dichiarato when the project's area
-- is declared, else ereditato, with the project's rule). A line's amount is never split: it
-- belongs to one area.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

lines as (
    select * from {{ ref('fct_budget_capitolo') }} {{ where_touched() }}
),

project_area as (
    select * from {{ ref('int_policy_objective_area') }} {{ where_touched() }}
),

final as (
    select
        l.document_id,
        l.ente_id,
        l.year,
        l.cdr_code,
        l.project_code,
        l.capitolo,
        l.articolo,
        l.capitolo_description,
        l.flow,
        l.nature,
        l.amount_eur,
        l.source_line,
        l.document_id || ':progetto:' || l.project_code as project_objective_id,
        coalesce(p.policy_area, 'NC') as policy_area,
        case
            when p.policy_area is null or p.policy_area = 'NC' then 'non_classificato'
            when p.policy_area_method = 'dichiarato' then 'dichiarato'
            else 'ereditato'
        end as policy_area_method,
        p.policy_area_rule_id,
        p.policy_area_terms
    from lines as l
    left join project_area as p
        on p.objective_id = l.document_id || ':progetto:' || l.project_code
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
