{{ config(materialized='table') }}
with documents as (
    select * from {{ ref('stg_documents') }}
),

latest as (
    select *
    from documents
    qualify row_number() over (partition by ente_id order by loaded_at desc, document_id desc) = 1
),

final as (
    select
        ente_id,
        ente_name,
        ente_type,
        region,
        province,
        (select count(*) from documents as d where d.ente_id = latest.ente_id) as documents
    from latest
)

select * from final
