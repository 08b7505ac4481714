-- PEG CDR summary tables: per document and CDR, the budget of its projects. budget_eur is
-- null (not zero) when no project of the CDR has a budget in the table: "non indicato".
with projects as (
    select * from {{ ref('fct_project_budget') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        cdr_code,
        any_value(cdr_name) as cdr_name,
        sum(budget_eur) as budget_eur,
        count(*) as n_projects,
        count(budget_eur) as n_projects_with_budget
    from projects
    group by document_id, cdr_code
)

select * from final
