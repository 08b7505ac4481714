"""Tests for expectations/run_checks.py: checks.* tables -> GE -> audit.dq_results.

Great Expectations is slow to import (~10 s), so the module-scoped fixture runs the checks
twice on one small warehouse (the second run to see that results are appended) and the
tests only read what those runs left behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from expectations.run_checks import run_checks

CHECK_DDL = """
    suite VARCHAR, check_name VARCHAR, document_id VARCHAR, subject_key VARCHAR,
    observed VARCHAR, expected VARCHAR, difference DOUBLE, tolerance DOUBLE,
    severity VARCHAR, description VARCHAR"""

# (check_name, document_id, subject_key, observed, expected, difference, tolerance, severity)
PEG_TOTALS = [
    ("peg_cdr_totals", "2021_PD_8501", "CDR 85", "100.00", "100.00", 0.0, 0.01, "error"),
    ("peg_cdr_totals", "2021_PD_8501", "CDR 86", "100.02", "100.00", 0.02, 0.01, "error"),
    ("peg_cdr_totals", "2021_PD_8501", "CDR 87", "100.01", "100.00", 0.01, 0.01, "error"),
    ("peg_cdr_totals", "2021_PD_8501", "CDR 88", None, "50.00", None, 0.01, "error"),
]
PEG_CAPITOLI = [
    ("peg_capitoli", "2021_PD_8501", "2021_PD_8501 / Spese Correnti", "10", "12", 2.0, 0.5,
     "warning"),
    ("peg_capitoli", "2021_PD_8501", "2021_PD_8501 / Spese Capitale", "7", "7", 0.0, 0.5,
     "warning"),
    ("peg_capitoli", "2022_PD_1", "2022_PD_1 / Spese Correnti", "3", "2", 1.0, 0.5, "error"),
]  # fmt: skip
PIAO = [
    ("piao_sections", "piao_2024", "sezione 2.1", "4", "4", 0.0, 0.0, "error"),
]


def _make_db(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.sql("create schema checks")
        tables = {"peg_cdr_totals": ("peg", PEG_TOTALS), "peg_capitoli": ("peg", PEG_CAPITOLI),
                  "piao_sections": ("piao", PIAO)}  # fmt: skip
        for table, (suite, rows) in tables.items():
            con.sql(f"create table checks.{table} ({CHECK_DDL})")
            for row in rows:
                con.sql(
                    f"insert into checks.{table} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params=[suite, *row, f"rule {row[0]}"],
                )
        # a row of another, older run that must survive
        con.sql("create schema audit")
        con.sql(
            "create table audit.dq_results (run_id VARCHAR, suite VARCHAR, check_name VARCHAR, "
            "severity VARCHAR, document_id VARCHAR, subject_key VARCHAR, observed VARCHAR, "
            "expected VARCHAR, passed BOOLEAN, difference DOUBLE, tolerance DOUBLE, "
            "description VARCHAR, checked_at TIMESTAMP)"
        )
        con.sql(
            "insert into audit.dq_results (run_id, suite, check_name, passed) "
            "values ('old-run', 'peg', 'peg_cdr_totals', true)"
        )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("checks")
    db = tmp / "warehouse.duckdb"
    _make_db(db)
    docs = tmp / "data_docs"
    messages: list[str] = []
    first = run_checks(db, "run-1", docs, messages.append)
    with duckdb.connect(str(db)) as con:
        checked_data_before = con.sql("select * from checks.peg_cdr_totals order by all").fetchall()
    second = run_checks(db, "run-2", docs, messages.append)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.sql(
            "select run_id, suite, check_name, severity, document_id, subject_key, observed, "
            "expected, passed, difference, tolerance, description, checked_at "
            "from audit.dq_results order by run_id, suite, check_name, subject_key"
        ).fetchall()
        checked_data_after = con.sql("select * from checks.peg_cdr_totals order by all").fetchall()
    return {
        "db": db,
        "docs": docs,
        "first": first,
        "second": second,
        "messages": messages,
        "rows": rows,
        "checked_data": (checked_data_before, checked_data_after),
    }


def _verdicts(rows, run_id):
    return {(r[1], r[2], r[5]): (r[8], r[3]) for r in rows if r[0] == run_id}


EXPECTED_VERDICTS = {
    # (suite, check_name, subject_key): (passed, severity)
    ("peg", "peg_capitoli", "2021_PD_8501 / Spese Capitale"): (True, "warning"),
    ("peg", "peg_capitoli", "2021_PD_8501 / Spese Correnti"): (False, "warning"),
    ("peg", "peg_capitoli", "2022_PD_1 / Spese Correnti"): (False, "error"),
    ("peg", "peg_cdr_totals", "CDR 85"): (True, "error"),
    ("peg", "peg_cdr_totals", "CDR 86"): (False, "error"),
    ("peg", "peg_cdr_totals", "CDR 87"): (True, "error"),  # difference == tolerance passes
    ("peg", "peg_cdr_totals", "CDR 88"): (False, "error"),  # null difference fails
    ("piao", "piao_sections", "sezione 2.1"): (True, "error"),
}


def test_verdicts_per_subject(runs):
    assert _verdicts(runs["rows"], "run-1") == EXPECTED_VERDICTS


def test_returned_counts(runs):
    assert set(runs["first"]) == {"run", "failed_error", "failed_warning", "passed", "data_docs"}
    expected = {"run": 8, "failed_error": 3, "failed_warning": 1, "passed": 4}
    assert {k: v for k, v in runs["first"].items() if k != "data_docs"} == expected
    assert {k: v for k, v in runs["second"].items() if k != "data_docs"} == expected


def test_row_contents(runs):
    by_subject = {r[5]: r for r in runs["rows"] if r[0] == "run-1"}
    assert by_subject["CDR 86"] == (
        "run-1", "peg", "peg_cdr_totals", "error", "2021_PD_8501", "CDR 86", "100.02",
        "100.00", False, 0.02, 0.01, "rule peg_cdr_totals", by_subject["CDR 86"][12],
    )  # fmt: skip
    null_row = by_subject["CDR 88"]
    assert null_row[6] is None and null_row[9] is None and null_row[8] is False
    checked_at = by_subject["CDR 86"][12]
    assert isinstance(checked_at, dt.datetime)
    assert abs(dt.datetime.now() - checked_at) < dt.timedelta(minutes=10)


def test_second_run_appends(runs):
    run_ids = [r[0] for r in runs["rows"]]
    assert run_ids.count("old-run") == 1
    assert run_ids.count("run-1") == 8
    assert run_ids.count("run-2") == 8
    assert _verdicts(runs["rows"], "run-2") == EXPECTED_VERDICTS


def test_checked_data_untouched(runs):
    before, after = runs["checked_data"]
    assert before == after
    assert len(after) == len(PEG_TOTALS)


def test_data_docs_built(runs):
    index = Path(runs["second"]["data_docs"])
    assert index == runs["docs"] / "index.html"
    assert index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "peg" in html and "piao" in html
    # only the latest run's pages are kept
    validations = runs["docs"] / "validations"
    assert {p.name for p in validations.glob("*/*")} == {"run-2"}


def test_progress_one_line_per_suite(runs):
    assert len(runs["messages"]) == 4  # 2 suites x 2 runs
    assert runs["messages"][0].startswith("check: suite peg: 7 rows, 3 passed")
    assert all("\n" not in m for m in runs["messages"])


def test_no_check_tables(tmp_path):
    db = tmp_path / "empty.duckdb"
    with duckdb.connect(str(db)) as con:
        con.sql("create schema checks")
    result = run_checks(db, "run-empty", tmp_path / "docs", lambda _m: None)
    assert result == {
        "run": 0,
        "failed_error": 0,
        "failed_warning": 0,
        "passed": 0,
        "data_docs": str(tmp_path / "docs" / "index.html"),
    }
    assert (tmp_path / "docs" / "index.html").is_file()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("select count(*) from audit.dq_results").fetchall() == [(0,)]


def test_disagreement_with_recomputation_raises(tmp_path, monkeypatch):
    """If GE's verdict were misread, nothing is written and the run fails loudly."""
    import expectations.run_checks as module

    db = tmp_path / "w.duckdb"
    _make_db(db)
    original = module.recompute_passed
    monkeypatch.setattr(module, "recompute_passed", lambda df: ~original(df))
    with pytest.raises(module.CheckVerdictMismatch):
        run_checks(db, "run-bad", tmp_path / "docs", lambda _m: None)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("select distinct run_id from audit.dq_results").fetchall() == [("old-run",)]
