-- Declared weights per document and group (incidence of objectives, organisational
-- performance levels): how many items and their sum, which should be 100.
with weights as (
    select * from {{ ref('fct_plan_weight') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        any_value(ente_id) as ente_id,
        weight_group,
        count(*) as n_items,
        sum(weight_pct) as weight_sum
    from weights
    group by document_id, weight_group
)

select * from final
