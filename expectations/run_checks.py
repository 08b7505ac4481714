"""Run the warehouse's consistency checks through Great Expectations and record the verdicts.

Route: dbt check models -> pandas -> GE suites -> ``audit.dq_results``.

1. dbt builds one table per consistency rule in schema ``checks`` (one row per subject
   checked: the computed figure, the declared one, their absolute ``difference``, the
   ``tolerance`` and the ``severity`` of a failure). The rule logic lives in SQL, next to the
   models it checks.
2. This module reads every ``checks.*`` table from DuckDB into one pandas frame
   (``con.sql(...).pl().to_pandas()``) and adds ``excess = difference - tolerance``.
3. Great Expectations 1.x validates that frame with suites defined as code: one
   ExpectationSuite per ``suite`` value, and per ``check_name`` two expectations restricted to
   that check's rows with a ``Column`` row condition: ``excess <= 0``
   (ExpectColumnValuesToBeBetween) and ``excess`` not null (ExpectColumnValuesToNotBeNull,
   because the first one ignores nulls; a difference or tolerance that could not be computed
   fails). One Checkpoint per suite runs them on that suite's rows only (and only the
   columns GE reads), with result_format COMPLETE, so GE names the failing rows
   (``unexpected_index_list``), and an UpdateDataDocsAction builds the Data Docs site.
   Cost grows with the rows checked, not with rows x checks (benchmarks/SCALE_RESULTS.md).
4. One row per check row is appended to ``audit.dq_results``; ``passed`` is GE's verdict,
   cross-checked against a direct recomputation (``difference <= tolerance``): a disagreement
   raises before anything is written.

Why this route (see /work/shared/STACK-NOTES.md): GE's SQL datasource does not work with
DuckDB without patching private GE settings, while the pandas route works as is; and
``UnexpectedRowsExpectation`` is not available for pandas, hence per-subject check models
validated with plain expectations. The checked data is only read, never modified.

Importing Great Expectations costs ~10 s, so it is imported inside :func:`run_checks` only.
The Data Docs site is rebuilt from this run's results (GE's stores are in memory); pages of
earlier runs are removed from ``data_docs_dir`` because the new index no longer links them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ingest.settings import duckdb_config
from ingest.warehouse import AUDIT_DDL, ensure_audit

CHECKS_SCHEMA = "checks"

CHECK_COLUMNS = {
    "suite": "varchar",
    "check_name": "varchar",
    "document_id": "varchar",
    "subject_key": "varchar",
    "observed": "varchar",
    "expected": "varchar",
    "difference": "double",
    "tolerance": "double",
    "severity": "varchar",
    "description": "varchar",
}

DQ_RESULTS_DDL = AUDIT_DDL["dq_results"]

DQ_RESULTS_COLUMNS = [
    "run_id", "suite", "check_name", "severity", "document_id", "subject_key", "observed",
    "expected", "passed", "difference", "tolerance", "description", "checked_at",
    "validated_run_id",
]  # fmt: skip

DOCS_SITE = "plans_dq"
UNSPECIFIED = "(unspecified)"


class CheckVerdictMismatch(RuntimeError):
    """GE's verdict and the direct recomputation disagree: the results were misread."""


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _check_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.sql(
        "select table_name from information_schema.tables "
        "where table_schema = ? and table_catalog = current_database() order by table_name",
        params=[CHECKS_SCHEMA],
    ).fetchall()
    return [r[0] for r in rows]


def stage_check_rows(con: duckdb.DuckDBPyConnection, documents: list[str] | None = None) -> int:
    """Every row of every ``checks.*`` table (with ``documents``: only the rows of those
    documents and the rows of no document) into the temporary table ``_check_rows`` with a
    row id ``rid``; returns the row count. The text columns stay in DuckDB: only what GE
    reads goes to pandas (memory bounded at the size of a region)."""
    selects = []
    params: list = []
    for table in _check_tables(con):
        present = {
            r[0]
            for r in con.sql(
                "select column_name from information_schema.columns where table_schema = ? "
                "and table_name = ? and table_catalog = current_database()",
                params=[CHECKS_SCHEMA, table],
            ).fetchall()
        }
        missing = sorted(set(CHECK_COLUMNS) - present)
        if missing:
            raise ValueError(f"check table {CHECKS_SCHEMA}.{table} lacks columns {missing}")
        cols = ", ".join(
            f"cast({_quote(c)} as {t}) as {_quote(c)}" for c, t in CHECK_COLUMNS.items()
        )
        query = (
            f"select '{table}' as check_table, {cols} from {_quote(CHECKS_SCHEMA)}.{_quote(table)}"
        )
        if documents is not None:
            query += " where document_id is null or list_contains(?, document_id)"
            params.append(documents)
        selects.append(query)
    if not selects:
        cols = ", ".join(f"cast(null as {t}) as {_quote(c)}" for c, t in CHECK_COLUMNS.items())
        selects = [f"select cast(null as varchar) as check_table, {cols} where false"]
    union = " union all ".join(selects)
    # GE row conditions cannot select nulls by equality: name the unnamed.
    con.sql(
        "create or replace temp table _check_rows as select "
        "cast(row_number() over () - 1 as bigint) as rid, * replace ("
        f"coalesce(suite, '{UNSPECIFIED}') as suite, "
        f"coalesce(check_name, '{UNSPECIFIED}') as check_name, "
        "coalesce(severity, 'error') as severity) "
        f"from ({union})",
        params=params,
    )
    return con.sql("select count(*) from _check_rows").fetchall()[0][0]


