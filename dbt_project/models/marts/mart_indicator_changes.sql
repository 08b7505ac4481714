{{ config(materialized='table') }}
-- What changed between refreshes: every indicator-year version that appeared after the
-- first snapshot (new or changed), and every indicator-year that disappeared, with the old
-- and new values and when the change was seen.
with versions as (
    select * from {{ ref('snp_indicator_year') }}
),

baseline as (
    select min(dbt_valid_from) as first_seen from versions
),

ordered as (
    select
        v.*,
        lag(v.target_raw) over w as old_target_raw,
        lag(v.actual_raw) over w as old_actual_raw,
        lag(v.responsabili) over w as old_responsabili,
        lag(v.document_sha256) over w as old_document_sha256,
        row_number() over w as version_no
    from versions as v
    window w as (partition by v.indicator_year_key order by v.dbt_valid_from)
),

appeared as (
    select
        o.indicator_id,
        o.year,
        o.document_id,
        o.ente_id,
        o.indicator_name,
        case when o.version_no = 1 then 'nuovo' else 'modificato' end as change_type,
        o.old_target_raw,
        o.target_raw as new_target_raw,
        o.old_actual_raw,
        o.actual_raw as new_actual_raw,
        o.old_responsabili,
        o.responsabili as new_responsabili,
        o.old_document_sha256,
        o.document_sha256 as new_document_sha256,
        o.dbt_valid_from as changed_at,
        o.source_line
    from ordered as o
    cross join baseline as b
    where o.dbt_valid_from > b.first_seen
),

removed as (
    select
        v.indicator_id,
        v.year,
        v.document_id,
        v.ente_id,
        v.indicator_name,
        'rimosso' as change_type,
        v.target_raw,
        null,
        v.actual_raw,
        null,
        v.responsabili,
        null,
        v.document_sha256,
        null,
        v.dbt_valid_to,
        v.source_line
    from versions as v
    where v.dbt_valid_to is not null
        and not exists (
            select 1 from versions as n
            where n.indicator_year_key = v.indicator_year_key
                and n.dbt_valid_from >= v.dbt_valid_to
        )
),

final as (
    select * from appeared
    union all
    select * from removed
)

select * from final
