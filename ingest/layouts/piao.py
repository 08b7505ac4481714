"""Layout entry: PIAO performance section.

PIAO, sottosezione Performance: organisational performance levels and weights, objectives per
area/servizio, indicator tables.
"""

import dataclasses

from ingest.common import SourceDocument
from ingest.registry import Layout, Marker
from ingest.schema import DATE, EUR, PCT, B, I, RawTable, S


def _incomplete(tables: dict[str, list[dict]], doc: SourceDocument) -> list[str]:
    """The table of contents announces the areas; a complete PIAO has a section for each of
    them after it (a file cut short lacks the last ones). Every area of the organisation
    table also has its objectives."""
    from ingest.piao.front import read_front
    from ingest.piao.lines import read_lines

    # the index is at the start: read the first lines only, search the whole text
    head = dataclasses.replace(doc, lines=doc.lines[:400], origins=None)
    lines, _ = read_lines(head)
    front, _ = read_front(lines)
    start = lines[front.body_start].n if front.body_start < len(lines) else len(head.lines)
    body = "\n".join(doc.lines[start - 1 :]).upper()
    announced = sorted(
        t.removeprefix("AREA ").strip() for t in front.toc_titles if t.startswith("AREA ")
    )
    missing_sections = [a for a in announced if a not in body]
    reasons = []
    if missing_sections:
        reasons.append(f"areas announced in the index but absent: {', '.join(missing_sections)}")
    areas = {a["area_name"] for a in tables.get("piao_areas", []) if a.get("area_name")}
    with_objectives = {o.get("area_name") for o in tables.get("piao_objectives", [])}
    missing = sorted(areas - with_objectives)
    if missing:
        reasons.append(f"areas without any objective: {', '.join(missing)}")
    return reasons


LAYOUT = Layout(
    family="piao",
    title="PIAO performance section",
    completeness=_incomplete,
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
            natural_key=("weight_group", "item"),
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
            natural_key=("scope", "indicator_seq"),
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
            natural_key=("objective_seq",),
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
            natural_key=("objective_seq", "row_seq"),
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
            natural_key=("servizio", "table_title", "indicator_seq"),
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
