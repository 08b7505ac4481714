"""Layout entry: Stato di attuazione del Piano della performance.

Stato di attuazione of a Piano della performance / PDO: objectives with their weight on the
plan, steps with weights and % achieved, tabella di raccordo with missioni/programmi.
"""

from ingest.common import SourceDocument
from ingest.registry import Layout, Marker
from ingest.schema import DATE, PCT, B, I, RawTable, S


def _incomplete(tables: dict[str, list[dict]], doc: SourceDocument) -> list[str]:
    """A stato di attuazione closes with its tabella di raccordo and the list of its
    objectives; a file cut short ends before them, or lists objectives it never reports."""
    if not tables.get("sa_raccordo") and not tables.get("sa_objective_catalog"):
        return ["it ends before its closing sections (tabella di raccordo, elenco obiettivi)"]
    reported = {(o["objective_kind"], o["objective_code"]) for o in tables.get("sa_objectives", [])}
    listed = [
        f"{c['objective_kind']} {c['objective_code']}"
        for c in tables.get("sa_objective_catalog", [])
        if (c["objective_kind"], c["objective_code"]) not in reported
    ]
    return [f"objectives listed but never reported: {', '.join(listed)}"] if listed else []


LAYOUT = Layout(
    family="stato_attuazione",
    title="Stato di attuazione del Piano della performance",
    completeness=_incomplete,
    parser="ingest.stato_attuazione",
    markers=(
        Marker(
            "title 'STATO DI ATTUAZIONE'",
            r"STATO DI ATTUAZIONE",
        ),
        Marker(
            "section 'Sviluppo obiettivo per steps intermedi'",
            r"Sviluppo obiettivo per steps intermedi",
        ),
        Marker(
            "step column '% raggiungimento'",
            r"% raggiungimento",
        ),
    ),
    tables=(
        RawTable(
            "sa_objectives",
            {
                "objective_code": S,
                "objective_kind": S,
                "title": S,
                "situazione_attuale": S,
                "criticita": S,
                "situazione_attesa": S,
                "vantaggi": S,
                "incidence_raw": S,
                "incidence_pct": PCT,
                "incidence_line": I,
                "azioni": S,
                "operatori": S,
                "costi": S,
                "indicatore_raggiungimento": S,
                "plan_year": I,
            },
            extra={
                "title_raw": S,
                "incidence_source": S,
                "percorso_line": I,
                "percorso_extra_raw": S,
                "note": S,
                "note_line": I,
            },
            natural_key=("objective_kind", "objective_code"),
        ),
        RawTable(
            "sa_steps",
            {
                "objective_code": S,
                "step_code": S,
                "step_seq": I,
                "description": S,
                "deadline_raw": S,
                "deadline": DATE,
                "indicator": S,
                "weight_in_objective_raw": S,
                "weight_in_objective_pct": PCT,
                "weight_in_year_raw": S,
                "weight_in_year_pct": PCT,
                "year": I,
            },
            extra={
                "step_prefix_matches": B,
                "cells_missing": B,
                "extra_cells_raw": S,
            },
            natural_key=("objective_code", "step_code"),
        ),
        RawTable(
            "sa_step_verifications",
            {
                "objective_code": S,
                "step_code": S,
                "verification": S,
                "achievement_raw": S,
                "achievement_pct": PCT,
                "year": I,
            },
            extra={
                "step_seq": I,
                "description": S,
                "deadline_raw": S,
                "indicator": S,
                "step_text_differs": B,
                "verification_same_text_as": S,
                "step_prefix_matches": B,
                "cells_missing": B,
                "extra_cells_raw": S,
            },
        ),
        RawTable(
            "sa_totals",
            {
                "objective_code": S,
                "label": S,
                "year": I,
                "total_raw": S,
                "total_pct": PCT,
            },
            extra={
                "label_column": I,
                "value_column": I,
            },
        ),
        RawTable(
            "sa_raccordo",
            {
                "row_seq": I,
                "strategic_code": S,
                "strategic_title": S,
                "operational_code": S,
                "operational_title": S,
                "performance_codes": S,
                "peg_codes": S,
                "missioni": S,
                "programmi": S,
                "raw_cells": S,
                "attribution": S,
            },
            extra={
                "row_kind": S,
                "attribution_note": S,
            },
        ),
        RawTable(
            "sa_missioni_programmi",
            {
                "missione_code": S,
                "missione_name": S,
                "programma_code": S,
                "programma_name": S,
            },
            extra={
                "missione_inherited": B,
            },
            natural_key=("missione_code", "programma_code"),
        ),
        RawTable(
            "sa_objective_catalog",
            {
                "objective_kind": S,
                "objective_code": S,
                "title": S,
            },
        ),
    ),
)
