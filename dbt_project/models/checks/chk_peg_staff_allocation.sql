-- PEG: each staff row's % impegno lies in (0, 100]; and a person's % impegno summed over
-- all the projects of a document does not exceed 100 (a warning: a person may be counted in
-- another area's PEG too, but over 100 % within one document is a contradiction).
with staff as (
    select * from {{ ref('stg_peg_staff') }} {{ where_touched() }}
),

per_row as (
    select
        'peg' as suite,
        'peg_staff_allocation_in_range' as check_name,
        document_id,
        project_code || ' / ' || person_name || ' (line ' || source_line || ')' as subject_key,
        coalesce(cast(allocation_pct as varchar), 'unreadable: ' || coalesce(allocation_raw, ''))
            as observed,
        '(0, 100]' as expected,
        case
            when allocation_pct is null then null
            when allocation_pct <= 0 then cast(-allocation_pct as double) + 0.01
            when allocation_pct > 100 then cast(allocation_pct as double) - 100
            else 0
        end as difference,
        0.0 as tolerance,
        'error' as severity,
        'Staff allocation % impegno is greater than 0 and at most 100' as description
    from staff
),

per_person as (
    select
        'peg' as suite,
        'peg_person_total_allocation_at_most_100' as check_name,
        document_id,
        person_name as subject_key,
        cast(sum(allocation_pct) as varchar) as observed,
        '<= 100' as expected,
        greatest(cast(sum(allocation_pct) as double) - 100, 0) as difference,
        0.0 as tolerance,
        'warning' as severity,
        'A person''s % impegno over all projects of the document is at most 100' as description
    from staff
    group by document_id, person_name
)

select * from per_row
union all
select * from per_person
