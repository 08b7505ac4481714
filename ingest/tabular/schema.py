"""Raw tables of template and profile documents (schema ``raw``), in the form of
``ingest/schema.py``: one table per template sheet with its fields typed, the cell text of
typed fields kept in ``<field>_raw``, and the columns the loader derives (targets, results,
people). Derived from the declaration in spec.py, so a field added there lands here."""

from __future__ import annotations

import polars as pl

from ingest.tabular.spec import SHEETS
from ingest.tabular.values import KEEP_RAW

S = pl.Utf8
I = pl.Int64  # noqa: E741
B = pl.Boolean
EUR = pl.Decimal(18, 2)
PCT = pl.Decimal(9, 4)
NUM = pl.Decimal(18, 4)

_DTYPES = {
    "testo": S,
    "codice": S,
    "scelta": S,
    "intero": I,
    "anno": I,
    "percentuale": PCT,
    "numero": NUM,
    "importo": EUR,
    "data": S,  # ISO yyyy-mm-dd, typed in staging
    "si_no": B,
}

# Columns every table has beside its fields: the row's order within the document.
_COMMON = {"row_seq": I}
# Columns some tables add beside their fields.
_EXTRA: dict[str, dict[str, pl.DataType]] = {
    "tpl_document": {"profile": S},
    "tpl_indicator_years": {
        "year": I,
        "target_raw": S,
        "actual_raw": S,
        "variant_seq": I,
    },
    "tpl_actions": {"action_seq": I},
    "tpl_steps": {"step_seq": I},
}


def _table(sheet) -> dict[str, pl.DataType]:  # noqa: ANN001
    cols: dict[str, pl.DataType] = dict(_COMMON)
    for f in sheet.fields:
        cols[f.name] = _DTYPES[f.type]
        if f.type in KEEP_RAW:
            cols[f.name + "_raw"] = S
    cols.update(_EXTRA.get(sheet.table, {}))
    return cols


TPL_RAW_TABLES: dict[str, dict[str, pl.DataType]] = {s.table: _table(s) for s in SHEETS}
# The people a template names (responsabile / responsabile_ruolo of objectives and
# indicator-years), one row per name: kind persona (normalised) or ruolo (kept as written).
TPL_RAW_TABLES["tpl_responsabili"] = {
    "subject": S,  # obiettivo | anno_indicatore
    "subject_key": S,  # id_obiettivo, or the indicator-year's row_seq
    "person_seq": I,
    "name_raw": S,
    "kind": S,  # persona | ruolo
}
TPL_TARGET_COLUMNS: dict[str, str] = {"tpl_indicator_years": "target_raw"}
TPL_ACTUAL_COLUMNS: dict[str, str] = {"tpl_indicator_years": "actual_raw"}
TPL_PERSON_COLUMNS: dict[str, tuple[str, str]] = {
    "tpl_responsabili": ("name_raw", "person"),
    "tpl_staff": ("nome", "staff"),
}
