{{ config(materialized='view', tags=['after_checks']) }}
-- Per check rule and severity, in the latest check run: checks run, passed and failed, and the
-- documents with a failure (Qualità dei dati).
with checks as (
    select *
    from {{ source('audit', 'dq_results') }}
    where run_id = (select max(run_id) from {{ source('audit', 'dq_results') }})
),

final as (
    select
        check_name,
        severity,
        count(*) as checks_run,
        count(*) filter (where passed) as checks_passed,
        count(*) filter (where not passed) as checks_failed,
        count(distinct document_id) filter (where not passed) as documents_failed
    from checks
    group by check_name, severity
)

select * from final
