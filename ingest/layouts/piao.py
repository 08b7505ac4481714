"""Layout entry: PIAO performance section.

PIAO, sottosezione Performance: organisational performance levels and weights, objectives per
area/servizio, indicator tables.
"""

from ingest.registry import Layout, Marker
from ingest.schema import DATE, EUR, PCT, B, I, RawTable, S

LAYOUT = Layout(
    family="piao",
    title="PIAO performance section",
    parser="ingest.piao",
    markers=(
        Marker(
            "the word 'PIAO'",
            r"\bPIAO\b",
        ),
        Marker(
            "heading 'LIVELLO DI PERFORMANCE ORGANIZZATIVA'",
            r"LIVELLO DI PERFORMANCE ORGANIZZATIVA",
        ),
        Marker(
            "objective headings 'OBIETTIVO:'",
            r"^OBIETTIVO:",
        ),
    ),
    tables=(
        RawTable(
            "piao_weights",
            {
                "weight_group": S,
                "item": S,
                "weight_raw": S,
                "weight_pct": PCT,
            },
        ),
        RawTable(
            "piao_org_indicators",
            {
                "scope": S,
                "indicator_seq": I,
                "name": S,
                "definition": S,
                "target_raw": S,
            },
            extra={
                "garbled": B,
                "raw_text": S,
            },
            target_column="target_raw",
        ),
        RawTable(
            "piao_areas",
            {
                "area_name": S,
                "cost_center": S,
                "service": S,
                "responsabile_raw": S,
                "row_seq": I,
            },
            extra={
                "parent_cost_center": S,
                "responsabile_name_raw": S,
                "responsabile_role_raw": S,
            },
            person=("responsabile_raw", "responsabile"),
        ),
        RawTable(
            "piao_objectives",
            {
                "objective_seq": I,
                "level": S,
                "title": S,
                "parent_objective_seq": I,
                "area_name": S,
                "servizio": S,
                "missione_code": S,
                "missione_name": S,
                "programma_code": S,
                "programma_name": S,
                "missione_raw": S,
            },
            extra={
                "missione_code_raw": S,
                "programma_code_raw": S,
                "plan_year": I,
                "section_heading": S,
                "heading_raw": S,
                "extra_text_raw": S,
            },
        ),
        RawTable(
            "piao_objective_rows",
            {
                "objective_seq": I,
                "row_seq": I,
                "description": S,
                "indicator_raw": S,
                "year": I,
                "responsabile_raw": S,
                "rischio": S,
            },
            extra={
                "rischio_raw": S,
                "label": S,
                "parent_row_seq": I,
                "indicator_header_raw": S,
                "split_cell_raw": S,
                "misaligned_text_raw": S,
            },
            target_column="indicator_raw",
        ),
        RawTable(
            "piao_service_indicators",
            {
                "area_name": S,
                "servizio": S,
                "table_title": S,
                "indicator_seq": I,
                "dimension": S,
                "name": S,
                "formula": S,
                "standard_raw": S,
                "rischio": S,
            },
            extra={
                "rischio_raw": S,
                "table_seq": I,
                "misaligned_text_raw": S,
            },
            target_column="standard_raw",
        ),
        RawTable(
            "piao_parametri",
            {
                "servizio": S,
                "item_seq": I,
                "text": S,
            },
            extra={
                "area_name": S,
                "value_raw": S,
                "value": EUR,
                "reference_date_raw": S,
                "reference_date": DATE,
            },
        ),
    ),
)
