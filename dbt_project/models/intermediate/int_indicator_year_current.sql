-- The current state of every indicator-year (targets, results, responsabili), one row per
-- indicator x year: what the revision history (snapshot snp_indicator_year) compares
-- between refreshes.
with indicator_years as (
    select * from {{ ref('fct_indicator_year') }} {{ where_touched() }}
),

responsabili as (
    select * from {{ ref('dim_responsabile') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('dim_document') }} {{ where_touched() }}
),

per_year as (
    select
        f.indicator_id,
        f.year,
        any_value(f.document_id) as document_id,
        any_value(f.ente_id) as ente_id,
        any_value(f.target_raw) as target_raw,
        any_value(f.target_kind) as target_kind,
        any_value(f.target_value) as target_value,
        any_value(f.target_date) as target_date,
        any_value(f.actual_raw) as actual_raw,
        any_value(f.actual_value) as actual_value,
        string_agg(distinct r.name, ', ' order by r.name) as responsabili,
        min(f.source_line) as source_line
    from indicator_years as f
    left join responsabili as r using (responsabile_id)
    group by f.indicator_id, f.year
),

final as (
    select
        p.indicator_id || '|' || p.year as indicator_year_key,
        p.*,
        i.name as indicator_name,
        d.sha256 as document_sha256
    from per_year as p
    inner join indicators as i using (indicator_id)
    inner join documents as d on d.document_id = p.document_id
)

select * from final
