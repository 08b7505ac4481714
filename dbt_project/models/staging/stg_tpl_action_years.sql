-- Template / profile documents (issue 12): raw.tpl_action_years with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_action_years') }}
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
        cast(anno as integer) as year,
        cast(prevista as boolean) as planned,
        prevista_raw as planned_raw,
        cella as cell_raw
    from source
)

select * from typed
