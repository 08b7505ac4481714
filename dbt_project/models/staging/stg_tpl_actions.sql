-- Template / profile documents (issue 12): raw.tpl_actions with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_actions') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        id_azione as action_key,
        id_obiettivo as objective_key,
        numero as action_no,
        descrizione as description,
        risultato_atteso as expected_result,
        cast(innovazione as boolean) as is_innovation,
        innovazione_raw as innovation_raw,
        cast(action_seq as integer) as action_seq
    from source
)

select * from typed
