-- One row per indicator and year (fct_indicator_year repeats an indicator-year once per
-- responsabile: here the responsabili are listed together), with whether the result, where
-- the document reports one, reaches the target. This is the definition of a "target" and of
-- a "result" used on every page: an indicator-year with a target as written (target_raw), an
-- indicator-year with a result as written (actual_raw).
with indicator_years as (
    select * from {{ ref('fct_indicator_year') }} {{ where_touched() }}
),

responsabili as (
    select * from {{ ref('dim_responsabile') }}
),

per_indicator_year as (
    select
        f.indicator_id,
        any_value(f.document_id) as document_id,
        any_value(f.ente_id) as ente_id,
        f.year,
        any_value(f.target_raw) as target_raw,
        any_value(f.target_kind) as target_kind,
        any_value(f.target_operator) as target_operator,
        any_value(f.target_value) as target_value,
        any_value(f.target_date) as target_date,
        any_value(f.actual_raw) as actual_raw,
        any_value(f.actual_value) as actual_value,
        count(distinct f.responsabile_id) as n_responsabili,
        string_agg(distinct r.name, '; ' order by r.name) as responsabili,
        min(f.source_line) as source_line
    from indicator_years as f
    left join responsabili as r using (responsabile_id)
    group by f.indicator_id, f.year
),

assessed as (
    select
        *,
        -- true/false when the result can be compared with its target, null when it cannot:
        -- a sì/no target is reached by a positive figure or a result that starts with "sì"
        -- and missed by one that starts with "no"; a number or percentage target is compared
        -- with its operator (>=, >, <=, <; "=" or none: at least the target).
        case
            when actual_raw is null then null
            when target_kind = 'boolean' then case
                when actual_value is not null then actual_value > 0
                when regexp_matches(actual_raw, '^\s*s[iì]($|[^\wàèéìíòóùú])', 'i') then true
                when regexp_matches(actual_raw, '^\s*no($|[^\wàèéìíòóùú])', 'i') then false
            end
            when target_kind in ('number', 'percent')
                and actual_value is not null and target_value is not null then case
                    when target_operator = '>=' then actual_value >= target_value
                    when target_operator = '>' then actual_value > target_value
                    when target_operator = '<=' then actual_value <= target_value
                    when target_operator = '<' then actual_value < target_value
                    else actual_value >= target_value
                end
        end as reaches_target
    from per_indicator_year
),

final as (
    select
        indicator_id,
        document_id,
        ente_id,
        year,
        target_raw,
        target_kind,
        target_operator,
        target_value,
        target_date,
        actual_raw,
        actual_value,
        reaches_target is not null as is_assessable,
        reaches_target,
        n_responsabili,
        responsabili,
        source_line
    from assessed
)

select * from final
