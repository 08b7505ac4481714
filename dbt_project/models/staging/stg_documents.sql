with source as (
    select * from {{ source('raw', 'documents') }}
),

typed as (
    select
        document_id,
        source_file,
        sha256,
        family as doc_family,
        layout,
        ente_id,
        ente_name,
        ente_type,
        region,
        province,
        doc_type,
        doc_title,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year,
        cast(manifest_period_start_year as integer) as manifest_period_start_year,
        cast(manifest_period_end_year as integer) as manifest_period_end_year,
        period_note,
        cast(lines_total as integer) as lines_total,
        cast(loaded_at as timestamp) as loaded_at,
        run_id
    from source
)

select * from typed
