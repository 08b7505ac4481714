{{ config(materialized='table') }}
-- The catalogue of the measures compared per policy area (Aree di intervento page, area filter
-- of Confronto and Andamento), read from the column descriptions and meta of
-- mart_policy_area_unit in _marts_policy_dashboard.yml: one row per measure, in the YAML's
-- order, with the same columns as dim_measure.
with catalogue as (
    {{ measure_catalogue_rows('mart_policy_area_unit') }}
)

select * from catalogue
