-- PEG: each project's Budget in the CDR table equals the spese (correnti + investimenti) of
-- the budget block in its project sheet. Exact euro amounts: tolerance 0. A project with a
-- Budget but no spese lines, or spese lines but no Budget in the table, is reported too.
with cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }}
),

lines as (
    select * from {{ ref('stg_peg_budget_lines') }}
),

listed as (
    select document_id, project_code, min(cdr_code) as cdr_code, sum(budget) as budget,
        count(budget) as n_budget
    from cdr_rows
    where row_kind = 'project' and project_code is not null
    group by document_id, project_code
),

spese as (
    select document_id, project_code, sum(amount) as spese
    from lines
    where flow = 'spesa'
    group by document_id, project_code
),

final as (
    select
        'peg' as suite,
        'peg_project_budget_equals_block_spese' as check_name,
        coalesce(l.document_id, s.document_id) as document_id,
        coalesce(l.project_code, s.project_code) as subject_key,
        coalesce(cast(s.spese as varchar), 'no spese lines') as observed,
        coalesce(cast(l.budget as varchar), 'no Budget in the CDR table') as expected,
        abs(cast(coalesce(s.spese, 0) as double) - cast(coalesce(l.budget, 0) as double))
            as difference,
        0.0 as tolerance,
        case when l.budget is null or s.spese is null then 'warning' else 'error' end
            as severity,
        'The project''s Budget in the CDR table equals the spese of its budget block (exact)'
            as description
    from listed as l
    full outer join spese as s using (document_id, project_code)
    where l.n_budget > 0 or s.spese is not null
)

select * from final
