-- PEG budget lines summed per document, CDR, flow (entrata, spesa) and nature (corrente,
-- investimento): the Bilancio and Scheda ente charts read these rows.
with lines as (
    select * from {{ ref('fct_budget_capitolo') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        cdr_code,
        flow,
        nature,
        sum(amount_eur) as amount_eur,
        count(*) as n_lines
    from lines
    group by document_id, cdr_code, flow, nature
)

select * from final
