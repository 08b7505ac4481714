-- Template / profile documents (issue 12): raw.tpl_responsabili with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_responsabili') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        subject,
        subject_key,
        cast(person_seq as integer) as person_seq,
        name_raw,
        kind,
        person_name,
        person_title,
        person_role
    from source
)

select * from typed
