-- Template and profile documents (issue 12): the consistency rules of the parsed families,
-- applied to what a filled template declares. Subjects name the template's sheet and ids.
--   * weights that must add up to 100: the pesi sheet per gruppo (as the PIAO levels),
--     the objectives' peso_pct over the plan (as the stato di attuazione incidences), the
--     steps' peso_obiettivo_pct per objective and peso_anno_pct per objective and year;
--     1 point = warning (rounding of integer percentages), more = error;
--   * budget: % di assorbimento of the progetti sum to 100 per CDR (tolerance n x 0.005),
--     each project's budget equals the spese lines of the bilancio sheet for it (exact);
--   * targets: every indicator has a target in some year, within the plan period (warning);
--   * achievements and staff shares within [0, 100] are enforced by the validation itself.
with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

weights as (
    select * from {{ ref('stg_tpl_plan_weights') }} {{ where_touched() }}
),

objectives as (
    select * from {{ ref('stg_tpl_objectives') }} {{ where_touched() }}
),

steps as (
    select * from {{ ref('stg_tpl_steps') }} {{ where_touched() }}
),

projects as (
    select * from {{ ref('stg_tpl_project_budget') }} {{ where_touched() }}
),

lines as (
    select * from {{ ref('stg_tpl_budget_lines') }} {{ where_touched() }}
),

indicators as (
    select * from {{ ref('stg_tpl_indicators') }} {{ where_touched() }}
),

indicator_years as (
    select * from {{ ref('stg_tpl_indicator_years') }} {{ where_touched() }}
),

sums_to_100 as (
    select
        'tpl_weights_sum_to_100' as check_name,
        document_id,
        'pesi / ' || weight_group || ' (' || count(*) || ' voci)' as subject_key,
        sum(weight_pct) as observed_pct
    from weights
    group by document_id, weight_group
    union all
    select
        'tpl_objective_weights_sum_to_100',
        document_id,
        'obiettivi / peso_pct (' || count(weight_pct) || ' obiettivi con un peso)',
        sum(weight_pct)
    from objectives
    group by document_id
    having count(weight_pct) > 0
    union all
    select
        'tpl_step_weights_sum_to_100_per_objective',
        document_id,
        'fasi / obiettivo ' || objective_key || ' / peso_obiettivo_pct',
        sum(weight_in_objective_pct)
    from steps
    group by document_id, objective_key
    having count(weight_in_objective_pct) > 0
    union all
    select
        'tpl_step_weights_sum_to_100_per_year',
        document_id,
        'fasi / obiettivo ' || objective_key || ' / peso_anno_pct ' || coalesce(cast(year as varchar), ''),
        sum(weight_in_year_pct)
    from steps
    group by document_id, objective_key, year
    having count(weight_in_year_pct) > 0
),

weight_rows as (
    select
        check_name, document_id, subject_key,
        cast(observed_pct as varchar) as observed,
        '100' as expected,
        abs(cast(observed_pct as double) - 100) as difference,
        0.0 as tolerance,
        case when abs(cast(observed_pct as double) - 100) <= 1 then 'warning' else 'error' end
            as severity,
        'Declared weights sum to 100; 1 point = warning (rounding), more = error'
            as description
    from sums_to_100
),

absorption as (
    select
        'tpl_absorption_sums_to_100_per_cdr' as check_name,
        document_id,
        'progetti / CDR ' || cdr_code as subject_key,
        cast(sum(absorption_pct) as varchar) as observed,
        '100' as expected,
        abs(cast(sum(absorption_pct) as double) - 100) as difference,
        0.005 * count(absorption_pct) as tolerance,
        'error' as severity,
        'The projects'' % di assorbimento sum to 100 per CDR; tolerance n x 0.005 points'
            as description
    from projects
    group by document_id, cdr_code
    having count(absorption_pct) > 0
),

listed as (
    select document_id, project_code, sum(budget) as budget, count(budget) as n_budget
    from projects
    group by document_id, project_code
),

spese as (
    select document_id, project_code, sum(amount) as spese
    from lines
    where flow = 'spesa' and project_code is not null
    group by document_id, project_code
),

project_budget as (
    select
        'tpl_project_budget_equals_spese' as check_name,
        coalesce(l.document_id, s.document_id) as document_id,
        'progetti / ' || coalesce(l.project_code, s.project_code) as subject_key,
        coalesce(cast(s.spese as varchar), 'no spese lines') as observed,
        coalesce(cast(l.budget as varchar), 'no budget in progetti') as expected,
        abs(cast(coalesce(s.spese, 0) as double) - cast(coalesce(l.budget, 0) as double))
            as difference,
        0.0 as tolerance,
        'error' as severity,
        'A project''s budget (progetti) equals the spese of its lines in bilancio (exact)'
            as description
    from listed as l
    full outer join spese as s using (document_id, project_code)
    where (l.n_budget > 0 and s.spese is not null)
        or (l.budget <> 0 and s.spese is null)
        or (coalesce(l.n_budget, 0) = 0 and s.spese <> 0)
),

has_target as (
    select
        'tpl_indicator_has_a_target' as check_name,
        i.document_id,
        'indicatori / ' || i.indicator_key || ' (riga ' || i.source_row || ')' as subject_key,
        count(y.target_raw) || ' targets' as observed,
        '>= 1 target' as expected,
        case when count(y.target_raw) = 0 then 1.0 else 0.0 end as difference,
        0.0 as tolerance,
        'warning' as severity,
        'Every indicator has at least one target in some year' as description
    from indicators as i
    left join indicator_years as y
        on i.document_id = y.document_id and i.indicator_key = y.indicator_key
    group by i.document_id, i.indicator_key, i.source_row
),

target_years as (
    select
        'tpl_target_year_within_plan_period' as check_name,
        y.document_id,
        'anni_indicatori / ' || y.year as subject_key,
        count(*) || ' targets in ' || y.year as observed,
        'period ' || any_value(d.period_start_year) || '-' || any_value(d.period_end_year)
            as expected,
        cast(case
            when y.year < any_value(d.period_start_year) then any_value(d.period_start_year) - y.year
            when y.year > any_value(d.period_end_year) then y.year - any_value(d.period_end_year)
            else 0
        end as double) as difference,
        0.0 as tolerance,
        'warning' as severity,
        'A target''s year lies within the plan period' as description
    from indicator_years as y
    inner join documents as d using (document_id)
    where y.target_raw is not null
    group by y.document_id, y.year
),

final as (
    select 'modello' as suite, * from weight_rows
    union all select 'modello', * from absorption
    union all select 'modello', * from project_budget
    union all select 'modello', * from has_target
    union all select 'modello', * from target_years
)

select * from final
