{{ config(materialized='table') }}
-- The policy areas (seed policy_areas): programmi 12.01-12.09 of Missione 12, M01, ALTRA, NC,
-- with their official names, for readers of the marts.
with areas as (
    select * from {{ ref('policy_areas') }}
),

final as (
    select
        policy_area,
        sort_order,
        area_name,
        official_name,
        missione_code,
        programma_code,
        description
    from areas
)

select * from final
