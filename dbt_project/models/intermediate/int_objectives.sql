-- Every objective of every document, at any level, in one shape (feeds dim_objective).
with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

peg_tree as (
    select * from {{ ref('int_peg_tree') }} {{ where_touched() }}
),

peg_objectives as (
    select * from {{ ref('stg_peg_objectives') }} {{ where_touched() }}
),

asc_schede as (
    select * from {{ ref('stg_asc_schede') }} {{ where_touched() }}
),

piao_objectives as (
    select * from {{ ref('stg_piao_objectives') }} {{ where_touched() }}
),

sa_objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

tpl_objectives as (
    select * from {{ ref('stg_tpl_objectives') }} {{ where_touched() }}
),

peg_indirizzi as (
    select distinct on (indirizzo_id)
        indirizzo_id as objective_id, document_id, null as code, indirizzo as title,
        'indirizzo' as level, null as objective_type, null as parent_objective_id,
        null as weight_pct, null as cdr_code, source_line
    from peg_tree
    where indirizzo is not null
    order by indirizzo_id, source_line
),

peg_strategici as (
    select distinct on (strategico_id)
        strategico_id as objective_id, document_id, null as code,
        obiettivo_strategico as title, 'strategico' as level, null as objective_type,
        indirizzo_id as parent_objective_id, null as weight_pct, null as cdr_code, source_line
    from peg_tree
    where obiettivo_strategico is not null
    order by strategico_id, source_line
),

peg_azioni as (
    select distinct on (azione_id)
        azione_id as objective_id, document_id, null as code, azione as title,
        'azione' as level, null as objective_type, strategico_id as parent_objective_id,
        null as weight_pct, null as cdr_code, source_line
    from peg_tree
    where azione is not null
    order by azione_id, source_line
),

peg_progetti as (
    select
        progetto_id as objective_id, document_id, project_code as code,
        project_name as title, 'progetto' as level, null as objective_type,
        case when azione is not null then azione_id end as parent_objective_id,
        null as weight_pct, cdr_code, source_line
    from peg_tree
),

peg_operativi as (
    select
        o.document_id || ':obiettivo:' || o.objective_code as objective_id,
        o.document_id, o.objective_code as code, o.title, 'operativo' as level,
        o.objective_type, o.document_id || ':progetto:' || o.project_code as parent_objective_id,
        null as weight_pct, t.cdr_code, o.source_line
    from peg_objectives as o
    left join peg_tree as t
        on o.document_id = t.document_id and o.project_code = t.project_code
),

asc_objectives as (
    select
        document_id || ':scheda:' || scheda_no as objective_id, document_id,
        cast(scheda_no as varchar) as code, title, 'scheda' as level, null as objective_type,
        null as parent_objective_id, null as weight_pct, null as cdr_code, source_line
    from asc_schede
),

piao as (
    select
        document_id || ':obiettivo:' || objective_seq as objective_id, document_id,
        null as code, title, level, null as objective_type,
        case when parent_objective_seq is not null
            then document_id || ':obiettivo:' || parent_objective_seq end as parent_objective_id,
        null as weight_pct, null as cdr_code, source_line
    from piao_objectives
),

sa as (
    select
        document_id || ':' || objective_kind || ':' || objective_code as objective_id,
        document_id, objective_code as code, title, objective_kind as level,
        null as objective_type, null as parent_objective_id, incidence_pct as weight_pct,
        null as cdr_code, source_line
    from sa_objectives
),

-- template and profile documents (issue 12): every column given by the template itself
tpl as (
    select
        document_id || ':obiettivo:' || objective_key as objective_id, document_id, code, title,
        level, objective_type,
        case when parent_key is not null then document_id || ':obiettivo:' || parent_key end
            as parent_objective_id,
        weight_pct, cdr_code, source_line,
        missione_code as tpl_missione, missione_name as tpl_missione_name,
        programma_code as tpl_programma, programma_name as tpl_programma_name,
        area_name as tpl_area_name, servizio as tpl_servizio, source_sheet, source_row
    from tpl_objectives
),

unioned as (
    select * from peg_indirizzi
    union all by name select * from peg_strategici
    union all by name select * from peg_azioni
    union all by name select * from peg_progetti
    union all by name select * from peg_operativi
    union all by name select * from asc_objectives
    union all by name select * from piao
    union all by name select * from sa
    union all by name select * from tpl
),

piao_context as (
    select
        document_id || ':obiettivo:' || objective_seq as objective_id,
        missione_code, missione_name, programma_code, programma_name, area_name, servizio
    from piao_objectives
),

final as (
    select
        u.objective_id,
        u.document_id,
        d.ente_id,
        u.code,
        u.title,
        u.level,
        u.objective_type,
        u.parent_objective_id,
        cast(u.weight_pct as decimal(9, 4)) as weight_pct,
        u.cdr_code,
        coalesce(p.missione_code, u.tpl_missione) as missione,
        coalesce(p.missione_name, u.tpl_missione_name) as missione_name,
        coalesce(p.programma_code, u.tpl_programma) as programma,
        coalesce(p.programma_name, u.tpl_programma_name) as programma_name,
        coalesce(p.area_name, u.tpl_area_name) as area_name,
        coalesce(p.servizio, u.tpl_servizio) as servizio,
        u.source_line,
        u.source_sheet,
        u.source_row
    from unioned as u
    inner join documents as d using (document_id)
    left join piao_context as p using (objective_id)
)

select * from final
