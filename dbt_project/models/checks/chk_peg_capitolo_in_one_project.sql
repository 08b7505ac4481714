-- PEG: a capitolo/articolo of one column (e.g. Spese Investimenti) normally belongs to one
-- project. The same capitolo/articolo with the same amount in several projects' budget
-- blocks may be counted twice in the CDR totals: reported as a warning with the projects.
with lines as (
    select * from {{ ref('stg_peg_budget_lines') }} {{ where_touched() }}
),

grouped as (
    select
        document_id,
        capitolo,
        articolo,
        column_name,
        amount,
        count(distinct project_code) as n_projects,
        string_agg(project_code || ' (line ' || source_line || ')', ', ' order by project_code)
            as projects
    from lines
    group by all
),

final as (
    select
        'peg' as suite,
        'peg_capitolo_in_one_project' as check_name,
        document_id,
        'Cap. ' || capitolo || ' Art. ' || articolo || ' / ' || column_name || ' / '
        || cast(amount as varchar) as subject_key,
        n_projects || ' projects: ' || projects as observed,
        '1 project' as expected,
        cast(n_projects - 1 as double) as difference,
        0.0 as tolerance,
        'warning' as severity,
        'The same capitolo/articolo and amount appears in one project''s budget only '
        || '(otherwise it may be counted twice in the CDR totals)' as description
    from grouped
)

select * from final
