with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

actions as (
    select * from {{ ref('stg_asc_actions') }} {{ where_touched() }}
),

action_years as (
    select * from {{ ref('stg_asc_action_years') }} {{ where_touched() }}
),

tpl_actions as (
    select * from {{ ref('stg_tpl_actions') }} {{ where_touched() }}
),

tpl_action_years as (
    select * from {{ ref('stg_tpl_action_years') }} {{ where_touched() }}
),

asc_rows as (
    select
        a.document_id || ':azione:s' || a.scheda_no || ':' || a.action_seq as action_id,
        a.document_id || ':scheda:' || a.scheda_no as objective_id,
        a.document_id,
        a.action_no,
        a.action_seq,
        a.description,
        a.expected_result,
        a.is_innovation,
        y.year,
        y.planned,
        y.cell_raw,
        y.source_line
    from actions as a
    inner join action_years as y
        on a.document_id = y.document_id
        and a.scheda_no = y.scheda_no
        and a.action_seq = y.action_seq
),

-- template and profile documents (issue 12)
tpl_rows as (
    select
        a.document_id || ':azione:' || a.action_key as action_id,
        a.document_id || ':obiettivo:' || a.objective_key as objective_id,
        a.document_id,
        a.action_no,
        a.action_seq,
        a.description,
        a.expected_result,
        a.is_innovation,
        y.year,
        y.planned,
        y.cell_raw,
        y.source_line,
        y.source_sheet,
        y.source_row
    from tpl_actions as a
    inner join tpl_action_years as y
        on a.document_id = y.document_id and a.action_key = y.action_key
),

final as (
    select * from asc_rows
    union all by name
    select * from tpl_rows
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
