with source as (
    select * from {{ source('raw', 'peg_cdr') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cdr_code,
        cdr_name,
        dirigente_raw,
        cast(year as integer) as year,
        cast(listed_on_front_page as boolean) as listed_on_front_page,
        dirigente_name,
        dirigente_title,
        dirigente_role
    from source
)

select * from typed
