with source as (
    select * from {{ source('raw', 'piao_areas') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        area_name,
        cost_center,
        service,
        responsabile_raw,
        cast(row_seq as integer) as row_seq,
        parent_cost_center,
        responsabile_name_raw,
        responsabile_role_raw,
        responsabile_name,
        responsabile_title,
        responsabile_role
    from source
)

select * from typed