def read_check_rows(
    con: duckdb.DuckDBPyConnection, documents: list[str] | None = None, full: bool = True
) -> pd.DataFrame:
    """The check rows as a frame indexed by ``rid`` (plus ``excess``): with ``full``, every
    column; otherwise the columns GE and the verdict read (suite, check_name, severity,
    difference, tolerance) and one description per check."""
    stage_check_rows(con, documents)
    cols = "*" if full else "rid, suite, check_name, severity, difference, tolerance"
    df = con.sql(f"select {cols} from _check_rows order by rid").pl().to_pandas()
    df = df.set_index("rid", drop=False)
    df.index.name = None
    if not full:
        notes = dict(
            ((r[0], r[1]), r[2])
            for r in con.sql(
                "select suite, check_name, any_value(description) from _check_rows group by all"
            ).fetchall()
        )
        df["description"] = [notes.get(k) for k in zip(df["suite"], df["check_name"], strict=True)]
    diff, tol = df["difference"].astype("float64"), df["tolerance"].astype("float64")
    # equal bounds pass even when both are infinite (inf - inf would be NaN)
    df["excess"] = (diff - tol).where(diff != tol, 0.0)
    return df


def recompute_passed(df: pd.DataFrame) -> pd.Series:
    """The verdict computed directly: a null difference or tolerance fails."""
    diff, tol = df["difference"], df["tolerance"]
    return (diff.notna() & tol.notna() & (diff <= tol)).astype(bool)


def _clear_old_docs(data_docs_dir: Path) -> None:
    for sub in ("validations", "expectations"):
        shutil.rmtree(data_docs_dir / sub, ignore_errors=True)


