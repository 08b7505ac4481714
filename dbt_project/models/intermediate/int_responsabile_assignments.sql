-- Who each document names as responsible for what: one row per (subject, named responsible).
-- kind: persona (a named person) or ruolo (a role the document names instead of a person).
-- source says where the name comes from: indicatore (the indicator row names them),
-- progetto (the PEG project's Dirigente), scheda (the scheda's Responsabile), obiettivo
-- (the PIAO objective table's RESPONSABILE cell), cdr (the CDR's Dirigente), area (the
-- PIAO area table's RESPONSABILE of a centro di costo).
with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

peg_indicators as (
    select * from {{ ref('stg_peg_indicators') }} {{ where_touched() }}
),

peg_tree as (
    select * from {{ ref('int_peg_tree') }} {{ where_touched() }}
),

peg_projects as (
    select * from {{ ref('stg_peg_projects') }} {{ where_touched() }}
),

peg_cdr as (
    select * from {{ ref('stg_peg_cdr') }} {{ where_touched() }}
),

asc_indicators as (
    select * from {{ ref('stg_asc_indicators') }} {{ where_touched() }}
),

asc_people as (
    select * from {{ ref('stg_asc_indicator_responsabili') }} {{ where_touched() }}
),

asc_schede as (
    select * from {{ ref('stg_asc_schede') }} {{ where_touched() }}
),

piao_rows as (
    select * from {{ ref('stg_piao_objective_rows') }} {{ where_touched() }}
),

piao_areas as (
    select * from {{ ref('stg_piao_areas') }} {{ where_touched() }}
),

tpl_people as (
    select * from {{ ref('stg_tpl_responsabili') }} {{ where_touched() }}
),

project_dirigente as (
    select document_id, project_code, dirigente_name, dirigente_raw, source_line
    from peg_projects
    where dirigente_name is not null
    qualify row_number() over (partition by document_id, project_code order by source_line) = 1
),

assignments as (
    -- PEG indicators: the Dirigente of the project sheet
    select
        i.document_id,
        'indicator' as subject_type,
        i.document_id || ':indicatore:' || i.indicator_code as subject_id,
        p.dirigente_name as name,
        p.dirigente_raw as name_raw,
        'persona' as kind,
        'Dirigente' as role,
        'progetto' as source,
        1 as person_seq,
        p.source_line
    from peg_indicators as i
    inner join project_dirigente as p using (document_id, project_code)

    union all
    -- PEG projects and CDRs: their Dirigente
    select
        document_id, 'objective', document_id || ':progetto:' || project_code,
        dirigente_name, dirigente_raw, 'persona', 'Dirigente', 'progetto', 1, source_line
    from project_dirigente

    union all
    select
        document_id, 'cdr', document_id || ':cdr:' || cdr_code,
        dirigente_name, dirigente_raw, 'persona', 'Dirigente', 'cdr', 1, source_line
    from peg_cdr
    where dirigente_name is not null

    union all
    -- ASC indicators that name people
    select
        p.document_id, 'indicator',
        p.document_id || ':indicatore:s' || p.scheda_no || ':' || p.indicator_seq,
        p.person_name, p.name_raw, 'persona', 'Responsabile', 'indicatore', p.person_seq,
        p.source_line
    from asc_people as p

    union all
    -- ASC indicators that name nobody: the scheda's Responsabile (a role)
    select
        i.document_id, 'indicator',
        i.document_id || ':indicatore:s' || i.scheda_no || ':' || i.indicator_seq,
        trim(s.responsabile_raw), s.responsabile_raw, 'ruolo', trim(s.responsabile_raw),
        'scheda', 1, s.source_line
    from asc_indicators as i
    inner join asc_schede as s
        on i.document_id = s.document_id and i.scheda_no = s.scheda_no
    where s.responsabile_raw is not null
        and not exists (
            select 1 from asc_people as p
            where p.document_id = i.document_id
                and p.scheda_no = i.scheda_no
                and p.indicator_seq = i.indicator_seq
        )

    union all
    select
        document_id, 'objective', document_id || ':scheda:' || scheda_no,
        trim(responsabile_raw), responsabile_raw, 'ruolo', trim(responsabile_raw), 'scheda', 1,
        source_line
    from asc_schede
    where responsabile_raw is not null

    union all
    -- PIAO objective rows: the RESPONSABILE cell (a role in this layout)
    select
        document_id, 'indicator',
        document_id || ':indicatore:o' || objective_seq || ':' || row_seq,
        trim(responsabile_raw), responsabile_raw, 'ruolo', trim(responsabile_raw), 'obiettivo', 1,
        source_line
    from piao_rows
    where responsabile_raw is not null and trim(responsabile_raw) <> ''

    union all
    -- PIAO areas: the responsabile of a centro di costo (a named person)
    select
        document_id, 'cost_center',
        document_id || ':centro:' || coalesce(cost_center, area_name) || ':' || row_seq,
        responsabile_name, responsabile_raw, 'persona',
        coalesce(
            responsabile_role,
            case when responsabile_title ilike 'comandante%' then 'Comandante' end,
            'Responsabile di servizio'
        ), 'area', 1, source_line
    from piao_areas
    where responsabile_name is not null and responsabile_name <> ''

    union all
    -- template and profile documents (issue 12): the responsabile (a person, normalised) or
    -- responsabile_ruolo (a role or structure, as written) of an objective or of one row of
    -- anni_indicatori
    select
        document_id,
        case subject when 'obiettivo' then 'objective' else 'indicator_year' end,
        document_id || case subject
            when 'obiettivo' then ':obiettivo:' else ':anno_indicatore:' end || subject_key,
        case kind when 'persona' then person_name else trim(name_raw) end,
        name_raw,
        kind,
        case kind when 'persona' then coalesce(person_role, 'Responsabile') else trim(name_raw) end,
        'modello',
        person_seq,
        source_line
    from tpl_people
),

final as (
    select
        a.*,
        d.ente_id,
        {{ responsabile_id('d.ente_id', 'a.name') }} as responsabile_id
    from assignments as a
    inner join documents as d using (document_id)
    where a.name is not null and trim(a.name) <> ''
)

select * from final
