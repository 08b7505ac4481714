-- What the rules alone say about each object (objective or indicator) that any rule matches:
-- the area whose rules match the title most (then the other fields); 12.07 with rule
-- MULTI_AREA when the evidence spreads evenly over several target groups (12.01-12.06);
-- whether the decision is strong (a rule of weight >= var policy_strong_rule_weight supports
-- it, not only words marked as ambiguous); and
-- the areas tied with the chosen one (the objective's parent settles a tie); and the
-- candidates for a secondary area, best first, separated by |.
with scores as (
    select * from {{ ref('int_policy_rule_scores') }} {{ where_touched() }}
),

areas as (
    select * from {{ ref('policy_areas') }}
),

tiered as (
    select
        s.*,
        a.sort_order,
        s.policy_area between '12.01' and '12.06' as is_target_group,
        max(s.title_score) over (partition by s.object_kind, s.object_id) > 0 as has_title,
        row_number() over (
            partition by s.object_kind, s.object_id
            order by s.title_score desc, s.total_score desc, a.sort_order
        ) as area_rank
    from scores as s
    inner join areas as a using (policy_area)
),

with_tier_score as (
    select
        *,
        case when has_title then title_score else total_score end as tier_score
    from tiered
),

spread as (
    select
        object_kind,
        object_id,
        sum(tier_score) filter (where is_target_group) as target_total,
        max(tier_score) filter (where is_target_group) as target_top,
        max(tier_score) as any_top,
        list(policy_area order by tier_score desc, sort_order) filter (where is_target_group)
            as target_areas,
        list_sort(list_distinct(flatten(list(matched_terms) filter (where is_target_group))))
            as target_terms,
        max(max_rule_weight) filter (where is_target_group) as target_max_rule_weight,
        sum(total_score) filter (where is_target_group) as target_total_score
    from with_tier_score
    group by object_kind, object_id
),

spread_counts as (
    select
        w.object_kind,
        w.object_id,
        count(*) filter (
            where w.is_target_group
            and w.tier_score >= {{ var('policy_multi_area_min_share') }} * s.target_total
        ) as n_target_areas
    from with_tier_score as w
    inner join spread as s using (object_kind, object_id)
    group by w.object_kind, w.object_id
),

top as (
    select * from with_tier_score where area_rank = 1
),

ties as (
    select w.object_kind, w.object_id, string_agg(w.policy_area, '|' order by w.sort_order)
        as tied_areas
    from with_tier_score as w
    inner join top as t using (object_kind, object_id)
    where w.title_score = t.title_score and w.total_score = t.total_score
    group by w.object_kind, w.object_id
    having count(*) > 1
),

decided as (
    select
        t.object_kind,
        t.object_id,
        t.document_id,
        t.has_title,
        coalesce(
            c.n_target_areas >= {{ var('policy_multi_area_min_areas') }}
            and s.target_top < {{ var('policy_multi_area_max_top_share') }} * s.target_total
            and s.target_total >= s.any_top,
            false
        ) as is_multi_area,
        t.policy_area as top_area,
        t.total_score as top_score,
        t.top_rule_id,
        t.matched_terms as top_terms,
        t.max_rule_weight as top_max_rule_weight,
        s.target_max_rule_weight,
        s.target_areas,
        s.target_terms,
        s.target_total_score,
        x.tied_areas
    from top as t
    inner join spread as s using (object_kind, object_id)
    inner join spread_counts as c using (object_kind, object_id)
    left join ties as x using (object_kind, object_id)
),

chosen as (
    select
        object_kind,
        object_id,
        document_id,
        has_title,
        is_multi_area,
        case when is_multi_area then '12.07' else top_area end as rule_area,
        case when is_multi_area then target_total_score else top_score end as rule_score,
        case when is_multi_area then 'MULTI_AREA' else top_rule_id end as rule_id,
        case when not is_multi_area then tied_areas end as rule_tied_areas,
        case when is_multi_area then target_terms else top_terms end as rule_terms,
        case when is_multi_area then target_max_rule_weight else top_max_rule_weight end
            as rule_max_weight,
        case when is_multi_area then target_areas[1] end as multi_area_top
    from decided
),

secondary_candidates as (
    select
        c.object_kind,
        c.object_id,
        string_agg(w.policy_area, '|' order by w.area_rank) as secondary_candidates
    from chosen as c
    inner join with_tier_score as w using (object_kind, object_id)
    where w.total_score >= {{ var('policy_secondary_min_score') }}
        and w.total_score >= {{ var('policy_secondary_min_share') }} * c.rule_score
        and w.policy_area <> c.rule_area
    group by c.object_kind, c.object_id
),

final as (
    select
        c.object_kind,
        c.object_id,
        c.document_id,
        c.rule_area,
        c.rule_score,
        c.rule_id,
        array_to_string(c.rule_terms, '; ') as rule_terms,
        c.rule_max_weight >= {{ var('policy_strong_rule_weight') }} as rule_is_strong,
        c.rule_tied_areas,
        c.is_multi_area,
        nullif(concat_ws('|', c.multi_area_top, s.secondary_candidates), '') as secondary_candidates
    from chosen as c
    left join secondary_candidates as s using (object_kind, object_id)
)

select * from final