def _ge_context(data_docs_dir: Path):
    """An ephemeral GE context: in-memory stores, one local Data Docs site, no progress bars."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(data_docs_dir),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    config = DataContextConfig(
        # init_temp_docs_sites=False: no default site in a temporary folder left behind
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        data_docs_sites={DOCS_SITE: site},
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def validate_with_ge(df: pd.DataFrame, run_id: str, data_docs_dir: Path) -> tuple[pd.Series, Path]:
    """GE's verdict per row of ``df`` (a boolean Series on df's index) and the docs index."""
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.expectations.row_conditions import Column

    data_docs_dir.mkdir(parents=True, exist_ok=True)
    _clear_old_docs(data_docs_dir)
    context = _ge_context(data_docs_dir)
    index_html = data_docs_dir / "index.html"
    passed = pd.Series(True, index=df.index, dtype=bool)
    if df.empty:
        context.build_data_docs(site_names=[DOCS_SITE])
        return passed, index_html

    # One checkpoint per suite, each validating the suite's rows only, and only the three
    # columns GE reads: the row conditions stay cheap at the size of a region.
    source = context.data_sources.add_pandas("plans_checks")
    run_results = []
    for suite_name, suite_rows in df.groupby("suite", sort=True):
        batch = source.add_dataframe_asset(
            f"check_rows_{suite_name}"
        ).add_batch_definition_whole_dataframe(f"rows_{suite_name}")
        suite = context.suites.add(gx.ExpectationSuite(name=str(suite_name)))
        for check_name, rows in suite_rows.groupby("check_name", sort=True):
            condition = Column("check_name") == check_name
            meta = {"suite": suite_name, "check_name": check_name, "rows": len(rows)}
            notes = rows["description"].dropna()
            common = {
                "row_condition": condition,
                "meta": meta,
                "notes": str(notes.iloc[0]) if len(notes) else None,
                "severity": "critical" if (rows["severity"] != "warning").any() else "warning",
            }
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeBetween(column="excess", max_value=0, **common)
            )
            suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="excess", **common))
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=str(suite_name), data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"plans_checks_{suite_name}",
                validation_definitions=[validation],
                actions=[UpdateDataDocsAction(name="update_data_docs", site_names=[DOCS_SITE])],
                result_format={"result_format": "COMPLETE"},
            )
        )
        slim = suite_rows[["check_name", "excess"]]
        result = checkpoint.run(
            batch_parameters={"dataframe": slim}, run_id=RunIdentifier(run_name=run_id)
        )
        run_results.extend(result.run_results.values())

    seen: dict[tuple[str, str], int] = {}
    for suite_result in run_results:
        for r in suite_result.results:
            cfg = r.expectation_config
            key = (cfg.meta["suite"], cfg.meta["check_name"])
            if r.exception_info.get("raised_exception"):
                raise RuntimeError(
                    f"GE expectation {cfg.type} for {key} raised: "
                    f"{r.exception_info.get('exception_message')}"
                )
            domain = df.index[(df["suite"] == key[0]) & (df["check_name"] == key[1])]
            if r.result.get("element_count") != len(domain):
                raise CheckVerdictMismatch(
                    f"GE evaluated {r.result.get('element_count')} rows for {key}, "
                    f"expected {len(domain)}"
                )
            unexpected = r.result.get("unexpected_index_list")
            if unexpected is None:
                raise CheckVerdictMismatch(f"GE gave no unexpected_index_list for {key}")
            if not set(unexpected) <= set(domain):
                raise CheckVerdictMismatch(f"GE flagged rows outside {key}: {unexpected}")
            if bool(r.success) != (len(unexpected) == 0):
                raise CheckVerdictMismatch(f"GE success and unexpected rows disagree for {key}")
            passed.loc[list(unexpected)] = False
            seen[key] = seen.get(key, 0) + 1
    expected_keys = set(df.groupby(["suite", "check_name"]).groups)
    if set(seen) != expected_keys or any(n != 2 for n in seen.values()):
        raise CheckVerdictMismatch(f"GE results cover {seen}, expected {sorted(expected_keys)}")
    return passed, index_html


def run_checks(
    db_path: Path,
    run_id: str,
    data_docs_dir: Path,
    progress: Callable[[str], None] = print,
    documents: list[str] | None = None,
) -> dict[str, int | str]:
    """Validate every ``checks.*`` table with GE, append the verdicts to audit.dq_results.

    With ``documents``, only the check rows of those documents (and of no document) are
    validated: an incremental refresh re-checks what it changed.

    Returns ``{"run", "failed_error", "failed_warning", "passed", "data_docs"}``: row counts
    and the path of the Data Docs index.html.
    """
    db_path, data_docs_dir = Path(db_path), Path(data_docs_dir)
    with duckdb.connect(str(db_path), config=duckdb_config()) as con:
        df = read_check_rows(con, documents, full=False)

        passed, index_html = validate_with_ge(df, run_id, data_docs_dir)
        direct = recompute_passed(df)
        disagree = df.index[passed != direct]
        if len(disagree):
            rows = df.loc[disagree[:5], ["suite", "check_name", "rid"]].to_dict("records")
            raise CheckVerdictMismatch(
                f"GE verdict differs from recomputation on {len(disagree)} rows, e.g. {rows}"
            )

        df = df.assign(passed=passed)
        is_warning = df["severity"] == "warning"
        counts: dict[str, int | str] = {
            "run": len(df),
            "failed_error": int((~df["passed"] & ~is_warning).sum()),
            "failed_warning": int((~df["passed"] & is_warning).sum()),
            "passed": int(df["passed"].sum()),
            "data_docs": str(index_html),
        }
        for suite_name, rows in df.groupby("suite", sort=True):
            warn = rows["severity"] == "warning"
            progress(
                f"check: suite {suite_name}: {len(rows)} rows, "
                f"{int(rows['passed'].sum())} passed, "
                f"{int((~rows['passed'] & ~warn).sum())} failed (error), "
                f"{int((~rows['passed'] & warn).sum())} failed (warning)"
            )
        if df.empty:
            progress("check: no check rows found in schema checks")

        ensure_audit(con)
        if not df.empty:
            verdicts = df[["rid", "passed"]].reset_index(drop=True)
            con.register("_verdicts", verdicts)
            try:
                cols = ", ".join(DQ_RESULTS_COLUMNS)
                con.sql(
                    f"insert into audit.dq_results ({cols}) select ? as run_id, c.suite, "
                    "c.check_name, c.severity, c.document_id, c.subject_key, c.observed, "
                    "c.expected, v.passed, c.difference, c.tolerance, c.description, "
                    "? as checked_at, ? as validated_run_id "
                    "from _check_rows as c join _verdicts as v using (rid)",
                    params=[run_id, dt.datetime.now(), run_id],
                )
            finally:
                con.unregister("_verdicts")
    return counts
