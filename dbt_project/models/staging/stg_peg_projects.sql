with source as (
    select * from {{ source('raw', 'peg_projects') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        project_name,
        cdr_code,
        dirigente_raw,
        description,
        indirizzo,
        obiettivo_strategico,
        azione,
        cdr_code_listed,
        cast(sheet_header_missing as boolean) as sheet_header_missing,
        dirigente_name,
        dirigente_title,
        dirigente_role
    from source
)

select * from typed
