with source as (
    select * from {{ source('raw', 'sa_objectives') }}
),

typed as (
    select
        document_id,
        cast(source_line as integer) as source_line,
        cast(source_line_end as integer) as source_line_end,
        objective_code,
        objective_kind,
        title,
        situazione_attuale,
        criticita,
        situazione_attesa,
        vantaggi,
        incidence_raw,
        cast(incidence_pct as decimal(9, 4)) as incidence_pct,
        cast(incidence_line as integer) as incidence_line,
        azioni,
        operatori,
        costi,
        indicatore_raggiungimento,
        cast(plan_year as integer) as plan_year,
        title_raw,
        incidence_source,
        cast(percorso_line as integer) as percorso_line,
        percorso_extra_raw,
        note,
        cast(note_line as integer) as note_line
    from source
)

select * from typed
