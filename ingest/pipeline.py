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
import hashlib
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

from ingest.load import (
    DocOutcome,
    carry_documents,
    discover,
    ensure_audit,
    ingest,
    parser_version,
    table_columns,
)
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
    files_seen: int = 0
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
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    summary: RunSummary,
    progress: Progress,
    files: list[Path] | None = None,
    carried: list[str] | None = None,
    prev: str | None = None,
) -> None:
    progress(f"ingest: reading {', '.join(str(d) for d in settings.raw_dirs())}")
    outcomes, counts = ingest(
        con,
        settings.raw_dirs(),
        settings.manifest_path,
        summary.run_id,
        summary.started_at,
        files=files,
        carried=carried,
        prev=prev,
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
    if carried:
        progress(f"  {len(carried)} unchanged documents carried over without re-parsing")
    if outcomes and not carried and not any(o.status == "loaded" for o in outcomes):
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


def _copy_history(con: duckdb.DuckDBPyConnection, prev: str | None) -> None:
    """Carry the audit history and the revision history (schema ``history``, dbt snapshots)
    of the serving warehouse forward into the new build."""
    ensure_audit(con)
    if prev is None:
        return
    tables = con.sql(
        "select schema_name, table_name from duckdb_tables() where database_name = ?",
        params=[prev],
    ).fetchall()
    me = con.sql("select current_database()").fetchall()[0][0]
    for schema, table in tables:
        if schema == "audit" and table in AUDIT_HISTORY:
            mine = set(table_columns(con, me, "audit", table))
            shared = ", ".join(
                f'"{c}"' for c in table_columns(con, prev, "audit", table) if c in mine
            )
            con.sql(
                f"insert into audit.{table} ({shared}) select {shared} from {prev}.audit.{table}"
            )
        elif schema == "history":
            con.sql("create schema if not exists history")
            con.sql(f"create table history.{table} as select * from {prev}.history.{table}")


AUDIT_HISTORY = ("load_runs", "document_coverage", "dq_results", "load_errors")


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
    """Remove old build folders (and folders of killed builds), keeping the live one and the
    most recent others up to PLANS_KEEP_BUILDS."""
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
            summary.files_seen,
            summary.files_new,
            summary.files_changed,
            len(summary.failed),
            summary.files_unchanged,
            summary.files_removed,
            summary.files_parsed,
            sum(summary.raw_counts.values()),
            json.dumps(summary.mart_counts, sort_keys=True),
            int(summary.checks.get("run", 0)),
            int(summary.checks.get("failed_error", 0)),
            int(summary.checks.get("failed_warning", 0)),
            summary.message,
        ],
    )


# --- change detection -------------------------------------------------------------------


@dataclass
class Plan:
    """What a run must do: which documents to parse, which to carry over unchanged."""

    to_parse: list[Path]
    carried: list[str]
    new: list[str]
    changed: list[str]
    unchanged: list[str]
    removed: list[str]
    seen: int

    @property
    def nothing_to_do(self) -> bool:
        return not (self.to_parse or self.removed)


