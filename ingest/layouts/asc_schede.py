"""Layout entry: ASC schede obiettivo.

Schede obiettivo of an ASC Piano programma: one scheda per objective with actions per year and
indicators with targets (and results) per year.
"""

from ingest.registry import Layout, Marker
from ingest.schema import B, I, RawTable, S

LAYOUT = Layout(
    family="asc_schede",
    title="ASC schede obiettivo",
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
