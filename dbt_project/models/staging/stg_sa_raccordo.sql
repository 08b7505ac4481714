with source as (
    select * from {{ source('raw', 'sa_raccordo') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(row_seq as integer) as row_seq,
        strategic_code,
        strategic_title,
        operational_code,
        operational_title,
        performance_codes,
        peg_codes,
        missioni,
        programmi,
        raw_cells,
        attribution,
        row_kind,
        attribution_note
    from source
)

select * from typed
