-- PEG: every subtotal row of the CDR tables (Totale Azione, Totale Obiettivo, Totale
-- Indirizzo, Totale CDR) equals the sum of the project rows it closes, in euro (exact,
-- tolerance 0) and in % (each share printed with two decimals: tolerance n x 0.005 points).
-- Only subtotals the table declares are checked: an empty subtotal contradicts nothing (the
-- rows stay in fct_peg_cdr_row for anyone who wants to see them).
with cdr_rows as (
    select * from {{ ref('stg_peg_cdr_rows') }} {{ where_touched() }}
),

projects as (
    select * from cdr_rows where row_kind = 'project'
),

subtotals as (
    select * from cdr_rows where row_kind <> 'project'
),

computed as (
    select
        s.document_id,
        s.cdr_code,
        s.row_kind,
        s.row_seq,
        s.source_line,
        s.indirizzo,
        s.obiettivo_strategico,
        s.azione,
        s.budget as declared_eur,
        s.absorption_pct as declared_pct,
        sum(p.budget) as sum_eur,
        count(p.budget) as n_eur,
        sum(p.absorption_pct) as sum_pct,
        count(p.absorption_pct) as n_pct
    from subtotals as s
    left join projects as p
        on p.document_id = s.document_id
        and p.cdr_code = s.cdr_code
        and (s.row_kind = 'totale_cdr' or p.indirizzo is not distinct from s.indirizzo)
        and (
            s.row_kind in ('totale_cdr', 'totale_indirizzo')
            or p.obiettivo_strategico is not distinct from s.obiettivo_strategico
        )
        and (s.row_kind <> 'totale_azione' or p.azione is not distinct from s.azione)
    group by all
),

label as (
    select
        *,
        'CDR ' || cdr_code || ' / '
        || case row_kind
            when 'totale_azione' then 'Totale Azione "' || coalesce(azione, '?') || '"'
            when 'totale_obiettivo' then 'Totale Obiettivo "' || coalesce(obiettivo_strategico, '?') || '"'
            when 'totale_indirizzo' then 'Totale Indirizzo "' || coalesce(indirizzo, '?') || '"'
            else 'Totale CDR'
        end || ' (line ' || source_line || ')' as subject
    from computed
),

euro as (
    select
        'peg' as suite,
        'peg_subtotal_equals_rows_eur' as check_name,
        document_id,
        subject || ' / euro' as subject_key,
        coalesce(cast(sum_eur as varchar), 'no figures') as observed,
        coalesce(cast(declared_eur as varchar), 'empty') as expected,
        abs(cast(coalesce(sum_eur, 0) as double) - cast(declared_eur as double)) as difference,
        0.0 as tolerance,
        'error' as severity,
        'The subtotal row equals the sum of the project budgets it closes (exact, euro)'
            as description
    from label
    where declared_eur is not null
),

pct as (
    select
        'peg' as suite,
        'peg_subtotal_equals_rows_pct' as check_name,
        document_id,
        subject || ' / %' as subject_key,
        coalesce(cast(sum_pct as varchar), 'no figures') as observed,
        coalesce(cast(declared_pct as varchar), 'empty') as expected,
        abs(cast(coalesce(sum_pct, 0) as double) - cast(declared_pct as double)) as difference,
        0.005 * greatest(n_pct, 1) as tolerance,
        'error' as severity,
        'The subtotal row''s % di assorbimento equals the sum of the projects'' % it closes; '
        || 'tolerance n x 0.005 points for n shares rounded to two decimals' as description
    from label
    where declared_pct is not null
)

select * from euro
union all
select * from pct
