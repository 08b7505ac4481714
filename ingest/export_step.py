"""The last steps of a run: export the marts (and the audit tables) as Parquet, write the
build's info, switch it in, and tell the state store; the run history into the serving
marts; the PLANS_FAULT test hook at the switch and the export."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import duckdb

from ingest import state as st
from ingest.load import error_rows, parser_version
from ingest.plan import Plan
from ingest.publish import prune_builds, publish_file, serving_build, switch, write_build_info
from ingest.runs import EXIT_CHECKS, Progress, RunSummary, StepError
from ingest.settings import Settings, duckdb_config
from ingest.warehouse import append, append_rows


def finish(
    settings: Settings,
    summary: RunSummary,
    build_dir: Path,
    new_db: Path,
    tversion: str,
    plan: Plan,
    progress: Progress,
) -> RunSummary:
    """Export the marts, write the build's info, refuse a build with blocking failed checks,
    switch it in, then tell the state store."""
    summary.stage = "export"
    if summary.failed:
        summary.status = "partial"
    elif summary.warnings:
        summary.status = "warning"
    else:
        summary.status = "success"
    summary.finished_at = dt.datetime.now()
    with st.open_state(settings.state_path) as state:
        runs = state.sql(
            "select * from audit.load_runs where run_id <> ?", params=[summary.run_id]
        ).pl()
        errors = state.sql("select * from audit.load_errors").pl()
    con = duckdb.connect(str(new_db), config=duckdb_config())
    try:
        con.sql("delete from audit.load_runs")
        append(con, "audit.load_runs", runs)
        append_rows(con, "audit.load_runs", [summary.record()])
        con.sql("delete from audit.load_errors")
        append(con, "audit.load_errors", errors)
        append_rows(
            con,
            "audit.load_errors",
            [r for o in summary.failed for r in error_rows(o, summary.run_id)],
        )
        summary.mart_counts = step_export(con, build_dir / "marts", progress)
        con.sql(
            "copy (select document_id, source_file, sha256, parser_version, "
            "manifest_fingerprint, ente_id from raw.documents) to "
            f"'{build_dir / 'documents.parquet'}' (format parquet)"
        )
    finally:
        con.close()
    write_build_info(
        build_dir,
        {
            "run_id": summary.run_id,
            "parser_version": parser_version(),
            "transform_version": tversion,
        },
    )
    blocking = settings.blocking_severity
    if blocking and summary.checks.get(f"failed_{blocking}", 0):
        raise StepError(
            EXIT_CHECKS,
            f"{summary.checks[f'failed_{blocking}']} checks of severity {blocking} failed "
            "and PLANS_BLOCKING_SEVERITY makes them blocking; the serving warehouse is unchanged",
        )
    summary.stage = "switch"
    _fault("before_switch")
    switch(settings, build_dir)
    _fault("after_switch")
    summary.stage = "done"
    try:
        _after_switch(settings, summary, plan, build_dir)
    except Exception as exc:  # noqa: BLE001 - published already: say it, do not fail
        progress(f"warning: the run is published but its state could not be saved: {exc}")
    prune_builds(settings)
    summary.db_path = settings.db_path
    summary.marts_dir = settings.marts_dir
    progress(f"done: {summary.status}; warehouse {settings.db_path}; marts {settings.marts_dir}")
    return summary


def _after_switch(settings: Settings, summary: RunSummary, plan: Plan, build_dir: Path) -> None:
    """The state store learns what is now serving: the run, its errors, the failures not to
    retry, the revision history."""
    with st.open_state(settings.state_path) as state:
        st.record_run(state, summary.record())
        st.append_errors(state, [r for o in summary.failed for r in error_rows(o, summary.run_id)])
        st.set_failures(
            state,
            [
                {
                    "document_id": o.document_id,
                    "source_file": o.source_file,
                    "sha256": o.sha256,
                    "parser_version": parser_version(),
                    "manifest_fingerprint": o.manifest.fingerprint() if o.manifest else "",
                    "run_id": summary.run_id,
                    "error": o.error,
                }
                for o in summary.failed
            ],
            [o.document_id for o in summary.outcomes if o.status == "loaded"] + plan.removed,
        )
        st.save_history(state, build_dir / "warehouse.duckdb")
        publish_runs(settings, state)


def _fault(point: str) -> None:
    """Test hook: PLANS_FAULT=<point> kills the run at that instant (as a power cut would),
    or, for ``enospc_*`` points, fails it as a full disk would."""
    if os.environ.get("PLANS_FAULT") != point:
        return
    if point.startswith("enospc"):
        raise OSError(errno.ENOSPC, "No space left on device (PLANS_FAULT)")
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def publish_runs(settings: Settings, state: duckdb.DuckDBPyConnection) -> None:
    """The run history into the serving marts (what the dashboard shows), atomically."""
    serving = serving_build(settings)
    if serving is None:
        return

    def write(tmp: Path) -> None:
        state.sql(f"copy (select * from audit.load_runs) to '{tmp}' (format parquet)")

    publish_file(serving / "marts", "audit_load_runs.parquet", write)


# --- the marts and the audit tables as Parquet -----------------------------------------


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts: tables and the views over the audit tables (mart_document_status, ...)."""
    rows = con.sql(
        "select table_name from duckdb_tables() where schema_name = 'marts' "
        "and database_name = current_database() union all "
        "select view_name from duckdb_views() where schema_name = 'marts' "
        "and database_name = current_database() and not internal order by 1"
    ).fetchall()
    return [r[0] for r in rows]


AUDIT_EXPORTS = ("document_coverage", "unparsed_lines", "dq_results", "load_errors", "load_runs")


def step_export(
    con: duckdb.DuckDBPyConnection, marts_dir: Path, progress: Progress
) -> dict[str, int]:
    """Write every marts.* table to ``marts_dir/<table>.parquet`` (and the audit tables)."""
    marts_dir.mkdir(parents=True, exist_ok=True)
    _fault("enospc_export")
    counts: dict[str, int] = {}
    for t in mart_tables(con):
        con.sql(f"copy marts.{t} to '{marts_dir / f'{t}.parquet'}' (format parquet)")
        counts[t] = con.sql(f"select count(*) from marts.{t}").fetchall()[0][0]
    for t in AUDIT_EXPORTS:
        con.sql(f"copy audit.{t} to '{marts_dir / f'audit_{t}.parquet'}' (format parquet)")
    progress(f"export: {len(counts)} marts written to {marts_dir}")
    return counts
