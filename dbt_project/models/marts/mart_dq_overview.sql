{{ config(materialized='view', tags=['after_checks']) }}
-- Documents per type of ente and outcome of the latest check run (tutti superati, con avvisi,
-- con errori, nessun controllo), with their lines by status: the Panoramica charts.
with documents as (
    select * from {{ ref('mart_document_status') }}
),

final as (
    select
        ente_type,
        doc_family,
        check_status,
        count(*) as n_documents,
        sum(checks_passed) as checks_passed,
        sum(warnings_failed) as warnings_failed,
        sum(errors_failed) as errors_failed,
        sum(lines_mapped) as lines_mapped,
        sum(lines_boilerplate) as lines_boilerplate,
        sum(lines_unparsed) as lines_unparsed
    from documents
    group by ente_type, doc_family, check_status
)

select * from final