def _sha256(path: Path) -> str:
    if path.is_dir():  # a template as a folder of CSV files
        from ingest.tabular.inputs import sha256

        return sha256(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def previous_documents(con: duckdb.DuckDBPyConnection, prev: str) -> dict[str, tuple[str, str]]:
    """{document_id: (sha256, parser_version)} of the documents the previous build loaded."""
    has = con.sql(
        "select count(*) from duckdb_tables() where database_name = ? and schema_name = 'raw' "
        "and table_name = 'documents'",
        params=[prev],
    ).fetchall()[0][0]
    if not has:
        return {}
    cols = {
        r[0]
        for r in con.sql(
            "select column_name from duckdb_columns() where database_name = ? "
            "and schema_name = 'raw' and table_name = 'documents'",
            params=[prev],
        ).fetchall()
    }
    version = "parser_version" if "parser_version" in cols else "null"
    rows = con.sql(f"select document_id, sha256, {version} from {prev}.raw.documents").fetchall()
    return {d: (sha, ver or "") for d, sha, ver in rows}


def plan_run(files: list[Path], previous: dict[str, tuple[str, str]], incremental: bool) -> Plan:
    """Classify the scanned files against the previous build by sha256 (and parser version:
    a document parsed by other parsing code is parsed again)."""
    version = parser_version()
    to_parse: list[Path] = []
    carried: list[str] = []
    new: list[str] = []
    changed: list[str] = []
    unchanged: list[str] = []
    seen_ids = set()
    for path in files:
        doc_id = path.stem
        seen_ids.add(doc_id)
        sha = _sha256(path)
        before = previous.get(doc_id)
        if before is None:
            new.append(doc_id)
            to_parse.append(path)
        elif before[0] != sha:
            changed.append(doc_id)
            to_parse.append(path)
        else:
            unchanged.append(doc_id)
            if incremental and before[1] == version:
                carried.append(doc_id)
            else:
                to_parse.append(path)
    removed = sorted(set(previous) - seen_ids)
    return Plan(to_parse, carried, new, changed, unchanged, removed, len(files))


# --- build and refresh ------------------------------------------------------------------


def build(
    settings: Settings,
    trigger: str = "manual",
    progress: Progress = print,
    run_checks: bool = True,
) -> RunSummary:
    """Full build (every document re-parsed) into a fresh folder, then an atomic switch."""
    with pipeline_lock(settings):
        return _run_locked(settings, trigger, progress, run_checks, incremental=False)


def refresh(
    settings: Settings,
    trigger: str = "manual",
    progress: Progress = print,
    run_checks: bool = True,
) -> RunSummary:
    """Monthly refresh: only new and changed documents are parsed; nothing new is a fast
    no-op that still records itself in audit.load_runs."""
    with pipeline_lock(settings):
        return _run_locked(settings, trigger, progress, run_checks, incremental=True)


def _run_locked(
    settings: Settings, trigger: str, progress: Progress, run_checks: bool, incremental: bool
) -> RunSummary:
    summary = RunSummary(run_id=new_run_id(), trigger=trigger, started_at=dt.datetime.now())
    build_dir = settings.builds_dir / summary.run_id
    build_dir.mkdir(parents=True, exist_ok=True)
    new_db = build_dir / "warehouse.duckdb"
    kind = "refresh" if incremental else "build"
    progress(f"{kind} {summary.run_id} in {build_dir}")

    # The serving warehouse is only read, through a copy: a reader holding it open (even
    # read-write) cannot make the run fail, and the run never writes it.
    prev_copy = None
    if settings.db_path.exists():
        prev_copy = build_dir / "previous.duckdb"
        shutil.copyfile(settings.db_path, prev_copy)

    files = discover(settings.raw_dirs())
    con = duckdb.connect(str(new_db))
    try:
        prev = None
        if prev_copy is not None:
            con.sql(f"attach '{prev_copy}' as prev (read_only)")
            prev = "prev"
        previous = previous_documents(con, prev) if prev else {}
        plan = plan_run(files, previous, incremental)
        summary.files_seen = plan.seen
        summary.files_new = len(plan.new)
        summary.files_changed = len(plan.changed)
        summary.files_unchanged = len(plan.unchanged)
        summary.files_removed = len(plan.removed)
        progress(
            f"scan: {plan.seen} documents: {len(plan.new)} new, {len(plan.changed)} changed, "
            f"{len(plan.unchanged)} unchanged, {len(plan.removed)} removed"
        )
        if incremental and prev is not None and plan.nothing_to_do:
            con.close()
            return _record_noop(settings, summary, build_dir, progress)

        _copy_history(con, prev)
        carried = list(plan.carried)
        step_ingest(con, settings, summary, progress, plan.to_parse, carried, prev)
        # a changed document that fails to parse keeps its previous version serving
        kept = [
            o.document_id
            for o in summary.failed
            if o.document_id in previous and o.document_id in plan.changed and incremental
        ]
        if kept and prev is not None:
            carry_documents(con, prev, kept, summary.run_id, summary.raw_counts)
            summary.message += f"kept previous version of {', '.join(kept)}; "
        if prev is not None:
            con.sql("detach prev")
    finally:
        con.close()
    if prev_copy is not None:
        prev_copy.unlink()

    for o in summary.failed:
        summary.message += f"quarantined {o.source_file}: {o.error}; "
    if plan.removed:
        summary.message += f"removed {', '.join(plan.removed)}; "

    step_transform(new_db, settings, progress)

    if run_checks:
        summary.checks = step_check(
            new_db, settings, summary.run_id, build_dir / "data_docs", progress
        )

    summary.status = "partial" if summary.failed else "success"
    summary.finished_at = dt.datetime.now()
    con = duckdb.connect(str(new_db))
    try:
        summary.mart_counts = {t: 0 for t in mart_tables(con)}
        record_run(con, summary)
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

    _switch(settings, build_dir, new_db)
    _prune_builds(settings, summary.run_id)
    summary.db_path = settings.db_path
    summary.marts_dir = settings.marts_dir
    progress(f"done: {summary.status}; warehouse {settings.db_path}; marts {settings.marts_dir}")
    return summary


def _switch(settings: Settings, build_dir: Path, new_db: Path) -> None:
    """The switch: the DuckDB file by rename, the Parquet and Data Docs folders by symlink."""
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(new_db, settings.db_path)
    _swap_symlink(settings.marts_dir, build_dir / "marts")
    if (build_dir / "data_docs").exists():
        _swap_symlink(settings.data_docs_dir, build_dir / "data_docs")


def _record_noop(
    settings: Settings, summary: RunSummary, build_dir: Path, progress: Progress
) -> RunSummary:
    """Nothing new: record the run in a copy of the warehouse and switch to it; the marts and
    Data Docs stay as they are (only their audit_load_runs.parquet is replaced, atomically)."""
    new_db = build_dir / "warehouse.duckdb"
    new_db.unlink(missing_ok=True)
    prev_copy = build_dir / "previous.duckdb"
    os.replace(prev_copy, new_db)
    summary.status = "noop"
    summary.finished_at = dt.datetime.now()
    summary.message = "nothing new or changed"
    con = duckdb.connect(str(new_db))
    try:
        record_run(con, summary)
        marts = settings.marts_dir
        if marts.exists():
            tmp = marts / ".audit_load_runs.parquet.tmp"
            con.sql(f"copy audit.load_runs to '{tmp}' (format parquet)")
            os.replace(tmp, marts / "audit_load_runs.parquet")
    finally:
        con.close()
    os.replace(new_db, settings.db_path)
    shutil.rmtree(build_dir, ignore_errors=True)
    progress("done: nothing new or changed; run recorded")
    return summary
