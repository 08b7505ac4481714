-- PIAO: the year an objective table's "INDICATORE DI RISULTATO <year>" header declares lies
-- within the plan period of the document.
with rows_ as (
    select * from {{ ref('stg_piao_objective_rows') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

final as (
    select
        'piao' as suite,
        'piao_indicator_year_within_plan_period' as check_name,
        r.document_id,
        'objective ' || r.objective_seq || ' row ' || r.row_seq || ' (line ' || r.source_line
        || ')' as subject_key,
        cast(r.year as varchar) as observed,
        d.period_start_year || '-' || d.period_end_year as expected,
        cast(case
            when r.year < d.period_start_year then d.period_start_year - r.year
            when r.year > d.period_end_year then r.year - d.period_end_year
            else 0
        end as double) as difference,
        0.0 as tolerance,
        'warning' as severity,
        'The indicator header''s year lies within the plan period' as description
    from rows_ as r
    inner join documents as d using (document_id)
    where r.year is not null
)

select * from final
