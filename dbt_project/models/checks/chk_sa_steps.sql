-- Stato di attuazione, per step: the % raggiungimento lies within [0, 100]; the deadline
-- falls within the plan period (period_start_year .. period_end_year of the document).
with steps as (
    select * from {{ ref('stg_sa_steps') }} {{ where_touched() }}
),

verifications as (
    select * from {{ ref('stg_sa_step_verifications') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

achievement as (
    select
        'sa_achievement_within_0_100' as check_name,
        document_id,
        'step ' || step_code || ' (line ' || source_line || ')' as subject_key,
        cast(achievement_pct as varchar) as observed,
        '[0, 100]' as expected,
        case
            when achievement_pct < 0 then cast(-achievement_pct as double)
            when achievement_pct > 100 then cast(achievement_pct as double) - 100
            else 0
        end as difference,
        'error' as severity,
        'A step''s % raggiungimento lies within [0, 100]' as description
    from verifications
    where achievement_pct is not null
),

deadlines as (
    select
        'sa_deadline_within_plan_period' as check_name,
        s.document_id,
        'step ' || s.step_code || ' (line ' || s.source_line || ')' as subject_key,
        coalesce(cast(s.deadline as varchar), 'unreadable: ' || coalesce(s.deadline_raw, ''))
            as observed,
        d.period_start_year || '-' || d.period_end_year as expected,
        case
            when s.deadline is null then null
            when year(s.deadline) < d.period_start_year
                then cast(d.period_start_year - year(s.deadline) as double)
            when year(s.deadline) > d.period_end_year
                then cast(year(s.deadline) - d.period_end_year as double)
            else 0
        end as difference,
        'error' as severity,
        'A step''s deadline (termine) falls within the plan period' as description
    from steps as s
    inner join documents as d using (document_id)
    where s.deadline_raw is not null
),

final as (
    select
        'stato_attuazione' as suite, check_name, document_id, subject_key, observed, expected,
        difference, 0.0 as tolerance, severity, description
    from achievement
    union all
    select
        'stato_attuazione', check_name, document_id, subject_key, observed, expected,
        difference, 0.0, severity, description
    from deadlines
)

select * from final
