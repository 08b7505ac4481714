-- PEG: in each budget block of a project sheet, the lines of each column (Entrate Correnti,
-- Spese Correnti, Spese Investimenti) add up to the block's Totale row. Amounts are exact
-- euro figures with cents: tolerance 0.
with lines as (
    select * from {{ ref('stg_peg_budget_lines') }} {{ where_touched() }}
),

totals as (
    select * from {{ ref('stg_peg_budget_totals') }} {{ where_touched() }}
),

line_sums as (
    select document_id, project_code, block_seq, column_name, sum(amount) as line_sum,
        count(*) as n_lines
    from lines
    group by all
),

final as (
    select
        'peg' as suite,
        'peg_budget_block_lines_sum_to_totale' as check_name,
        coalesce(t.document_id, l.document_id) as document_id,
        coalesce(t.project_code, l.project_code) || ' / block ' || coalesce(t.block_seq, l.block_seq)
        || ' / ' || coalesce(t.column_name, l.column_name) as subject_key,
        cast(coalesce(l.line_sum, 0) as varchar) as observed,
        coalesce(cast(t.amount as varchar), 'no Totale row') as expected,
        abs(cast(coalesce(l.line_sum, 0) as double) - cast(t.amount as double)) as difference,
        0.0 as tolerance,
        'error' as severity,
        'The budget lines of the column add up to the block''s Totale row (exact, in euro)'
            as description
    from totals as t
    full outer join line_sums as l
        on t.document_id = l.document_id
        and t.project_code = l.project_code
        and t.block_seq = l.block_seq
        and t.column_name = l.column_name
)

select * from final
