-- The comparable measures of each document (plan edition): the counts behind them and the
-- measures derived from them (macros/measures.sql). Definitions: _marts.yml.
with documents as (
    select * from {{ ref('dim_document') }} {{ where_touched() }}
),

enti as (
    select * from {{ ref('dim_ente') }}
),

objectives as (
    select
        document_id,
        count(*) as n_objectives,
        count(weight_pct) as n_objectives_weighted
    from (select * from {{ ref('dim_objective') }} {{ where_touched() }})
    group by document_id
),

actions as (
    select document_id, count(distinct action_id) as n_actions
    from (select * from {{ ref('fct_action_year') }} {{ where_touched() }})
    group by document_id
),

steps as (
    select document_id, count(*) as n_steps
    from (select * from {{ ref('fct_objective_step') }} {{ where_touched() }})
    group by document_id
),

indicators as (
    select document_id, count(*) as n_indicators
    from (select * from {{ ref('dim_indicator') }} {{ where_touched() }})
    group by document_id
),

indicator_years as (
    select
        document_id,
        {{ target_and_result_counts() }},
        count(distinct indicator_id) filter (where target_raw is not null)
            as n_indicators_with_target,
        count(distinct indicator_id) filter (where actual_raw is not null)
            as n_indicators_with_result
    from (select * from {{ ref('mart_indicator_result') }} {{ where_touched() }})
    group by document_id
),

responsabili as (
    select document_id, count(distinct responsabile_id) as n_responsabili
    from (select * from {{ ref('fct_indicator_year') }} {{ where_touched() }})
    group by document_id
),

weights as (
    select
        document_id,
        count(*) as n_plan_weights,
        count(distinct weight_group) as n_weight_groups
    from (select * from {{ ref('fct_plan_weight') }} {{ where_touched() }})
    group by document_id
),

staff as (
    select
        document_id,
        count(distinct person_name_normalised) as n_staff_people,
        sum(allocation_pct) as staff_allocation_pct_sum,
        count(distinct project_code) as n_staffed_projects
    from (select * from {{ ref('fct_staff_allocation') }} {{ where_touched() }})
    group by document_id
),

budget as (
    select
        document_id,
        sum(amount_eur) filter (where flow = 'spesa') as spese_eur,
        sum(amount_eur) filter (where flow = 'entrata') as entrate_eur,
        sum(amount_eur) filter (where flow = 'spesa' and nature = 'corrente')
            as spese_correnti_eur,
        sum(amount_eur) filter (where flow = 'spesa' and nature = 'investimento')
            as spese_investimento_eur,
        count(*) as n_budget_lines
    from (select * from {{ ref('fct_budget_capitolo') }} {{ where_touched() }})
    group by document_id
),

projects as (
    select
        document_id,
        count(*) as n_projects,
        count(budget_eur) filter (where budget_eur > 0) as n_projects_with_budget
    from (select * from {{ ref('fct_project_budget') }} {{ where_touched() }})
    group by document_id
),

achievement as (
    select
        document_id,
        count(achievement_pct) as n_objectives_with_achievement,
        sum(coalesce(incidence_pct, 0) * achievement_pct) as achievement_weighted_sum,
        sum(coalesce(incidence_pct, 0)) filter (where achievement_pct is not null)
            as achievement_weight_sum,
        sum(achievement_pct) as achievement_plain_sum
    from (select * from {{ ref('mart_step_achievement') }} {{ where_touched() }})
    group by document_id
),

base as (
    select
        d.document_id,
        d.ente_id,
        e.ente_name,
        {{ ente_short_name('e.ente_name') }} as ente_short_name,
        e.ente_type,
        e.region,
        d.doc_family,
        d.doc_title,
        d.period_start_year,
        d.period_end_year,
        d.source_file,
        {%- for c in measure_count_columns() %}
        coalesce({{ c }}, 0) as {{ c }},
        {%- endfor %}
        {%- for c in measure_sum_columns() %}
        {{ c }},
        {%- endfor %}
        1 as n_documents,
        1 as n_enti
    from documents as d
    inner join enti as e using (ente_id)
    left join objectives using (document_id)
    left join actions using (document_id)
    left join steps using (document_id)
    left join indicators using (document_id)
    left join indicator_years using (document_id)
    left join responsabili using (document_id)
    left join weights using (document_id)
    left join staff using (document_id)
    left join budget using (document_id)
    left join projects using (document_id)
    left join achievement using (document_id)
),

final as (
    select
        m.*,
        {{ document_label('m.ente_name', 'm.period_start_year', 'm.period_end_year') }} as label,
        {{ measure_ratios() }}
    from base as m
)

select * from final
