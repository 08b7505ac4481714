-- indicator x year x responsabile: one row per named responsabile of the indicator, a null
-- responsabile_id when the document names nobody for it.
with document_lines as (
    select document_id, source_line, page
    from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

indicator_years as (
    select * from {{ ref('int_indicators') }} {{ where_touched() }}
),

assignments as (
    select * from (select * from {{ ref('int_responsabile_assignments') }} {{ where_touched() }})
    where subject_type in ('indicator', 'indicator_year')
),

final as (
    select
        i.indicator_id,
        i.ente_id,
        i.document_id,
        i.year,
        a.responsabile_id,
        a.source as responsabile_source,
        i.target_raw,
        i.target_kind,
        i.target_operator,
        i.target_value,
        cast(i.target_date as date) as target_date,
        i.actual_raw,
        i.actual_value,
        i.year_source,
        i.year_source_line as source_line,
        i.year_source_sheet as source_sheet,
        i.year_source_row as source_row,
        i.period,
        i.achievement_pct,
        i.details,
        i.variant_seq
    from indicator_years as i
    left join assignments as a
        on a.subject_id = coalesce(i.assignment_subject_id, i.indicator_id)
),

-- the PDF page of the row's line (macros/lineage.sql)
with_page as (
    {{ with_source_page('final') }}
)

select * from with_page
