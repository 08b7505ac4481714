"""The pipeline steps (ingest, transform, export, check) and the atomic build around them.

A build never touches the warehouse that is serving: it writes a new DuckDB file and a new
Parquet folder under ``data/builds/<run_id>/`` and switches to them only when every step
finished (``os.replace`` of the DuckDB file, an atomic symlink swap for ``data/marts``). A
failed or killed build leaves the previous warehouse untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.load import DocOutcome, ensure_audit, ingest
from ingest.settings import Settings

Progress = Callable[[str], None]

# Exit codes of the command line (documented in the README).
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INGEST = 3
EXIT_DBT = 4
EXIT_CHECKS = 5
EXIT_LOCKED = 6
EXIT_PARTIAL = 7  # only with --strict: some documents were quarantined


class StepError(Exception):
    def __init__(self, exit_code: int, message: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class LockedError(StepError):
    def __init__(self, message: str) -> None:
        super().__init__(EXIT_LOCKED, message)


@contextlib.contextmanager
def pipeline_lock(settings: Settings) -> Iterator[None]:
    """One build or refresh at a time. An OS file lock: a killed run releases it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / ".lock"
    fh = path.open("a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        holder = fh.read().strip() or "another process"
        fh.close()
        raise LockedError(
            f"another build or refresh is running ({holder}); try again when it ends"
        ) from None
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}")
        fh.flush()
        yield
    finally:
        fh.seek(0)
        fh.truncate()
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@dataclass
class RunSummary:
    run_id: str
    trigger: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    status: str = "running"
    outcomes: list[DocOutcome] = field(default_factory=list)
    raw_counts: dict[str, int] = field(default_factory=dict)
    mart_counts: dict[str, int] = field(default_factory=dict)
    checks: dict[str, int | str] = field(default_factory=dict)
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    files_parsed: int = 0
    message: str = ""
    db_path: Path | None = None
    marts_dir: Path | None = None

    @property
    def failed(self) -> list[DocOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# --- steps ------------------------------------------------------------------------------


def step_ingest(
    con: duckdb.DuckDBPyConnection, settings: Settings, summary: RunSummary, progress: Progress
) -> None:
    progress(f"ingest: reading {', '.join(str(d) for d in settings.raw_dirs())}")
    outcomes, counts = ingest(
        con, settings.raw_dirs(), settings.manifest_path, summary.run_id, summary.started_at
    )
    summary.outcomes = outcomes
    summary.raw_counts = counts
    summary.files_parsed = len(outcomes)
    for o in outcomes:
        if o.status == "loaded":
            assert o.result is not None
            c = o.result.ledger.counts()
            progress(
                f"  {o.source_file}: {o.family} ({o.result.layout}), "
                f"{sum(len(v) for v in o.tables.values())} records, "
                f"{c['unparsed']} unparsed lines"
            )
        else:
            progress(f"  {o.source_file}: FAILED, quarantined: {o.error}")
    if not any(o.status == "loaded" for o in outcomes) and outcomes:
        raise StepError(EXIT_INGEST, "no document could be loaded")


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def step_transform(db_path: Path, settings: Settings, progress: Progress) -> None:
    """dbt build (models + schema tests) against ``db_path``."""
    progress("transform: dbt build")
    env = dict(os.environ)
    env["PLANS_DB_PATH"] = str(db_path)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    cmd = [
        dbt_executable(),
        "--no-use-colors",
        "build",
        "--project-dir",
        str(settings.dbt_project_dir),
        "--profiles-dir",
        str(settings.dbt_project_dir),
        "--target-path",
        str(db_path.parent / "dbt_target"),
        "--log-path",
        str(db_path.parent / "dbt_logs"),
    ]
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    tail: list[str] = []
    for line in proc.stdout:
        line = line.rstrip()
        tail = (tail + [line])[-40:]
        if any(k in line for k in (" OK ", "PASS", "ERROR", "FAIL", "WARN", "Completed", "Done.")):
            progress("  " + line)
    if proc.wait() != 0:
        raise StepError(EXIT_DBT, "dbt build failed:\n" + "\n".join(tail))


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.sql(
        "select table_name from information_schema.tables "
        "where table_schema = 'marts' order by table_name"
    ).fetchall()
    return [r[0] for r in rows]


def step_export(
    con: duckdb.DuckDBPyConnection, marts_dir: Path, progress: Progress
) -> dict[str, int]:
    """Write every marts.* table to ``marts_dir/<table>.parquet``."""
    marts_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for t in mart_tables(con):
        target = marts_dir / f"{t}.parquet"
        con.sql(f"copy marts.{t} to '{target}' (format parquet)")
        counts[t] = con.sql(f"select count(*) from marts.{t}").fetchall()[0][0]
    # audit tables travel with the marts so that readers of Parquet see quality and coverage
    for t in ("document_coverage", "unparsed_lines", "dq_results", "load_errors", "load_runs"):
        target = marts_dir / f"audit_{t}.parquet"
        con.sql(f"copy audit.{t} to '{target}' (format parquet)")
    progress(f"export: {len(counts)} marts written to {marts_dir}")
    return counts


def step_check(
    db_path: Path, settings: Settings, run_id: str, data_docs_dir: Path, progress: Progress
) -> dict[str, int | str]:
    progress("check: Great Expectations suites")
    from expectations.run_checks import run_checks

    return run_checks(db_path, run_id, data_docs_dir, progress)


# --- build ------------------------------------------------------------------------------


def _copy_history(con: duckdb.DuckDBPyConnection, live_db: Path) -> None:
    """Carry the audit history (and revision history) of the serving warehouse forward."""
    ensure_audit(con)
    if not live_db.exists():
        return
    con.sql(f"attach '{live_db}' as prev (read_only)")
    try:
        prev_tables = {
            (r[0], r[1])
            for r in con.sql(
                "select schema_name, table_name from duckdb_tables() where database_name='prev'"
            ).fetchall()
        }
        for t in ("load_runs", "document_coverage", "dq_results", "load_errors"):
            if ("audit", t) in prev_tables:
                cols = [
                    r[0]
                    for r in con.sql(
                        "select column_name from duckdb_columns() where database_name='prev' "
                        f"and schema_name='audit' and table_name='{t}'"
                    ).fetchall()
                ]
                mine = {
                    r[0]
                    for r in con.sql(
                        "select column_name from duckdb_columns() where database_name="
                        f"current_database() and schema_name='audit' and table_name='{t}'"
                    ).fetchall()
                }
                shared = ", ".join(f'"{c}"' for c in cols if c in mine)
                con.sql(f"insert into audit.{t} ({shared}) select {shared} from prev.audit.{t}")
        if ("history", "indicator_year_versions") in prev_tables:
            con.sql("create schema if not exists history")
            con.sql(
                "create table history.indicator_year_versions as "
                "select * from prev.history.indicator_year_versions"
            )
    finally:
        con.sql("detach prev")


def _swap_symlink(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` atomically (replacing a real folder the first time)."""
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    tmp = link.with_name(link.name + ".swap")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(target, link.parent))
    os.replace(tmp, link)


def _prune_builds(settings: Settings, keep_run: str) -> None:
    if not settings.builds_dir.exists():
        return
    live = {keep_run}
    for link in (settings.marts_dir, settings.data_docs_dir):
        if link.is_symlink():
            live.add(Path(os.readlink(link)).parent.name)
    builds = sorted(p for p in settings.builds_dir.iterdir() if p.is_dir())
    old = [b for b in builds if b.name not in live]
    for b in old[: max(0, len(old) - max(0, settings.keep_builds - 1))]:
        shutil.rmtree(b, ignore_errors=True)


def record_run(con: duckdb.DuckDBPyConnection, summary: RunSummary) -> None:
    ensure_audit(con)
    con.sql(
        "insert into audit.load_runs (run_id, started_at, finished_at, status, trigger, "
        "files_seen, files_new, files_changed, files_failed, files_unchanged, files_removed, "
        "files_parsed, raw_rows, mart_rows, checks_run, checks_failed_error, "
        "checks_failed_warning, message) values "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params=[
            summary.run_id,
            summary.started_at,
            summary.finished_at,
            summary.status,
            summary.trigger,
            len(summary.outcomes),
            summary.files_new,
            summary.files_changed,
            len(summary.failed),
            summary.files_unchanged,
            summary.files_removed,
            summary.files_parsed,
            sum(summary.raw_counts.values()),
            json.dumps(summary.mart_counts, sort_keys=True),
            summary.checks.get("run", 0),
            summary.checks.get("failed_error", 0),
            summary.checks.get("failed_warning", 0),
            summary.message,
        ],
    )


def build(
    settings: Settings,
    trigger: str = "manual",
    progress: Progress = print,
    run_checks: bool = True,
) -> RunSummary:
    """Full build into a fresh folder, then an atomic switch. Holds the pipeline lock."""
    with pipeline_lock(settings):
        return _build_locked(settings, trigger, progress, run_checks)


def _build_locked(
    settings: Settings, trigger: str, progress: Progress, run_checks: bool
) -> RunSummary:
    summary = RunSummary(run_id=new_run_id(), trigger=trigger, started_at=dt.datetime.now())
    build_dir = settings.builds_dir / summary.run_id
    build_dir.mkdir(parents=True, exist_ok=True)
    new_db = build_dir / "warehouse.duckdb"
    progress(f"build {summary.run_id} in {build_dir}")

    con = duckdb.connect(str(new_db))
    try:
        _copy_history(con, settings.db_path)
        step_ingest(con, settings, summary, progress)
    finally:
        con.close()

    step_transform(new_db, settings, progress)

    con = duckdb.connect(str(new_db))
    try:
        summary.mart_counts = step_export(con, build_dir / "marts", lambda _m: None)
    finally:
        con.close()

    if run_checks:
        summary.checks = step_check(
            new_db, settings, summary.run_id, build_dir / "data_docs", progress
        )

    summary.status = "partial" if summary.failed else "success"
    summary.finished_at = dt.datetime.now()
    con = duckdb.connect(str(new_db))
    try:
        record_run(con, summary)
        # re-export so that the Parquet copy of the audit tables includes this run
        summary.mart_counts = step_export(con, build_dir / "marts", progress)
    finally:
        con.close()

    blocking = settings.blocking_severity
    if blocking and summary.checks.get(f"failed_{blocking}", 0):
        raise StepError(
            EXIT_CHECKS,
            f"{summary.checks[f'failed_{blocking}']} checks of severity {blocking} failed "
            "and PLANS_BLOCKING_SEVERITY makes them blocking; the serving warehouse is unchanged",
        )

    # switch: the DuckDB file by rename, the Parquet and Data Docs folders by symlink swap
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(new_db, settings.db_path)
    _swap_symlink(settings.marts_dir, build_dir / "marts")
    if (build_dir / "data_docs").exists():
        _swap_symlink(settings.data_docs_dir, build_dir / "data_docs")
    _prune_builds(settings, summary.run_id)
    summary.db_path = settings.db_path
    summary.marts_dir = settings.marts_dir
    progress(
        f"done: {summary.status}; warehouse {settings.db_path}; marts {settings.marts_dir}"
    )
    return summary
