{{ config(materialized='table') }}
-- The catalogue of comparable measures, read from the column descriptions and meta of
-- mart_measures_document in _marts.yml: one row per measure, in the YAML's order, so that the
-- dashboard and the analysts show each measure with the same label and definition.
with catalogue as (
    {{ measure_catalogue_rows('mart_measures_document') }}
)

select * from catalogue
