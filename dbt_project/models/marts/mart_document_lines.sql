-- Every line of every loaded document with its accounting status (mapped, boilerplate,
-- unparsed, blank) and the table, rule or reason: the source viewer reads the lines around a
-- record's source_line. Ordered by document and line so that a reader of the Parquet file
-- finds one document's lines in a few row groups.
with lines as (
    select * from {{ ref('stg_document_lines') }} {{ where_touched() }}
),

final as (
    select
        document_id,
        source_line,
        text,
        status,
        detail
    from lines
    order by document_id, source_line
)

select * from final
