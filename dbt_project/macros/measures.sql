{#- Comparable measures: the additive counts of a unit (document, ente, type of ente) and the
    measures derived from them, written once here and used by mart_measures_document,
    mart_measures_ente and mart_measures_ente_type. Labels, units and definitions are the
    column descriptions and meta of mart_measures_document in _marts.yml (dim_measure). -#}

{% macro measure_count_columns() -%}
    {{ return([
        'n_objectives', 'n_objectives_weighted', 'n_actions', 'n_steps', 'n_indicators',
        'n_targets', 'n_targets_number', 'n_targets_percent', 'n_targets_date',
        'n_targets_boolean', 'n_targets_text', 'n_indicators_with_target',
        'n_indicators_with_result', 'n_results', 'n_results_assessable', 'n_results_reached',
        'n_responsabili', 'n_plan_weights', 'n_weight_groups', 'n_staff_people',
        'n_staffed_projects', 'n_budget_lines', 'n_projects', 'n_projects_with_budget',
        'n_objectives_with_achievement'
    ]) }}
{%- endmacro %}

{#- Sums that stay null when no document of the unit has the figure (not applicable). -#}
{% macro measure_sum_columns() -%}
    {{ return([
        'staff_allocation_pct_sum', 'spese_eur', 'entrate_eur', 'spese_correnti_eur',
        'spese_investimento_eur', 'achievement_weighted_sum', 'achievement_weight_sum',
        'achievement_plain_sum'
    ]) }}
{%- endmacro %}

{#- select list: the counts and sums of a unit, summed over its documents (relation alias b) -#}
{% macro measure_sums() -%}
    {%- for c in measure_count_columns() %}
    cast(sum(coalesce(b.{{ c }}, 0)) as bigint) as {{ c }},
    {%- endfor %}
    {%- for c in measure_sum_columns() %}
    sum(b.{{ c }}) as {{ c }},
    {%- endfor %}
    cast(count(*) as bigint) as n_documents,
    count(distinct b.ente_id) as n_enti
{%- endmacro %}

{#- a / b * 100, null when b is null or not positive -#}
{% macro pct_of(num, den) -%}
    (cast({{ num }} as double) * 100 / nullif(greatest(cast({{ den }} as double), 0), 0))
{%- endmacro %}

{#- select list: the measures derived from the counts of relation alias m -#}
{% macro measure_ratios() -%}
    case when m.n_indicators > 0 then {{ pct_of('m.n_indicators', 'm.n_objectives') }} / 100 end
        as indicators_per_objective,
    {{ pct_of('m.n_targets_number + m.n_targets_percent + m.n_targets_date + m.n_targets_boolean', 'm.n_targets') }}
        as pct_measurable,
    {{ pct_of('m.n_targets_text', 'm.n_targets') }} as pct_text,
    {{ pct_of('m.n_targets_number', 'm.n_targets') }} as pct_targets_number,
    {{ pct_of('m.n_targets_percent', 'm.n_targets') }} as pct_targets_percent,
    {{ pct_of('m.n_targets_date', 'm.n_targets') }} as pct_targets_date,
    {{ pct_of('m.n_targets_boolean', 'm.n_targets') }} as pct_targets_boolean,
    {{ pct_of('m.n_indicators_with_result', 'm.n_indicators_with_target') }}
        as pct_indicators_with_result,
    {{ pct_of('m.n_results_reached', 'm.n_results_assessable') }} as pct_results_reached,
    case
        when m.achievement_weight_sum > 0
            then m.achievement_weighted_sum / m.achievement_weight_sum
        when m.n_objectives_with_achievement > 0
            then m.achievement_plain_sum / m.n_objectives_with_achievement
    end as weighted_achievement,
    {{ pct_of('m.n_objectives_weighted', 'm.n_objectives') }} as pct_objectives_weighted,
    nullif(m.n_staff_people, 0) as n_staff,
    case when m.n_staff_people > 0 then m.staff_allocation_pct_sum / 100 end as staff_fte,
    {{ pct_of('m.spese_investimento_eur', 'm.spese_eur') }} as pct_investimenti,
    {{ pct_of('m.entrate_eur', 'm.spese_eur') }} as pct_entrate_su_spese
{%- endmacro %}

{#- The measure catalogue: the columns of a model (mart_measures_document unless told) whose
    meta says measure: true, in the YAML's order, as dicts (key, label, unit, definition,
    higher_is_better, group). -#}
{% macro measure_catalogue(model='mart_measures_document') -%}
    {%- set out = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == model -%}
            {%- for col in node.columns.values() -%}
                {%- set meta = col.config.meta if (col.config is defined and col.config.meta) else col.meta -%}
                {%- if meta and meta.get('measure') -%}
                    {%- do out.append({
                        'key': col.name,
                        'label': meta.get('label'),
                        'unit': meta.get('unit'),
                        'definition': col.description | trim,
                        'higher_is_better': meta.get('higher_is_better'),
                        'group': meta.get('group'),
                    }) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(out) }}
{%- endmacro %}

{#- select list over indicator-years (mart_indicator_result): the targets by kind and the
    results, reached or not: the one definition of these counts. -#}
{% macro target_and_result_counts() -%}
    count(target_raw) as n_targets,
    count(*) filter (where target_kind = 'number') as n_targets_number,
    count(*) filter (where target_kind = 'percent') as n_targets_percent,
    count(*) filter (where target_kind = 'date') as n_targets_date,
    count(*) filter (where target_kind = 'boolean') as n_targets_boolean,
    count(*) filter (where target_kind = 'text') as n_targets_text,
    count(actual_raw) as n_results,
    count(*) filter (where is_assessable) as n_results_assessable,
    count(*) filter (where reaches_target) as n_results_reached
{%- endmacro %}

{#- select: the measure catalogue of a model as rows (sort_order, measure_key, label, unit,
    definition, higher_is_better, group_name), for dim_measure and dim_policy_area_measure -#}
{% macro measure_catalogue_rows(model) -%}
    {%- set measures = measure_catalogue(model) %}
    {%- for m in measures %}
    select
        {{ loop.index }} as sort_order,
        '{{ m.key }}' as measure_key,
        {{ "'" ~ (m.label | replace("'", "''")) ~ "'" }} as label,
        '{{ m.unit }}' as unit,
        {{ "'" ~ (m.definition | replace("'", "''")) ~ "'" }} as definition,
        {{ 'null' if m.higher_is_better is none else m.higher_is_better }}::boolean
            as higher_is_better,
        {{ "'" ~ (m.group | replace("'", "''")) ~ "'" }} as group_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not measures %}
    select
        null::integer as sort_order, null::varchar as measure_key, null::varchar as label,
        null::varchar as unit, null::varchar as definition, null::boolean as higher_is_better,
        null::varchar as group_name
    where false
    {%- endif %}
{%- endmacro %}

{#- select list: the spread of a value over the units of a group (mart_measure_stats,
    mart_policy_area_stats): units with a value, units, median, quartiles, minimum, maximum -#}
{% macro value_spread(value='value') -%}
    count({{ value }}) as n_units_with_value,
    count(*) as n_units,
    median({{ value }}) as median_value,
    quantile_cont({{ value }}, 0.25) as q1_value,
    quantile_cont({{ value }}, 0.75) as q3_value,
    min({{ value }}) as min_value,
    max({{ value }}) as max_value
{%- endmacro %}
