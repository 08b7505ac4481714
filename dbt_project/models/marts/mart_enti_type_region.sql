{{ config(materialized='table') }}
-- Enti and documents loaded per type of ente and region (Panoramica).
with enti as (
    select * from {{ ref('dim_ente') }}
),

final as (
    select
        ente_type,
        region,
        count(*) as n_enti,
        sum(documents) as n_documents
    from enti
    group by ente_type, region
)

select * from final
