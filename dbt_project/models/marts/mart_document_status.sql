{{ config(materialized='view', tags=['after_checks']) }}
-- Every document with its ente, a readable label, the coverage of the latest run that read
-- it, and the outcome of the latest check run on it. A view: the checks run after dbt, and
-- the Parquet export that follows them writes the current rows.
with documents as (
    select * from {{ ref('dim_document') }}
),

enti as (
    select * from {{ ref('dim_ente') }}
),

coverage as (
    select *
    from {{ source('audit', 'document_coverage') }}
    qualify row_number() over (partition by document_id order by run_id desc) = 1
),

checks as (
    select *
    from {{ source('audit', 'dq_results') }}
    where run_id = (select max(run_id) from {{ source('audit', 'dq_results') }})
),

check_counts as (
    select
        document_id,
        count(*) as checks_run,
        count(*) filter (where passed) as checks_passed,
        count(*) filter (where not passed and severity = 'warning') as warnings_failed,
        count(*) filter (where not passed and severity = 'error') as errors_failed
    from checks
    group by document_id
),

final as (
    select
        d.document_id,
        d.ente_id,
        e.ente_name,
        {{ ente_short_name('e.ente_name') }} as ente_short_name,
        e.ente_type,
        e.region,
        e.province,
        d.doc_family,
        d.doc_type,
        d.doc_title,
        d.period_start_year,
        d.period_end_year,
        {{ document_label('e.ente_name', 'd.period_start_year', 'd.period_end_year') }} as label,
        d.source_file,
        d.loaded_at,
        d.lines_total,
        c.lines_blank,
        c.lines_mapped,
        c.lines_boilerplate,
        c.lines_unparsed,
        c.coverage_pct,
        coalesce(q.checks_run, 0) as checks_run,
        coalesce(q.checks_passed, 0) as checks_passed,
        coalesce(q.warnings_failed, 0) as warnings_failed,
        coalesce(q.errors_failed, 0) as errors_failed,
        case
            when coalesce(q.checks_run, 0) = 0 then 'nessun controllo'
            when q.errors_failed > 0 then 'con errori'
            when q.warnings_failed > 0 then 'con avvisi'
            else 'tutti superati'
        end as check_status
    from documents as d
    inner join enti as e using (ente_id)
    left join coverage as c using (document_id)
    left join check_counts as q using (document_id)
)

select * from final
