{#- The revision history (models/history/snp_indicator_year.sql). -#}

{#- The columns whose change makes a new version of an indicator-year. -#}
{% macro history_compared_columns() -%}
    {{ return(['target_raw', 'target_kind', 'target_value', 'target_date', 'actual_raw',
               'actual_value', 'responsabili']) }}
{%- endmacro %}

{#- The time of the run (var run_at, set by the pipeline), the same for every version it
    opens and closes. -#}
{% macro history_now() -%}
    {%- if var('run_at', none) -%}
        cast('{{ var("run_at") }}' as timestamp)
    {%- else -%}
        cast(current_localtimestamp() as timestamp)
    {%- endif -%}
{%- endmacro %}

{#- Before the new versions are appended: close the open version of every indicator-year of
    the touched documents whose compared values changed or that is no longer there. -#}
{% macro close_changed_versions() -%}
    {%- if this is not none and is_incremental() -%}
        update {{ this }} as h
        set dbt_valid_to = {{ history_now() }}
        where h.dbt_valid_to is null
            and h.document_id in (
                select document_id from {{ source('raw', 'touched_documents') }}
            )
            and not exists (
                select 1 from {{ ref('int_indicator_year_current') }} as c
                where c.indicator_year_key = h.indicator_year_key
                {%- for col in history_compared_columns() %}
                    and c.{{ col }} is not distinct from h.{{ col }}
                {%- endfor %}
            )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
