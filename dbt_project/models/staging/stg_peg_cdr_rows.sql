with source as (
    select * from {{ source('raw', 'peg_cdr_rows') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cdr_code,
        cast(row_seq as integer) as row_seq,
        row_kind,
        indirizzo,
        obiettivo_strategico,
        azione,
        project_code,
        project_name,
        budget_raw,
        cast(budget as decimal(18, 2)) as budget,
        absorption_raw,
        cast(absorption_pct as decimal(9, 4)) as absorption_pct
    from source
)

select * from typed
