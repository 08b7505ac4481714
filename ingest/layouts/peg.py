"""Layout entry: PEG (Piano Esecutivo di Gestione).

Piano Esecutivo di Gestione, 'Allegato B' layout: CDR tables with budget and % di assorbimento,
project sheets with objectives, indicators, phases, budget per capitolo/articolo and staff.
"""

from ingest.common import SourceDocument
from ingest.registry import Layout, Marker
from ingest.schema import DATE, EUR, PCT, B, I, RawTable, S


def _incomplete(tables: dict[str, list[dict]], doc: SourceDocument) -> list[str]:
    """Every project a CDR summary table lists has its project sheet later in a complete
    PEG; a file cut short lacks the sheets of the last projects."""
    listed = {r["project_code"] for r in tables.get("peg_cdr_rows", []) if r.get("project_code")}
    sheets = {p["project_code"] for p in tables.get("peg_projects", [])}
    missing = sorted(listed - sheets)
    if not missing:
        return []
    shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
    return [f"{len(missing)} projects listed in the CDR tables have no project sheet ({shown})"]


LAYOUT = Layout(
    family="peg",
    title="PEG (Piano Esecutivo di Gestione)",
    completeness=_incomplete,
    parser="ingest.peg",
    markers=(
        Marker(
            "CDR table column '% di assorbimento'",
            r"% di assorbimento",
        ),
        Marker(
            "indicator table header 'Codice indicatore / Indicatore / Valore previsto YYYY'",
            r"^Codice indicatore\tIndicatore\tValore previsto \d{4}",
        ),
        Marker(
            "staff table header 'Nome Soggetto / Relazione Personale / Impegno Personale'",
            r"^Nome Soggetto\tRelazione Personale\tImpegno Personale",
        ),
    ),
    tables=(
        RawTable(
            "peg_cdr",
            {
                "cdr_code": S,
                "cdr_name": S,
                "dirigente_raw": S,
                "year": I,
            },
            extra={
                "listed_on_front_page": B,
            },
            person=("dirigente_raw", "dirigente"),
            natural_key=("cdr_code",),
        ),
        RawTable(
            "peg_cdr_rows",
            {
                "cdr_code": S,
                "row_seq": I,
                "row_kind": S,
                "indirizzo": S,
                "obiettivo_strategico": S,
                "azione": S,
                "project_code": S,
                "project_name": S,
                "budget_raw": S,
                "budget": EUR,
                "absorption_raw": S,
                "absorption_pct": PCT,
            },
            natural_key=("cdr_code", "project_code"),
            natural_key_optional=("project_code",),
        ),
        RawTable(
            "peg_projects",
            {
                "project_code": S,
                "project_name": S,
                "cdr_code": S,
                "dirigente_raw": S,
                "description": S,
                "indirizzo": S,
                "obiettivo_strategico": S,
                "azione": S,
            },
            extra={
                "cdr_code_listed": S,
                "sheet_header_missing": B,
            },
            person=("dirigente_raw", "dirigente"),
            natural_key=("project_code",),
        ),
        RawTable(
            "peg_objectives",
            {
                "project_code": S,
                "objective_code": S,
                "objective_type": S,
                "objective_type_raw": S,
                "title": S,
            },
            extra={
                "inferred_from_indicator": B,
            },
            natural_key=("objective_code",),
        ),
        RawTable(
            "peg_indicators",
            {
                "project_code": S,
                "objective_code": S,
                "indicator_code": S,
                "name": S,
                "year": I,
                "target_raw": S,
                "note": S,
            },
            extra={
                "objective_inferred": B,
            },
            target_column="target_raw",
            natural_key=("indicator_code", "year"),
        ),
        RawTable(
            "peg_phases",
            {
                "project_code": S,
                "phase_order": I,
                "objective_code": S,
                "description": S,
                "status": S,
                "start_date_raw": S,
                "start_date": DATE,
                "end_date_raw": S,
                "end_date": DATE,
                "note": S,
            },
        ),
        RawTable(
            "peg_budget_lines",
            {
                "project_code": S,
                "block_seq": I,
                "capitolo": S,
                "articolo": S,
                "capitolo_description": S,
                "column_name": S,
                "flow": S,
                "nature": S,
                "amount_raw": S,
                "amount": EUR,
            },
            extra={
                "cap_raw": S,
                "shift_corrected": B,
            },
        ),
        RawTable(
            "peg_budget_totals",
            {
                "project_code": S,
                "block_seq": I,
                "column_name": S,
                "flow": S,
                "nature": S,
                "amount_raw": S,
                "amount": EUR,
            },
            extra={
                "shift_corrected": B,
            },
        ),
        RawTable(
            "peg_staff",
            {
                "project_code": S,
                "person_name": S,
                "relation": S,
                "allocation_raw": S,
                "allocation_pct": PCT,
            },
            person=("person_name", "staff"),
        ),
        RawTable(
            "peg_document",
            {
                "doc_title": S,
                "year": I,
                "document_code": S,
                "allegato": S,
                "area": S,
                "elaboration_date_raw": S,
                "elaboration_date": DATE,
            },
        ),
    ),
)
