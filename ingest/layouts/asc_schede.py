"""Layout entry: ASC schede obiettivo.

Schede obiettivo of an ASC Piano programma: one scheda per objective with actions per year and
indicators with targets (and results) per year.
"""

from ingest.common import SourceDocument
from ingest.registry import Layout, Marker
from ingest.schema import B, I, RawTable, S


def _incomplete(tables: dict[str, list[dict]], doc: SourceDocument) -> list[str]:
    """A complete plan gives every scheda its AZIONI and INDICATORI, and every numbered
    action at least one indicator of its number; a file cut short ends inside the tables of
    its last scheda."""
    reasons = []
    with_actions = {a["scheda_no"] for a in tables.get("asc_actions", [])}
    with_indicators = {i["scheda_no"] for i in tables.get("asc_indicators", [])}
    for s in tables.get("asc_schede", []):
        no = s["scheda_no"]
        missing = [
            t
            for t, has in (("AZIONI", with_actions), ("INDICATORI", with_indicators))
            if no not in has
        ]
        if missing:
            reasons.append(f"scheda {no} has no {' and no '.join(missing)} table")
    numbered = {(i["scheda_no"], i.get("indicator_no")) for i in tables.get("asc_indicators", [])}
    orphans = [
        f"{a['scheda_no']}.{a['action_no']}"
        for a in tables.get("asc_actions", [])
        if a.get("action_no")
        and a["scheda_no"] in with_indicators
        and (a["scheda_no"], a["action_no"]) not in numbered
    ]
    if orphans:
        reasons.append(f"actions without any indicator of their number: {', '.join(orphans)}")
    return reasons


LAYOUT = Layout(
    family="asc_schede",
    title="ASC schede obiettivo",
    completeness=_incomplete,
    parser="ingest.asc_schede",
    markers=(
        Marker(
            "scheda headings 'Scheda N'",
            r"^Scheda \d+",
        ),
        Marker(
            "'Obiettivo da piano programma YYYY-YYYY'",
            r"Obiettivo da piano programma \d{4}\s*-\s*\d{4}",
        ),
        Marker(
            "section 'AZIONI'",
            r"^AZIONI",
        ),
        Marker(
            "section 'INDICATORI'",
            r"INDICATORI",
        ),
    ),
    tables=(
        RawTable(
            "asc_schede",
            {
                "scheda_no": I,
                "title": S,
                "period_raw": S,
                "period_start_year": I,
                "period_end_year": I,
                "responsabile_raw": S,
                "altri_servizi": S,
            },
            extra={
                "title_raw": S,
            },
            natural_key=("scheda_no",),
        ),
        RawTable(
            "asc_actions",
            {
                "scheda_no": I,
                "action_seq": I,
                "action_no": S,
                "innovation_raw": S,
                "is_innovation": B,
                "description": S,
                "expected_result": S,
            },
            extra={
                "flag": S,
            },
            natural_key=("scheda_no", "action_seq"),
        ),
        RawTable(
            "asc_action_years",
            {
                "scheda_no": I,
                "action_seq": I,
                "year": I,
                "year_header_raw": S,
                "cell_raw": S,
                "planned": B,
            },
            natural_key=("scheda_no", "action_seq", "year"),
        ),
        RawTable(
            "asc_indicators",
            {
                "scheda_no": I,
                "indicator_seq": I,
                "indicator_no": S,
                "description": S,
                "responsabili_raw": S,
                "note": S,
            },
            extra={
                "flag": S,
            },
            natural_key=("scheda_no", "indicator_seq"),
        ),
        RawTable(
            "asc_indicator_years",
            {
                "scheda_no": I,
                "indicator_seq": I,
                "year": I,
                "year_header_raw": S,
                "target_raw": S,
                "actual_raw": S,
            },
            extra={
                "actual_header_raw": S,
                "repair": S,
            },
            target_column="target_raw",
            actual_column="actual_raw",
            natural_key=("scheda_no", "indicator_seq", "year"),
        ),
        RawTable(
            "asc_indicator_responsabili",
            {
                "scheda_no": I,
                "indicator_seq": I,
                "person_seq": I,
                "name_raw": S,
            },
            extra={
                "split_rule": S,
            },
            person=("name_raw", "person"),
            natural_key=("scheda_no", "indicator_seq", "person_seq"),
        ),
        RawTable(
            "asc_year_resolution",
            {
                "scheda_no": I,
                "table_name": S,
                "declared_period_raw": S,
                "header_years_raw": S,
                "resolved_years": S,
                "rule": S,
                "agrees_with_period": B,
                "header_valid": B,
            },
            extra={
                "header_labels_raw": S,
                "flag": S,
            },
        ),
    ),
)
