-- The policy area a document itself declares for an objective: the missione/programma the
-- PIAO states in the heading above the objective, or the programmi the stato di attuazione's
-- tabella di raccordo links to the objective. The raccordo links each operational objective to
-- sets of performance and PEG objectives and of missioni/programmi (each programma belongs to
-- the last missione written above it within the strategic objective); an objective counts as
-- declared only when all the programmi linked to it map to one single area.
-- depends_on: {{ ref('policy_programmi') }}
with objectives as (
    select * from {{ ref('int_objectives') }} {{ where_touched() }}
),

raccordo as (
    select * from {{ ref('stg_sa_raccordo') }} {{ where_touched() }}
),

sa_objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

-- missione/programma -> area: the programma's own row, else the missione's row
mapped_piao as (
    select
        o.objective_id,
        o.missione as missione_code,
        o.programma as programma_code,
        {{ policy_area_of('o.missione', 'o.programma') }} as policy_area,
        o.source_line
    from objectives as o
    where o.missione is not null
),

raccordo_rows as (
    select
        document_id,
        row_seq,
        source_line,
        strategic_code,
        operational_code,
        performance_codes,
        peg_codes,
        lpad(trim(missioni), 2, '0') as missione_written,
        lpad(trim(programmi), 2, '0') as programma_code
    from raccordo
    where operational_code is not null
),

raccordo_carried as (
    select
        *,
        last_value(missione_written ignore nulls) over (
            partition by document_id, strategic_code
            order by row_seq
            rows between unbounded preceding and current row
        ) as missione_code
    from raccordo_rows
),

raccordo_areas as (
    select
        r.document_id,
        r.operational_code,
        r.source_line,
        r.missione_code,
        r.programma_code,
        {{ policy_area_of('r.missione_code', 'r.programma_code') }} as policy_area
    from raccordo_carried as r
    where r.missione_code is not null
),

raccordo_links as (
    select distinct document_id, operational_code, 'performance' as objective_kind, code
    from (
        select document_id, operational_code, unnest(string_split(trim(performance_codes), ' ')) as code
        from raccordo_rows
        where performance_codes is not null
    )
    union
    select distinct document_id, operational_code, 'peg', code
    from (
        select document_id, operational_code, unnest(string_split(trim(peg_codes), ' ')) as code
        from raccordo_rows
        where peg_codes is not null
    )
),

raccordo_objective as (
    select
        l.document_id || ':' || l.objective_kind || ':' || l.code as objective_id,
        count(distinct a.policy_area) as n_areas,
        any_value(a.policy_area) as policy_area,
        string_agg(distinct a.missione_code || '.' || a.programma_code, ', '
            order by a.missione_code || '.' || a.programma_code) as programmi,
        string_agg(distinct l.operational_code, ', ' order by l.operational_code) as via,
        min(a.source_line) as source_line
    from raccordo_links as l
    inner join raccordo_areas as a using (document_id, operational_code)
    where a.policy_area is not null and l.code <> ''
    group by all
),

unioned as (
    select
        objective_id,
        policy_area,
        missione_code || coalesce('.' || programma_code, '') as declared_programmi,
        'intestazione del piano' as declared_in,
        source_line
    from mapped_piao
    where policy_area is not null
    union all
    select
        objective_id,
        policy_area,
        programmi,
        'tabella di raccordo (obiettivi operativi ' || via || ')',
        source_line
    from raccordo_objective
    where n_areas = 1
),

final as (
    select u.*, o.document_id
    from unioned as u
    inner join objectives as o using (objective_id)
)

select * from final
