-- Stato di attuazione: weights that must add up to 100.
--   * objective incidences over the whole plan (per document);
--   * peso step/obiettivo per objective;
--   * peso step/<year> per objective (objectives with at least one step weighted that year);
--   * the TOTALE <year> row equals the sum of the steps' % raggiungimento.
-- The document prints integer percentages, each rounded: a difference of one point is a
-- warning (rounding), more than one point is an error. Tolerance 0.
with objectives as (
    select * from {{ ref('stg_sa_objectives') }} {{ where_touched() }}
),

steps as (
    select * from {{ ref('stg_sa_steps') }} {{ where_touched() }}
),

verifications as (
    select * from {{ ref('stg_sa_step_verifications') }} {{ where_touched() }}
),

totals as (
    select * from {{ ref('stg_sa_totals') }} {{ where_touched() }}
),

incidence as (
    select
        'sa_incidences_sum_to_100' as check_name,
        document_id,
        'incidenza obiettivi su totale piano (' || count(*) || ' objectives, '
        || count(incidence_pct) || ' with a weight)' as subject_key,
        sum(incidence_pct) as observed_pct,
        100 as expected_pct,
        'Objective incidences on the whole plan sum to 100' as description
    from objectives
    group by document_id
),

step_objective as (
    select
        'sa_step_weights_sum_to_100_per_objective' as check_name,
        document_id,
        'objective ' || objective_code || ' / peso step/obiettivo' as subject_key,
        sum(weight_in_objective_pct) as observed_pct,
        100 as expected_pct,
        'The steps'' peso step/obiettivo sum to 100 per objective' as description
    from steps
    group by document_id, objective_code
),

step_year as (
    select
        'sa_step_weights_sum_to_100_per_year' as check_name,
        document_id,
        'objective ' || objective_code || ' / peso step/' || year as subject_key,
        sum(weight_in_year_pct) as observed_pct,
        100 as expected_pct,
        'The steps'' peso step/<year> sum to 100 per objective' as description
    from steps
    group by document_id, objective_code, year
    having count(weight_in_year_pct) > 0
),

achievement as (
    select
        v.document_id,
        v.objective_code,
        v.year,
        sum(v.achievement_pct) as achieved,
        count(v.achievement_pct) as n
    from verifications as v
    group by all
),

total_rows as (
    select
        'sa_totale_equals_sum_of_steps' as check_name,
        t.document_id,
        'objective ' || t.objective_code || ' / ' || t.label || ' (line ' || t.source_line || ')'
            as subject_key,
        coalesce(a.achieved, 0) as observed_pct,
        t.total_pct as expected_pct,
        'The TOTALE row equals the sum of the steps'' % raggiungimento' as description
    from totals as t
    left join achievement as a
        on t.document_id = a.document_id
        and t.objective_code = a.objective_code
        and t.year = a.year
),

unioned as (
    select * from incidence
    union all select * from step_objective
    union all select * from step_year
    union all select * from total_rows
),

final as (
    select
        'stato_attuazione' as suite,
        check_name,
        document_id,
        subject_key,
        coalesce(cast(observed_pct as varchar), 'no figures') as observed,
        coalesce(cast(expected_pct as varchar), 'empty') as expected,
        abs(cast(observed_pct as double) - cast(expected_pct as double)) as difference,
        0.0 as tolerance,
        case
            when abs(cast(observed_pct as double) - cast(expected_pct as double)) <= 1
                then 'warning'
            else 'error'
        end as severity,
        description || '; integer percentages: 1 point = warning (rounding), more = error'
            as description
    from unioned
)

select * from final
