with source as (
    select * from {{ source('raw', 'peg_budget_lines') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        project_code,
        cast(block_seq as integer) as block_seq,
        capitolo,
        articolo,
        capitolo_description,
        column_name,
        flow,
        nature,
        amount_raw,
        cast(amount as decimal(18, 2)) as amount,
        cap_raw,
        cast(shift_corrected as boolean) as shift_corrected
    from source
)

select * from typed
