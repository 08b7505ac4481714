{#- The PDF page of each row's line: the rows of ``relation`` (a CTE with document_id and
    source_line) with source_page, read from the model's ``document_lines`` import CTE
    (stg_document_lines); null for text exports and spreadsheets. -#}
{% macro with_source_page(relation='final') -%}
    select f.*, l.page as source_page
    from {{ relation }} as f
    left join document_lines as l using (document_id, source_line)
{%- endmacro %}
