-- Template / profile documents (issue 12): raw.tpl_plan_weights with the template's Italian field
-- names renamed to the warehouse's and typed.
with source as (
    select * from {{ source('raw', 'tpl_plan_weights') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        source_sheet,
        cast(source_row as integer) as source_row,
        cast(row_seq as integer) as row_seq,
        gruppo as weight_group,
        voce as item,
        cast(peso_pct as decimal(9, 4)) as weight_pct,
        peso_pct_raw as weight_raw
    from source
)

select * from typed
