-- Every indicator of every document with its targets and results per year, one row per
-- indicator x year (feeds dim_indicator and fct_indicator_year).
with documents as (
    select * from {{ ref('stg_documents') }} {{ where_touched() }}
),

peg as (
    select * from {{ ref('stg_peg_indicators') }} {{ where_touched() }}
),

asc_indicators as (
    select * from {{ ref('stg_asc_indicators') }} {{ where_touched() }}
),

asc_years as (
    select * from {{ ref('stg_asc_indicator_years') }} {{ where_touched() }}
),

piao_rows as (
    select * from {{ ref('stg_piao_objective_rows') }} {{ where_touched() }}
),

piao_service as (
    select * from {{ ref('stg_piao_service_indicators') }} {{ where_touched() }}
),

piao_org as (
    select * from {{ ref('stg_piao_org_indicators') }} {{ where_touched() }}
),

tpl_indicators as (
    select * from {{ ref('stg_tpl_indicators') }} {{ where_touched() }}
),

tpl_years as (
    select * from {{ ref('stg_tpl_indicator_years') }} {{ where_touched() }}
),

peg_rows as (
    select
        document_id || ':indicatore:' || indicator_code as indicator_id,
        document_id || ':obiettivo:' || objective_code as objective_id,
        document_id,
        indicator_code as code,
        name,
        null as dimension,
        null as formula,
        note,
        null as scope,
        null as servizio,
        year,
        'header' as year_source,
        target_raw, target_kind, target_operator, target_value, target_date,
        null as actual_raw,
        cast(null as double) as actual_value,
        source_line,
        source_line as year_source_line
    from peg
),

asc_rows as (
    select
        i.document_id || ':indicatore:s' || i.scheda_no || ':' || i.indicator_seq
            as indicator_id,
        i.document_id || ':scheda:' || i.scheda_no as objective_id,
        i.document_id,
        i.indicator_no as code,
        i.description as name,
        null as dimension,
        null as formula,
        i.note,
        null as scope,
        null as servizio,
        y.year,
        'header' as year_source,
        y.target_raw, y.target_kind, y.target_operator, y.target_value, y.target_date,
        y.actual_raw,
        y.actual_value,
        i.source_line,
        y.source_line as year_source_line
    from asc_indicators as i
    inner join asc_years as y
        on i.document_id = y.document_id
        and i.scheda_no = y.scheda_no
        and i.indicator_seq = y.indicator_seq
),

piao_objective_indicators as (
    select
        document_id || ':indicatore:o' || objective_seq || ':' || row_seq as indicator_id,
        document_id || ':obiettivo:' || objective_seq as objective_id,
        document_id,
        null as code,
        coalesce(indicator_raw, description) as name,
        null as dimension,
        null as formula,
        null as note,
        'obiettivo' as scope,
        null as servizio,
        year,
        'header' as year_source,
        indicator_raw as target_raw, target_kind, target_operator, target_value, target_date,
        null as actual_raw,
        cast(null as double) as actual_value,
        source_line,
        source_line as year_source_line
    from piao_rows
),

piao_service_indicators as (
    select
        s.document_id || ':indicatore:srv:' || substr(md5(
            coalesce(s.servizio, '') || '|' || coalesce(s.table_title, '') || '|'
            || s.indicator_seq
        ), 1, 10) as indicator_id,
        null as objective_id,
        s.document_id,
        null as code,
        s.name,
        s.dimension,
        s.formula,
        null as note,
        'servizio' as scope,
        coalesce(s.table_title, s.servizio) as servizio,
        d.period_start_year as year,
        'document_period' as year_source,
        s.standard_raw as target_raw,
        s.target_kind, s.target_operator, s.target_value, s.target_date,
        null as actual_raw,
        cast(null as double) as actual_value,
        s.source_line,
        s.source_line as year_source_line
    from piao_service as s
    inner join documents as d using (document_id)
),

piao_org_indicators as (
    select
        o.document_id || ':indicatore:org:' || o.scope || ':' || o.indicator_seq as indicator_id,
        null as objective_id,
        o.document_id,
        null as code,
        o.name,
        null as dimension,
        o.definition as formula,
        null as note,
        o.scope,
        null as servizio,
        d.period_start_year as year,
        'document_period' as year_source,
        o.target_raw, o.target_kind, o.target_operator, o.target_value, o.target_date,
        null as actual_raw,
        cast(null as double) as actual_value,
        o.source_line,
        o.source_line as year_source_line
    from piao_org as o
    inner join documents as d using (document_id)
),

-- template and profile documents (issue 12): one row per row of anni_indicatori, which may
-- carry a period within the year, an achievement and extra dimensions (details); its
-- responsabili are assigned to the row (assignment_subject_id), not to the indicator
tpl_rows as (
    select
        i.document_id || ':indicatore:' || i.indicator_key as indicator_id,
        case when i.objective_key is not null
            then i.document_id || ':obiettivo:' || i.objective_key end as objective_id,
        i.document_id,
        i.code,
        i.name,
        i.dimension,
        i.formula,
        i.note,
        i.scope,
        i.servizio,
        y.year,
        'modello' as year_source,
        y.target_raw, y.target_kind, y.target_operator, y.target_value, y.target_date,
        y.actual_raw,
        y.actual_value,
        i.source_line,
        y.source_line as year_source_line,
        i.source_sheet,
        i.source_row,
        y.source_sheet as year_source_sheet,
        y.source_row as year_source_row,
        y.period,
        y.achievement_pct,
        y.details,
        y.variant_seq,
        y.document_id || ':anno_indicatore:' || y.row_seq as assignment_subject_id
    from tpl_indicators as i
    inner join tpl_years as y
        on i.document_id = y.document_id and i.indicator_key = y.indicator_key
),

-- an indicator of a template with no anni_indicatori row still is an indicator
tpl_without_years as (
    select
        i.document_id || ':indicatore:' || i.indicator_key as indicator_id,
        case when i.objective_key is not null
            then i.document_id || ':obiettivo:' || i.objective_key end as objective_id,
        i.document_id, i.code, i.name, i.dimension, i.formula, i.note, i.scope, i.servizio,
        cast(null as integer) as year, 'modello' as year_source,
        null as target_raw, null as target_kind, null as target_operator,
        cast(null as double) as target_value, cast(null as date) as target_date,
        null as actual_raw, cast(null as double) as actual_value,
        i.source_line, i.source_line as year_source_line,
        i.source_sheet, i.source_row
    from tpl_indicators as i
    where not exists (
        select 1 from tpl_years as y
        where y.document_id = i.document_id and y.indicator_key = i.indicator_key
    )
),

unioned as (
    select * from peg_rows
    union all by name select * from asc_rows
    union all by name select * from piao_objective_indicators
    union all by name select * from piao_service_indicators
    union all by name select * from piao_org_indicators
    union all by name select * from tpl_rows
    union all by name select * from tpl_without_years
),

final as (
    select
        u.*,
        d.ente_id
    from unioned as u
    inner join documents as d using (document_id)
)

select * from final
