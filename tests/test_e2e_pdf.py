"""End to end from PDFs: `plans build` with the five samples given as PDF files (no text
exports) yields the marts and checks of the text exports' build.

Compared without lineage (source lines and pages, sha256, input format) and with the export's
debris (<b>, <u>, **) taken out of raw strings: the PDF prints no markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from ingest.common import strip_markup
from tests.conftest import build_env, run_plans
from tests.helpers import RAW
from tests.pdfgen import render_samples

pytestmark = pytest.mark.e2e

PEG = "003_51402a20550dfbf2"
LINEAGE_COLUMNS = {
    "sha256",
    "lines_total",
    "loaded_at",
    "run_id",
    "parser_version",
    "input_format",
    "encoding",
    "converter",
    "dbt_updated_at",
}
_LINE_REF = re.compile(r"\(?\blines? \d+(?:[-–, ]+\d+)*\)?")


@pytest.fixture(scope="module")
def pdf_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pdf_build")
    raw = base / "raw"
    render_samples(RAW, raw)
    for stats in raw.glob("*.stats"):
        stats.unlink()
    data = base / "data"
    proc = run_plans(["build"], build_env(data, raw, raw / "manifest.csv"))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return data / "warehouse.duckdb"


def _norm(v: object) -> object:
    return _LINE_REF.sub("", strip_markup(v)).strip() if isinstance(v, str) else v


def _is_lineage(column: str) -> bool:
    return (
        column.startswith("source_")
        or column.endswith(("_line", "_lines"))
        or column in LINEAGE_COLUMNS
    )


def _rows_by_document(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, list[str]]:
    cols = [
        c
        for (c,) in con.sql(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
            "order by column_index",
            params=table.split("."),
        ).fetchall()
        if not _is_lineage(c)
    ]
    quoted = ", ".join(f'"{c}"' for c in cols)
    out: dict[str, list[str]] = {}
    for r in con.sql(f"select {quoted} from {table}").fetchall():
        d = dict(zip(cols, r, strict=True))
        doc = str(d.get("document_id"))
        out.setdefault(doc, []).append(
            json.dumps({k: _norm(v) for k, v in d.items()}, default=str, ensure_ascii=False)
        )
    return {k: sorted(v) for k, v in out.items()}


def _differences(text_db: Path, pdf_db: Path, tables: list[str]) -> dict[tuple[str, str], int]:
    a = duckdb.connect(str(text_db), read_only=True)
    b = duckdb.connect(str(pdf_db), read_only=True)
    try:
        out = {}
        for table in tables:
            x, y = _rows_by_document(a, table), _rows_by_document(b, table)
            for doc in set(x) | set(y):
                only = set(x.get(doc, [])) ^ set(y.get(doc, []))
                if only or len(x.get(doc, [])) != len(y.get(doc, [])):
                    out[(table, doc)] = len(only)
        return out
    finally:
        a.close()
        b.close()


def _mart_tables(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            f"marts.{t}"
            for (t,) in con.sql(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
            ).fetchall()
            # the document's own lines (the source viewer's text) differ by nature between
            # a PDF and its text export; every figure read from them must not
            if t != "mart_document_lines"
        ]
    finally:
        con.close()


def test_pdf_build_documents_say_their_format(pdf_warehouse):
    con = duckdb.connect(str(pdf_warehouse), read_only=True)
    files = con.sql("select source_file from raw.documents order by 1").fetchall()
    con.close()
    assert [f for (f,) in files] == [
        "000_e3700703ee819e5c.pdf",
        "001_873564630502075e.pdf",
        "002_142f2b20942e7c60.pdf",
        "003_51402a20550dfbf2.pdf",
        "004_b40c0b7f81374021.pdf",
    ]


def test_pdf_build_gives_the_marts_of_the_text_build(built_warehouse, pdf_warehouse):
    diffs = _differences(
        built_warehouse / "warehouse.duckdb", pdf_warehouse, _mart_tables(pdf_warehouse)
    )
    # every mart row of every document, the PEG's objectives included
    assert diffs == {}


def test_pdf_build_gives_the_peg_objectives_of_the_text_build(built_warehouse, pdf_warehouse):
    diffs = _differences(
        built_warehouse / "warehouse.duckdb",
        pdf_warehouse,
        ["marts.dim_objective", "marts.dim_indicator"],
    )
    assert diffs == {}


def test_pdf_build_gives_the_checks_of_the_text_build(built_warehouse, pdf_warehouse):
    query = (
        "select suite, check_name, severity, document_id, subject_key, observed, expected, "
        "passed from audit.dq_results"
    )
    results = []
    for db in (built_warehouse / "warehouse.duckdb", pdf_warehouse):
        con = duckdb.connect(str(db), read_only=True)
        rows = con.sql(query).fetchall()
        con.close()
        results.append(sorted(json.dumps([_norm(v) for v in r], default=str) for r in rows))
    text, pdf = results
    assert len(pdf) == len(text)
    failed = [[r for r in rs if r.endswith("false]")] for rs in results]
    assert failed[1] == failed[0]  # the same contradictions flagged, with the same figures
    assert pdf == text
