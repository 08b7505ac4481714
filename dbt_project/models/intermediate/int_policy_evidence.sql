-- The text the policy rules read, one row per piece of text: for each objective its title,
-- servizio, descriptions, the titles of its parent and children, the names of its indicators,
-- its actions, steps and budget capitoli; for each indicator its name, servizio, formula and
-- note. value keeps the text as written, value_norm as the rules see it.
with objectives as (
    select * from {{ ref('int_objectives') }} {{ where_touched() }}
),

indicators as (
    select distinct on (indicator_id)
        indicator_id, objective_id, document_id, name, formula, note, servizio
    from (select * from {{ ref('int_indicators') }} {{ where_touched() }})
    order by indicator_id, year
),

peg_projects as (
    select * from {{ ref('stg_peg_projects') }} {{ where_touched() }}
),

peg_budget_lines as (
    select * from {{ ref('stg_peg_budget_lines') }} {{ where_touched() }}
),

asc_actions as (
    select * from {{ ref('stg_asc_actions') }} {{ where_touched() }}
),

sa_objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

sa_steps as (
    select * from {{ ref('stg_sa_steps') }} {{ where_touched() }}
),

piao_rows as (
    select * from {{ ref('stg_piao_objective_rows') }} {{ where_touched() }}
),

objective_texts as (
    select objective_id, document_id, 'title' as field, title as value, 0 as seq
    from objectives
    union all
    select objective_id, document_id, 'servizio', servizio, 0
    from objectives
    union all
    select c.objective_id, c.document_id, 'parent_title', p.title, 0
    from objectives as c
    inner join objectives as p on c.parent_objective_id = p.objective_id
    union all
    select p.objective_id, p.document_id, 'child_title', c.title, c.source_line
    from objectives as c
    inner join objectives as p on c.parent_objective_id = p.objective_id
    union all
    select
        document_id || ':progetto:' || project_code, document_id, 'description', description, 0
    from peg_projects
    union all
    select distinct
        document_id || ':progetto:' || project_code, document_id, 'capitolo',
        capitolo_description, min(source_line) over (
            partition by document_id, project_code, capitolo_description
        )
    from peg_budget_lines
    union all
    select
        objective_id, document_id, 'indicator', concat_ws(' ', name, note),
        row_number() over (partition by objective_id order by indicator_id)
    from indicators
    where objective_id is not null
    union all
    select
        document_id || ':scheda:' || scheda_no, document_id, 'action',
        concat_ws(' ', description, expected_result), action_seq
    from asc_actions
    union all
    select
        s.document_id || ':' || o.objective_kind || ':' || s.objective_code, s.document_id, 'step',
        concat_ws(' ', s.description, s.indicator), s.step_seq
    from sa_steps as s
    inner join sa_objectives as o
        on s.document_id = o.document_id and s.objective_code = o.objective_code
    union all
    select
        document_id || ':' || objective_kind || ':' || objective_code, document_id, 'description',
        unnest([situazione_attuale, situazione_attesa, azioni, indicatore_raggiungimento]),
        0
    from sa_objectives
    union all
    select
        document_id || ':obiettivo:' || objective_seq, document_id, 'description', description,
        row_seq
    from piao_rows
),

indicator_texts as (
    select indicator_id as object_id, document_id, 'title' as field, name as value, 0 as seq
    from indicators
    union all
    select indicator_id, document_id, 'servizio', servizio, 0 from indicators
    union all
    select indicator_id, document_id, 'description', formula, 0 from indicators
    union all
    select indicator_id, document_id, 'note', note, 0 from indicators
),

unioned as (
    select 'objective' as object_kind, objective_id as object_id, document_id, field, value, seq
    from objective_texts
    union all
    select 'indicator', object_id, document_id, field, value, seq
    from indicator_texts
),

normalised as (
    select
        object_kind,
        object_id,
        document_id,
        field,
        value,
        seq,
        {{ policy_normalise('value') }} as value_norm
    from unioned
    where value is not null and trim(value) <> ''
),

final as (
    select distinct on (object_kind, object_id, field, value_norm)
        object_kind,
        object_id,
        document_id,
        field,
        value,
        value_norm,
        object_kind || '|' || object_id || '|' || field || '|' || md5(value_norm) as evidence_id
    from normalised
    where trim(value_norm) <> ''
    order by object_kind, object_id, field, value_norm, seq
)

select * from final
