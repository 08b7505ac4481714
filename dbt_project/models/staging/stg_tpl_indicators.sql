-- Template / profile documents (issue 12): raw.tpl_indicators with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_indicators') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        id_indicatore as indicator_key,
        id_obiettivo as objective_key,
        codice as code,
        nome as name,
        dimensione as dimension,
        formula,
        note,
        ambito as scope,
        servizio
    from source
)

select * from typed
