-- PEG staff tables: per document and project, the people assigned and the full-time
-- equivalents (sum of % impegno / 100).
with staff as (
    select * from {{ ref('fct_staff_allocation') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        project_code,
        count(distinct person_name_normalised) as n_people,
        sum(allocation_pct) / 100 as fte
    from staff
    group by document_id, project_code
)

select * from final
