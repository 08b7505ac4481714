with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

steps as (
    select * from {{ ref('stg_sa_steps') }} {{ where_touched() }}
),

verifications as (
    select * from {{ ref('stg_sa_step_verifications') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

tpl_steps as (
    select * from {{ ref('stg_tpl_steps') }} {{ where_touched() }}
),

tpl_objectives as (
    select * from {{ ref('stg_tpl_objectives') }} {{ where_touched() }}
),

sa_rows as (
    select
        s.document_id || ':' || o.objective_kind || ':' || s.objective_code as objective_id,
        s.document_id,
        d.ente_id,
        s.objective_code,
        s.step_code,
        s.step_seq,
        s.description,
        s.deadline_raw,
        s.deadline,
        s.indicator,
        s.weight_in_objective_raw,
        s.weight_in_objective_pct,
        s.weight_in_year_raw,
        s.weight_in_year_pct,
        s.year,
        v.achievement_raw,
        v.achievement_pct,
        v.verification,
        s.source_line,
        v.source_line as verification_source_line
    from steps as s
    inner join documents as d using (document_id)
    left join objectives as o
        on s.document_id = o.document_id and s.objective_code = o.objective_code
    left join verifications as v
        on s.document_id = v.document_id
        and s.objective_code = v.objective_code
        and s.step_code = v.step_code
),

-- template and profile documents (issue 12): the fasi sheet (objective_code is the code the
-- objective has in the plan)
tpl_rows as (
    select
        s.document_id || ':obiettivo:' || s.objective_key as objective_id,
        s.document_id,
        d.ente_id,
        o.code as objective_code,
        s.step_code,
        s.step_seq,
        s.description,
        s.deadline_raw,
        s.deadline,
        s.indicator,
        s.weight_in_objective_raw,
        s.weight_in_objective_pct,
        s.weight_in_year_raw,
        s.weight_in_year_pct,
        s.year,
        s.achievement_raw,
        s.achievement_pct,
        s.verification,
        s.source_line,
        s.source_line as verification_source_line,
        s.source_sheet,
        s.source_row
    from tpl_steps as s
    inner join documents as d using (document_id)
    left join tpl_objectives as o
        on s.document_id = o.document_id and s.objective_key = o.objective_key
),

final as (
    select * from sa_rows
    union all by name
    select * from tpl_rows
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
