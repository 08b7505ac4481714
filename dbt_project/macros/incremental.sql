{#- Refresh cost proportional to what changed.

    Every model whose rows each come from one document is incremental (dbt_project.yml): a
    full build computes it whole; an incremental refresh first deletes the rows of the
    documents the run touched (raw.touched_documents: new, changed and removed documents),
    then appends what the model computes for those documents only. For that, each input of
    such a model that holds rows of documents is read through where_touched():

        with objectives as (
            select * from {{ ref('int_objectives') }} {{ where_touched() }}
        ),

    Models whose rows mix documents (one row per ente, peer medians, the revision history)
    are tables (config(materialized='table') in the model) computed from the full tables. -#}

{% macro where_touched(column='document_id') -%}
    {%- if this is not none and is_incremental() -%}
        where {{ column }} in (select document_id from {{ source('raw', 'touched_documents') }})
    {%- endif -%}
{%- endmacro %}

{% macro delete_touched() -%}
    {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list
        if this is not none and is_incremental() else [] -%}
    {%- if 'document_id' in columns -%}
        delete from {{ this }}
        where document_id in (select document_id from {{ source('raw', 'touched_documents') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Models with one row per ente (or per pair of an ente's documents) that are costly to
    recompute whole: incremental by ente, the enti of the touched documents (before and
    after a change) recomputed from all their documents. -#}

{% macro where_touched_ente(column='ente_id') -%}
    {%- if this is not none and is_incremental() -%}
        where {{ column }} in (select ente_id from {{ source('raw', 'touched_documents') }})
    {%- endif -%}
{%- endmacro %}

{% macro delete_touched_ente() -%}
    {%- if this is not none and is_incremental() -%}
        delete from {{ this }}
        where ente_id in (select ente_id from {{ source('raw', 'touched_documents') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
