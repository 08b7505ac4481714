-- All documents: keys unique, references resolve, amounts non-negative where the document
-- says so (budget lines, project budgets, % di assorbimento, weights).
with objectives as (
    select * from {{ ref('dim_objective') }} {{ where_touched() }}
),

indicators as (
    select * from {{ ref('dim_indicator') }} {{ where_touched() }}
),

indicator_years as (
    select * from {{ ref('fct_indicator_year') }} {{ where_touched() }}
),

budget as (
    select * from {{ ref('fct_budget_capitolo') }} {{ where_touched() }}
),

project_budget as (
    select * from {{ ref('fct_project_budget') }} {{ where_touched() }}
),

weights as (
    select * from {{ ref('fct_plan_weight') }} {{ where_touched() }}
),

documents as (
    select * from {{ ref('dim_document') }} {{ where_touched() }}
),

staff as (
    select * from {{ ref('fct_staff_allocation') }} {{ where_touched() }}
),

steps as (
    select * from {{ ref('fct_objective_step') }} {{ where_touched() }}
),

key_counts as (
    select 'dim_objective.objective_id' as subject, document_id, count(*) - count(distinct objective_id) as dup
    from objectives group by document_id
    union all
    select 'dim_indicator.indicator_id', document_id, count(*) - count(distinct indicator_id)
    from indicators group by document_id
    union all
    select 'fct_indicator_year (indicator, year, responsabile)', document_id,
        count(*) - count(distinct (
            indicator_id, year, coalesce(responsabile_id, ''), coalesce(period, ''),
            coalesce(variant_seq, 0)
        ))
    from indicator_years group by document_id
),

unresolved as (
    select 'dim_indicator.objective_id -> dim_objective' as subject, i.document_id,
        count(*) filter (where i.objective_id is not null and o.objective_id is null) as n
    from indicators as i
    left join objectives as o using (objective_id)
    group by i.document_id
    union all
    select 'dim_objective.parent_objective_id -> dim_objective', c.document_id,
        count(*) filter (where c.parent_objective_id is not null and p.objective_id is null)
    from objectives as c
    left join objectives as p on c.parent_objective_id = p.objective_id
    group by c.document_id
    union all
    select 'fct_budget_capitolo.project_code -> PEG project', b.document_id,
        count(*) filter (where b.cdr_code is null)
    from budget as b
    group by b.document_id
),

negatives as (
    select 'fct_budget_capitolo.amount_eur >= 0' as subject, document_id,
        count(*) filter (where amount_eur < 0) as n
    from budget group by document_id
    union all
    select 'fct_project_budget.budget_eur, absorption_pct >= 0', document_id,
        count(*) filter (where budget_eur < 0 or absorption_pct < 0)
    from project_budget group by document_id
    union all
    select 'fct_plan_weight.weight_pct >= 0', document_id,
        count(*) filter (where weight_pct < 0)
    from weights group by document_id
    union all
    select 'fct_staff_allocation.allocation_pct >= 0', document_id,
        count(*) filter (where allocation_pct < 0)
    from staff group by document_id
    union all
    select 'fct_objective_step weights and achievement >= 0', document_id,
        count(*) filter (
            where weight_in_objective_pct < 0 or weight_in_year_pct < 0 or achievement_pct < 0
        )
    from steps group by document_id
),

final as (
    select
        'warehouse' as suite, 'keys_unique' as check_name, document_id,
        subject as subject_key, dup || ' duplicate keys' as observed, '0' as expected,
        cast(dup as double) as difference, 0.0 as tolerance, 'error' as severity,
        'Keys are unique within the marts' as description
    from key_counts
    union all
    select
        'warehouse', 'references_resolve', document_id, subject, n || ' unresolved', '0',
        cast(n as double), 0.0, 'error', 'References between marts resolve'
    from unresolved
    union all
    select
        'warehouse', 'amounts_non_negative', document_id, subject, n || ' negative', '0',
        cast(n as double), 0.0, 'error',
        'Amounts, shares and weights the documents give as non-negative are non-negative'
    from negatives
)

select * from final
