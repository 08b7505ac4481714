with staff as (
    select * from {{ ref('stg_peg_staff') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

final as (
    select
        s.document_id,
        d.ente_id,
        s.project_code,
        s.person_name,
        s.staff_name as person_name_normalised,
        s.relation as role,
        s.allocation_raw,
        s.allocation_pct,
        s.source_line
    from staff as s
    inner join documents as d using (document_id)
)

select * from final
