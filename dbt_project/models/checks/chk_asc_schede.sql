-- ASC schede:
--   * every target year lies within the period the scheda declares;
--   * every indicator has at least one target (or it is flagged);
--   * the years a table header declares agree with the scheda's period and are valid
--     (distinct consecutive years).
with schede as (
    select * from {{ ref('stg_asc_schede') }} {{ where_touched() }}
),

indicators as (
    select * from {{ ref('stg_asc_indicators') }} {{ where_touched() }}
),

indicator_years as (
    select * from {{ ref('stg_asc_indicator_years') }} {{ where_touched() }}
),

resolution as (
    select * from {{ ref('stg_asc_year_resolution') }} {{ where_touched() }}
),

target_years as (
    -- one subject per scheda and year: how many indicators set a target in that year
    select
        'asc_target_year_within_scheda_period' as check_name,
        y.document_id,
        'scheda ' || y.scheda_no || ' / ' || y.year as subject_key,
        count(*) || ' targets in ' || y.year || ' (lines ' || min(y.source_line) || '-'
        || max(y.source_line) || ')' as observed,
        'period ' || any_value(s.period_start_year) || '-' || any_value(s.period_end_year)
            as expected,
        cast(case
            when y.year < any_value(s.period_start_year) then any_value(s.period_start_year) - y.year
            when y.year > any_value(s.period_end_year) then y.year - any_value(s.period_end_year)
            else 0
        end as double) as difference,
        'warning' as severity,
        'A target''s year lies within the period the scheda declares' as description
    from indicator_years as y
    inner join schede as s on y.document_id = s.document_id and y.scheda_no = s.scheda_no
    where y.target_raw is not null
    group by y.document_id, y.scheda_no, y.year
),

has_target as (
    select
        'asc_indicator_has_a_target' as check_name,
        i.document_id,
        'scheda ' || i.scheda_no || ' / indicator ' || i.indicator_seq || ' (line '
        || i.source_line || ')' as subject_key,
        count(y.target_raw) || ' targets' as observed,
        '>= 1 target' as expected,
        case when count(y.target_raw) = 0 then 1.0 else 0.0 end as difference,
        'warning' as severity,
        'Every indicator has at least one target (Previsione) in some year' as description
    from indicators as i
    left join indicator_years as y
        on i.document_id = y.document_id
        and i.scheda_no = y.scheda_no
        and i.indicator_seq = y.indicator_seq
    group by i.document_id, i.scheda_no, i.indicator_seq, i.source_line
),

header_years as (
    select
        'asc_header_years_agree_with_period' as check_name,
        document_id,
        'scheda ' || scheda_no || ' / ' || table_name || ' header (line ' || source_line || ')'
            as subject_key,
        'header ' || header_years_raw || ' -> ' || resolved_years || ' (' || rule || ')'
            as observed,
        'period ' || declared_period_raw as expected,
        case when agrees_with_period and header_valid then 0.0 else 1.0 end as difference,
        'warning' as severity,
        'The years a table header declares are distinct consecutive years and agree with the '
        || 'scheda''s declared period' as description
    from resolution
),

final as (
    select
        'asc_schede' as suite, check_name, document_id, subject_key, observed, expected,
        difference, 0.0 as tolerance, severity, description
    from target_years
    union all
    select
        'asc_schede', check_name, document_id, subject_key, observed, expected, difference, 0.0,
        severity, description
    from has_target
    union all
    select
        'asc_schede', check_name, document_id, subject_key, observed, expected, difference, 0.0,
        severity, description
    from header_years
)

select * from final
