with source as (
    select * from {{ source('raw', 'sa_missioni_programmi') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        missione_code,
        missione_name,
        programma_code,
        programma_name,
        cast(missione_inherited as boolean) as missione_inherited
    from source
)

select * from typed
