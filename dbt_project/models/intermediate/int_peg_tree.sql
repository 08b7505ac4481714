-- The PEG's strategic tree per document: Indirizzo -> Obiettivo strategico -> Azione ->
-- Progetto, one row per project, from the project sheet when there is one, otherwise from
-- the CDR summary table that lists the project.
with projects as (
    select * from {{ ref('stg_peg_projects') }} {{ where_touched() }}
),

cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }} {{ where_touched() }}
),

candidates as (
    select
        document_id, project_code, project_name, cdr_code, dirigente_name,
        indirizzo, obiettivo_strategico, azione, source_line, 1 as preference
    from projects
    union all
    select
        r.document_id, r.project_code, r.project_name, r.cdr_code, null as dirigente_name,
        r.indirizzo, r.obiettivo_strategico, r.azione, r.source_line, 2 as preference
    from cdr_rows as r
    where r.row_kind = 'project' and r.project_code is not null
),

best as (
    select *
    from candidates
    qualify row_number() over (
        partition by document_id, project_code order by preference, source_line
    ) = 1
),

listed_cdr as (
    -- the CDR whose summary table lists the project (a sheet may sit under another heading)
    select document_id, project_code, min(cdr_code) as cdr_code
    from cdr_rows
    where row_kind = 'project' and project_code is not null
    group by document_id, project_code
),

final as (
    select
        b.document_id,
        b.project_code,
        b.project_name,
        coalesce(l.cdr_code, b.cdr_code) as cdr_code,
        b.dirigente_name,
        b.indirizzo,
        b.obiettivo_strategico,
        b.azione,
        b.document_id || ':indirizzo:' || substr(md5(coalesce(b.indirizzo, '')), 1, 10)
            as indirizzo_id,
        b.document_id || ':strategico:'
        || substr(md5(coalesce(b.indirizzo, '') || '|' || coalesce(b.obiettivo_strategico, '')), 1, 10)
            as strategico_id,
        b.document_id || ':azione:'
        || substr(md5(
            coalesce(b.indirizzo, '') || '|' || coalesce(b.obiettivo_strategico, '')
            || '|' || coalesce(b.azione, '')
        ), 1, 10) as azione_id,
        b.document_id || ':progetto:' || b.project_code as progetto_id,
        b.source_line
    from best as b
    left join listed_cdr as l using (document_id, project_code)
)

select * from final
