{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    pre_hook="{{ close_changed_versions() }}"
) }}
-- Revision history (SCD2) of every indicator-year: a new version whenever a re-published plan
-- changes its target, result or responsabili; dbt_valid_from / dbt_valid_to bound each
-- version; an indicator-year that disappears is closed. Columns as a dbt snapshot (check
-- strategy on the compared columns of macros/history.sql), but incremental by document: a
-- refresh compares only the touched documents' indicator-years, so its cost follows what
-- changed. Never rebuilt (full_refresh=false): the pipeline carries the table from build to
-- build and the state store keeps a copy.
with current_rows as (
    select * from {{ ref('int_indicator_year_current') }} {{ where_touched() }}
),

new_versions as (
    select
        c.*,
        md5(c.indicator_year_key || '|' || cast({{ history_now() }} as varchar)) as dbt_scd_id,
        {{ history_now() }} as dbt_updated_at,
        {{ history_now() }} as dbt_valid_from,
        cast(null as timestamp) as dbt_valid_to
    from current_rows as c
    {% if is_incremental() %}
    -- still open after close_changed_versions: the same values, nothing new
    where not exists (
        select 1 from {{ this }} as h
        where h.indicator_year_key = c.indicator_year_key and h.dbt_valid_to is null
    )
    {% endif %}
)

select * from new_versions
