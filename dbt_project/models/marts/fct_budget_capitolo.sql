with budget_lines as (
    select * from {{ ref('stg_peg_budget_lines') }}
),

tree as (
    select * from {{ ref('int_peg_tree') }}
),

cdr as (
    select * from {{ ref('stg_peg_cdr') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

doc_year as (
    select document_id, min(year) as year from cdr group by document_id
),

final as (
    select
        b.document_id,
        d.ente_id,
        coalesce(y.year, d.period_start_year) as year,
        t.cdr_code,
        b.project_code,
        b.block_seq,
        b.capitolo,
        b.articolo,
        b.capitolo_description,
        b.column_name,
        b.flow,
        b.nature,
        b.amount_raw,
        b.amount as amount_eur,
        b.source_line
    from budget_lines as b
    inner join documents as d using (document_id)
    left join doc_year as y using (document_id)
    left join tree as t
        on b.document_id = t.document_id and b.project_code = t.project_code
)

select * from final
