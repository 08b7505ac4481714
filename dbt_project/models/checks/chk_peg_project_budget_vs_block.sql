-- PEG: each project's Budget in the CDR table equals the spese (correnti + investimenti) of
-- the budget block in its project sheet. Exact euro amounts: tolerance 0. Also reported: a
-- project with a non-zero Budget but no spese lines, or spese lines but no Budget in the
-- table (a 0,00 Budget without spese, or an empty Budget without spese, agree).
with cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }} {{ where_touched() }}
),

lines as (
    select * from {{ ref('stg_peg_budget_lines') }} {{ where_touched() }}
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
        'error' as severity,
        'The project''s Budget in the CDR table equals the spese of its budget block (exact)'
            as description
    from listed as l
    full outer join spese as s using (document_id, project_code)
    where (l.n_budget > 0 and s.spese is not null)
        or (l.budget <> 0 and s.spese is null)
        or (coalesce(l.n_budget, 0) = 0 and s.spese <> 0)
)

select * from final
