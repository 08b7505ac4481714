with source as (
    select * from {{ source('raw', 'asc_indicator_responsabili') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        cast(scheda_no as integer) as scheda_no,
        cast(indicator_seq as integer) as indicator_seq,
        cast(person_seq as integer) as person_seq,
        name_raw,
        split_rule,
        person_name,
        person_title,
        person_role
    from source
)

select * from typed
