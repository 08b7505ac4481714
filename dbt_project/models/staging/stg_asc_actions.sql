with source as (
    select * from {{ source('raw', 'asc_actions') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        cast(action_seq as integer) as action_seq,
        action_no,
        innovation_raw,
        cast(is_innovation as boolean) as is_innovation,
        description,
        expected_result,
        flag
    from source
)

select * from typed
