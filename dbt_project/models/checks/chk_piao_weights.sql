-- PIAO: the organisational performance levels (ente, area, ...) sum to 100 per weight group.
-- Integer percentages: 1 point = warning (rounding), more = error.
with weights as (
    select * from {{ ref('stg_piao_weights') }} {{ where_touched() }}
),

sums as (
    select document_id, weight_group, sum(weight_pct) as total, count(*) as n
    from weights
    group by all
),

final as (
    select
        'piao' as suite,
        'piao_performance_levels_sum_to_100' as check_name,
        document_id,
        weight_group || ' (' || n || ' levels)' as subject_key,
        cast(total as varchar) as observed,
        '100' as expected,
        abs(cast(total as double) - 100) as difference,
        0.0 as tolerance,
        case when abs(cast(total as double) - 100) <= 1 then 'warning' else 'error' end
            as severity,
        'Organisational performance levels sum to 100; 1 point = warning (rounding)'
            as description
    from sums
)

select * from final
