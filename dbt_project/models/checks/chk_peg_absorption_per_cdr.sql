-- PEG: the projects' % di assorbimento must sum to 100 per CDR (or to the % its Totale CDR
-- row declares). Each % is printed with two decimals, i.e. rounded by at most 0.005 points, so
-- the sum of n rounded shares may miss 100 by up to n x 0.005 points: that is the tolerance.
-- CDRs whose table gives no % at all (nothing to add up) are not checked.
with cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }} {{ where_touched() }}
),

projects as (
    select
        document_id,
        cdr_code,
        sum(absorption_pct) as pct_sum,
        count(absorption_pct) as n_with_pct
    from cdr_rows
    where row_kind = 'project'
    group by document_id, cdr_code
),

declared as (
    select document_id, cdr_code, max(absorption_pct) as declared_pct, min(source_line) as line
    from cdr_rows
    where row_kind = 'totale_cdr'
    group by document_id, cdr_code
),

final as (
    select
        'peg' as suite,
        'peg_absorption_sums_to_100_per_cdr' as check_name,
        p.document_id,
        'CDR ' || p.cdr_code as subject_key,
        cast(p.pct_sum as varchar) as observed,
        cast(coalesce(d.declared_pct, 100) as varchar) as expected,
        abs(cast(p.pct_sum as double) - cast(coalesce(d.declared_pct, 100) as double))
            as difference,
        0.005 * p.n_with_pct as tolerance,
        'error' as severity,
        'Sum of the projects'' % di assorbimento in the CDR table equals 100 (or the Totale CDR '
        || '%); tolerance n x 0.005 points for n shares rounded to two decimals' as description
    from projects as p
    left join declared as d using (document_id, cdr_code)
    where p.n_with_pct > 0 or d.declared_pct is not null
)

select * from final
