"""The raw tables the parsers land in DuckDB (schema ``raw``): names, columns, types.

This is the contract between ``ingest/`` and ``dbt_project/``: every table listed here exists
after an ingest (empty when no document of its family was loaded), so the staging models
never break on a missing source. A parser may add columns; they are landed with an inferred
type after the declared ones.

Every table also gets ``document_id`` (VARCHAR), ``source_line`` and ``source_line_end``
(INTEGER, 1-based lines of the raw file).
"""

from __future__ import annotations

import polars as pl

S = pl.Utf8
I = pl.Int64  # noqa: E741
B = pl.Boolean
F = pl.Float64
EUR = pl.Decimal(18, 2)
PCT = pl.Decimal(9, 4)
DATE = pl.Utf8  # ISO yyyy-mm-dd, typed in staging

LINEAGE = {
    "document_id": S,
    "source_line": I,
    "source_line_end": I,
    # converted inputs only: the PDF page, or the spreadsheet sheet and row of source_line
    "source_page": I,
    "source_sheet": S,
    "source_row": I,
}
TARGET = {"target_kind": S, "target_operator": S, "target_value": F, "target_date": DATE}
PERSON = {"_name": S, "_title": S, "_role": S}

RAW_TABLES: dict[str, dict[str, pl.DataType]] = {
    # --- PEG -------------------------------------------------------------------------------
    "peg_cdr": {"cdr_code": S, "cdr_name": S, "dirigente_raw": S, "year": I},
    "peg_cdr_rows": {
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
    "peg_projects": {
        "project_code": S,
        "project_name": S,
        "cdr_code": S,
        "dirigente_raw": S,
        "description": S,
        "indirizzo": S,
        "obiettivo_strategico": S,
        "azione": S,
    },
    "peg_objectives": {
        "project_code": S,
        "objective_code": S,
        "objective_type": S,
        "objective_type_raw": S,
        "title": S,
    },
    "peg_indicators": {
        "project_code": S,
        "objective_code": S,
        "indicator_code": S,
        "name": S,
        "year": I,
        "target_raw": S,
        "note": S,
    },
    "peg_phases": {
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
    "peg_budget_lines": {
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
    "peg_budget_totals": {
        "project_code": S,
        "block_seq": I,
        "column_name": S,
        "flow": S,
        "nature": S,
        "amount_raw": S,
        "amount": EUR,
    },
    "peg_staff": {
        "project_code": S,
        "person_name": S,
        "relation": S,
        "allocation_raw": S,
        "allocation_pct": PCT,
    },
    "peg_document": {
        "doc_title": S,
        "year": I,
        "document_code": S,
        "allegato": S,
        "area": S,
        "elaboration_date_raw": S,
        "elaboration_date": DATE,
    },
    # --- ASC schede ------------------------------------------------------------------------
    "asc_schede": {
        "scheda_no": I,
        "title": S,
        "period_raw": S,
        "period_start_year": I,
        "period_end_year": I,
        "responsabile_raw": S,
        "altri_servizi": S,
    },
    "asc_actions": {
        "scheda_no": I,
        "action_seq": I,
        "action_no": S,
        "innovation_raw": S,
        "is_innovation": B,
        "description": S,
        "expected_result": S,
    },
    "asc_action_years": {
        "scheda_no": I,
        "action_seq": I,
        "year": I,
        "year_header_raw": S,
        "cell_raw": S,
        "planned": B,
    },
    "asc_indicators": {
        "scheda_no": I,
        "indicator_seq": I,
        "indicator_no": S,
        "description": S,
        "responsabili_raw": S,
        "note": S,
    },
    "asc_indicator_years": {
        "scheda_no": I,
        "indicator_seq": I,
        "year": I,
        "year_header_raw": S,
        "target_raw": S,
        "actual_raw": S,
    },
    "asc_indicator_responsabili": {
        "scheda_no": I,
        "indicator_seq": I,
        "person_seq": I,
        "name_raw": S,
    },
    "asc_year_resolution": {
        "scheda_no": I,
        "table_name": S,
        "declared_period_raw": S,
        "header_years_raw": S,
        "resolved_years": S,
        "rule": S,
        "agrees_with_period": B,
        "header_valid": B,
    },
    # --- PIAO ------------------------------------------------------------------------------
    "piao_weights": {"weight_group": S, "item": S, "weight_raw": S, "weight_pct": PCT},
    "piao_org_indicators": {
        "scope": S,
        "indicator_seq": I,
        "name": S,
        "definition": S,
        "target_raw": S,
    },
    "piao_areas": {
        "area_name": S,
        "cost_center": S,
        "service": S,
        "responsabile_raw": S,
        "row_seq": I,
    },
    "piao_objectives": {
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
    "piao_objective_rows": {
        "objective_seq": I,
        "row_seq": I,
        "description": S,
        "indicator_raw": S,
        "year": I,
        "responsabile_raw": S,
        "rischio": S,
    },
    "piao_service_indicators": {
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
    "piao_parametri": {"servizio": S, "item_seq": I, "text": S},
    # --- Stato di attuazione ---------------------------------------------------------------
    "sa_objectives": {
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
    "sa_steps": {
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
    "sa_step_verifications": {
        "objective_code": S,
        "step_code": S,
        "verification": S,
        "achievement_raw": S,
        "achievement_pct": PCT,
        "year": I,
    },
    "sa_totals": {
        "objective_code": S,
        "label": S,
        "year": I,
        "total_raw": S,
        "total_pct": PCT,
    },
    "sa_raccordo": {
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
    "sa_missioni_programmi": {
        "missione_code": S,
        "missione_name": S,
        "programma_code": S,
        "programma_name": S,
    },
    "sa_objective_catalog": {"objective_kind": S, "objective_code": S, "title": S},
}

# Columns the parsers add beside the declared ones: flags on repaired or doubtful records,
# the raw cells a repair started from, secondary lineage. Landed and staged like the rest.
EXTRA_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "peg_cdr": {
        "listed_on_front_page": B,
    },
    "peg_projects": {
        "cdr_code_listed": S,
        "sheet_header_missing": B,
    },
    "peg_objectives": {
        "inferred_from_indicator": B,
    },
    "peg_indicators": {
        "objective_inferred": B,
    },
    "peg_budget_lines": {
        "cap_raw": S,
        "shift_corrected": B,
    },
    "peg_budget_totals": {
        "shift_corrected": B,
    },
    "asc_schede": {
        "title_raw": S,
    },
    "asc_actions": {
        "flag": S,
    },
    "asc_indicators": {
        "flag": S,
    },
    "asc_indicator_years": {
        "actual_header_raw": S,
        "repair": S,
    },
    "asc_indicator_responsabili": {
        "split_rule": S,
    },
    "asc_year_resolution": {
        "header_labels_raw": S,
        "flag": S,
    },
    "piao_org_indicators": {
        "garbled": B,
        "raw_text": S,
    },
    "piao_areas": {
        "parent_cost_center": S,
        "responsabile_name_raw": S,
        "responsabile_role_raw": S,
    },
    "piao_objectives": {
        "missione_code_raw": S,
        "programma_code_raw": S,
        "plan_year": I,
        "section_heading": S,
        "heading_raw": S,
        "extra_text_raw": S,
    },
    "piao_objective_rows": {
        "rischio_raw": S,
        "label": S,
        "parent_row_seq": I,
        "indicator_header_raw": S,
        "split_cell_raw": S,
        "misaligned_text_raw": S,
    },
    "piao_service_indicators": {
        "rischio_raw": S,
        "table_seq": I,
        "misaligned_text_raw": S,
    },
    "piao_parametri": {
        "area_name": S,
        "value_raw": S,
        "value": EUR,
        "reference_date_raw": S,
        "reference_date": DATE,
    },
    "sa_objectives": {
        "title_raw": S,
        "incidence_source": S,
        "percorso_line": I,
        "percorso_extra_raw": S,
        "note": S,
        "note_line": I,
    },
    "sa_steps": {
        "step_prefix_matches": B,
        "cells_missing": B,
        "extra_cells_raw": S,
    },
    "sa_step_verifications": {
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
    "sa_totals": {
        "label_column": I,
        "value_column": I,
    },
    "sa_raccordo": {
        "row_kind": S,
        "attribution_note": S,
    },
    "sa_missioni_programmi": {
        "missione_inherited": B,
    },
}

# Columns holding a target (or a standard that acts as one): the loader adds the normalised
# target_kind / target_operator / target_value / target_date next to them.
TARGET_COLUMNS: dict[str, str] = {
    "peg_indicators": "target_raw",
    "asc_indicator_years": "target_raw",
    "piao_org_indicators": "target_raw",
    "piao_objective_rows": "indicator_raw",
    "piao_service_indicators": "standard_raw",
}
# Columns holding a reported result: the loader adds actual_value.
ACTUAL_COLUMNS: dict[str, str] = {"asc_indicator_years": "actual_raw"}
# Columns that name a person: the loader adds <prefix>_name, <prefix>_title, <prefix>_role.
PERSON_COLUMNS: dict[str, tuple[str, str]] = {
    "peg_cdr": ("dirigente_raw", "dirigente"),
    "peg_projects": ("dirigente_raw", "dirigente"),
    "peg_staff": ("person_name", "staff"),
    "asc_indicator_responsabili": ("name_raw", "person"),
    "piao_areas": ("responsabile_raw", "responsabile"),
}


def full_schema(table: str) -> dict[str, pl.DataType]:
    """Declared columns of a raw table, with lineage and the loader's derived columns."""
    cols: dict[str, pl.DataType] = dict(LINEAGE)
    cols.update(RAW_TABLES[table])
    cols.update(EXTRA_COLUMNS.get(table, {}))
    if table in TARGET_COLUMNS:
        cols.update(TARGET)
    if table in ACTUAL_COLUMNS:
        cols["actual_value"] = F
    if table in PERSON_COLUMNS:
        prefix = PERSON_COLUMNS[table][1]
        cols.update({prefix + suffix: t for suffix, t in PERSON.items()})
    return cols


# --- tabular inputs (issue 12), one block for the lead to move into the registry ---------
# The template's and profiles' raw tables are declared in ingest/tabular/schema.py (derived
# from the template's declaration); registered here so that they always exist and get the
# loader's central normalisation of targets, results and people.
from ingest.tabular.schema import (  # noqa: E402
    TPL_ACTUAL_COLUMNS,
    TPL_PERSON_COLUMNS,
    TPL_RAW_TABLES,
    TPL_TARGET_COLUMNS,
)

RAW_TABLES.update(TPL_RAW_TABLES)
TARGET_COLUMNS.update(TPL_TARGET_COLUMNS)
ACTUAL_COLUMNS.update(TPL_ACTUAL_COLUMNS)
PERSON_COLUMNS.update(TPL_PERSON_COLUMNS)
