with actions as (
    select * from {{ ref('stg_asc_actions') }}
),

action_years as (
    select * from {{ ref('stg_asc_action_years') }}
),

final as (
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
)

select * from final
