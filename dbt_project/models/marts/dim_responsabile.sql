{{ config(materialized='table') }}
-- One responsible person or role per ente. kind = persona | ruolo; role = the role the
-- documents give them (Dirigente, Responsabile, ...), the most frequent when several.
with assignments as (
    select * from {{ ref('int_responsabile_assignments') }}
),

roles as (
    select ente_id, responsabile_id, role, count(*) as n
    from assignments
    group by all
),

best_role as (
    select ente_id, responsabile_id, role
    from roles
    qualify row_number() over (
        partition by ente_id, responsabile_id order by n desc, role
    ) = 1
),

people as (
    select
        ente_id,
        responsabile_id,
        min(name) as name,
        min(kind) as kind,
        count(distinct document_id) as documents,
        count(*) as assignments,
        string_agg(distinct name_raw, ' | ' order by name_raw) as names_as_written
    from assignments
    group by ente_id, responsabile_id
),

final as (
    select
        p.responsabile_id,
        p.ente_id,
        p.name,
        b.role,
        p.kind,
        p.documents,
        p.assignments,
        p.names_as_written
    from people as p
    inner join best_role as b using (ente_id, responsabile_id)
)

select * from final
