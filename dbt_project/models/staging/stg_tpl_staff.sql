-- Template / profile documents (issue 12): raw.tpl_staff with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_staff') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        progetto as project_code,
        nome as person_name,
        ruolo as relation,
        cast(impegno_pct as decimal(9, 4)) as allocation_pct,
        impegno_pct_raw as allocation_raw,
        staff_name,
        staff_title,
        staff_role
    from source
)

select * from typed
