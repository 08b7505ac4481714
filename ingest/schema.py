"""The raw tables (schema ``raw``): how they are declared, typed, landed and staged.

A layout declares its raw tables beside its detection markers and parser (one entry in
``ingest/layouts/``); this module holds the column types, the lineage columns every table
gets, the loader's derived columns, and the two tables every document feeds
(``raw.documents``, ``raw.document_lines``). The staging models and their YAML are generated
from these declarations (``python -m ingest.staging``): one definition per table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class ColType:
    """A column type: how it is landed (polars) and typed in staging (SQL cast)."""

    token: str
    polars: pl.DataType
    sql: str | None  # the staging cast; None: kept as landed (text)


S = ColType("text", pl.Utf8, None)
I = ColType("int", pl.Int64, "integer")  # noqa: E741
B = ColType("bool", pl.Boolean, "boolean")
F = ColType("double", pl.Float64, "double")
EUR = ColType("eur", pl.Decimal(18, 2), "decimal(18, 2)")
PCT = ColType("pct", pl.Decimal(9, 4), "decimal(9, 4)")
NUM = ColType("number", pl.Decimal(18, 4), "decimal(18, 4)")  # a figure that is not euro
DATE = ColType("date", pl.Utf8, "date")  # ISO yyyy-mm-dd text, typed in staging
TS = ColType("timestamp", pl.Datetime("us"), "timestamp")

LINEAGE: dict[str, ColType] = {
    "document_id": S,
    "source_line": I,
    "source_line_end": I,
    # converted inputs only: the PDF page, or the spreadsheet sheet and row of source_line
    "source_page": I,
    "source_sheet": S,
    "source_row": I,
}
TARGET: dict[str, ColType] = {
    "target_kind": S,
    "target_operator": S,
    "target_value": F,
    "target_date": DATE,
}
PERSON_SUFFIXES: dict[str, ColType] = {"_name": S, "_title": S, "_role": S}


@dataclass(frozen=True)
class RawTable:
    """One raw table: its declared columns and what the loader derives from them.

    ``extra``: columns a parser adds beside the declared ones (flags on repaired or doubtful
    records, the raw cells a repair started from). ``target_column``: the raw target (or a
    standard that acts as one); the loader adds target_kind/operator/value/date.
    ``actual_column``: a reported result; the loader adds actual_value. ``person``:
    (column, prefix) of a column naming a person; the loader adds <prefix>_name/_title/_role.
    """

    name: str
    columns: dict[str, ColType]
    extra: dict[str, ColType] = field(default_factory=dict)
    target_column: str | None = None
    actual_column: str | None = None
    person: tuple[str, str] | None = None
    lineage: bool = True
    staged: bool = True  # False: a control table dbt reads as a source, with no staging model
    description: str = ""
    staging_renames: dict[str, str] = field(default_factory=dict)
    staging_drop: tuple[str, ...] = ()  # landed for the loader, not staged
    # the key no two records of one document may share (a page printed twice repeats it);
    # an empty value is a value, except in the columns of natural_key_optional (rows where
    # one of them is empty are not keyed: subtotal rows without a project, say)
    natural_key: tuple[str, ...] = ()
    natural_key_optional: tuple[str, ...] = ()
    # dbt tests of the staging model (names after staging_renames)
    unique_key: tuple[str, ...] = ()
    not_null: tuple[str, ...] = ("document_id", "source_line")
    accepted_values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def full_schema(self) -> dict[str, ColType]:
        """Every column in landing order: lineage, declared, extra, derived."""
        cols: dict[str, ColType] = dict(LINEAGE) if self.lineage else {}
        cols.update(self.columns)
        cols.update(self.extra)
        if self.target_column:
            cols.update(TARGET)
        if self.actual_column:
            cols["actual_value"] = F
        if self.person:
            prefix = self.person[1]
            cols.update({prefix + suffix: t for suffix, t in PERSON_SUFFIXES.items()})
        return cols

    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c: t.polars for c, t in self.full_schema().items()}


DOCUMENTS = RawTable(
    "documents",
    {
        "document_id": S,
        "source_file": S,
        "sha256": S,
        "family": S,
        "layout": S,
        "ente_id": S,
        "ente_name": S,
        "ente_type": S,
        "region": S,
        "province": S,
        "doc_type": S,
        "doc_title": S,
        "period_start_year": I,
        "period_end_year": I,
        "manifest_period_start_year": I,
        "manifest_period_end_year": I,
        "period_note": S,
        "lines_total": I,
        "loaded_at": TS,
        "run_id": S,
        "parser_version": S,
        "input_format": S,
        "encoding": S,
        "converter": S,
        "meta_source": S,
        "manifest_fingerprint": S,
        "flags": S,
    },
    lineage=False,
    description="One row per loaded document with its manifest metadata, sha256 and load time.",
    staging_renames={"family": "doc_family"},
    unique_key=("document_id",),
    not_null=("document_id", "ente_id"),
)

DOCUMENT_LINES = RawTable(
    "document_lines",
    {
        "document_id": S,
        "line_no": I,
        "text": S,
        "status": S,
        "detail": S,
        "page": I,
        "sheet": S,
        "row": I,
    },
    lineage=False,
    description=(
        "Every line of every loaded document with its status (mapped, boilerplate, unparsed, "
        "blank) and the table, rule or reason."
    ),
    staging_renames={"line_no": "source_line"},
    unique_key=("document_id", "source_line"),
    not_null=("document_id", "source_line"),
    accepted_values={"status": ("mapped", "boilerplate", "unparsed", "blank")},
)

TOUCHED_DOCUMENTS = RawTable(
    "touched_documents",
    {"document_id": S, "ente_id": S},
    lineage=False,
    staged=False,
    description=(
        "The documents the running build or refresh changed (new, changed, removed) and their "
        "ente (before and after a change): the incremental models recompute only their rows "
        "(dbt_project/macros/incremental.sql)."
    ),
)

CORE_TABLES: tuple[RawTable, ...] = (DOCUMENTS, DOCUMENT_LINES, TOUCHED_DOCUMENTS)
