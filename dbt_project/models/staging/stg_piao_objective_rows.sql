with source as (
    select * from {{ source('raw', 'piao_objective_rows') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(objective_seq as integer) as objective_seq,
        cast(row_seq as integer) as row_seq,
        description,
        indicator_raw,
        cast(year as integer) as year,
        responsabile_raw,
        rischio,
        rischio_raw,
        label,
        cast(parent_row_seq as integer) as parent_row_seq,
        indicator_header_raw,
        split_cell_raw,
        misaligned_text_raw,
        target_kind,
        target_operator,
        cast(target_value as double) as target_value,
        cast(target_date as date) as target_date
    from source
)

select * from typed
