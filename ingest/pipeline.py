"""A run (build or refresh): scan, plan, ingest, transform, check, export, switch.

* Every run is recorded, whatever happens (``audit.load_runs`` in the state store, shown in
  the dashboard through the serving marts): success, warning, partial, failed, refused,
  noop; a killed run is marked interrupted by the next one.
* A run works in its own folder ``data/builds/<run_id>/`` and publishes it with one atomic
  switch (ingest/publish.py); a failed or killed run leaves the previous build serving and
  its folder is removed.
* ``refresh`` is incremental: the new warehouse starts as a copy of the serving one, only
  new and changed documents are parsed, dbt recomputes only their rows, the checks validate
  only their rows. ``build`` re-parses and rebuilds everything. Both keep the previous
  version of a changed document that fails to parse, and both refuse to publish a warehouse
  that lost more documents than PLANS_MAX_REMOVED_SHARE unless told (--allow-removal).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import state as st
from ingest.dispatch import DocOutcome
from ingest.load import discover, error_rows, ingest, parser_version
from ingest.manifest import Manifest, ManifestError, read_manifest
from ingest.plan import Plan, plan_run, read_served, removal_refusal
from ingest.publish import (
    ensure_user_links,
    prune_builds,
    publish_file,
    read_build_info,
    serving_build,
    switch,
    write_build_info,
)
from ingest.settings import Settings, duckdb_config
from ingest.transform import DbtFailed, generate_docs, run_dbt, transform_version
from ingest.warehouse import (
    append,
    append_rows,
    carry_documents,
    create_raw_tables,
    delete_documents,
    ensure_audit,
    raw_counts,
    table_columns,
)

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
EXIT_REFUSED = 8  # the run would have removed too many documents
EXIT_DISK_FULL = 9


class StepError(Exception):
    def __init__(self, exit_code: int, message: str, status: str = "failed") -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.status = status


class LockedError(StepError):
    def __init__(self, message: str) -> None:
        super().__init__(EXIT_LOCKED, message)


@contextlib.contextmanager
def pipeline_lock(settings: Settings) -> Iterator[None]:
    """One writer at a time (build, refresh, transform, check). An OS file lock: a killed run
    releases it."""
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
    stage: str = "start"
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
    warnings: list[str] = field(default_factory=list)
    not_retried: list[str] = field(default_factory=list)  # still quarantined, same file
    db_path: Path | None = None
    marts_dir: Path | None = None

    @property
    def failed(self) -> list[DocOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def record(self) -> dict:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": self.status,
            "trigger": self.trigger,
            "files_seen": self.files_seen,
            "files_new": self.files_new,
            "files_changed": self.files_changed,
            "files_failed": len(self.failed) + len(self.not_retried),
            "files_unchanged": self.files_unchanged,
            "files_removed": self.files_removed,
            "files_parsed": self.files_parsed,
            "raw_rows": sum(self.raw_counts.values()),
            "mart_rows": json.dumps(self.mart_counts, sort_keys=True),
            "checks_run": int(self.checks.get("run", 0)),
            "checks_failed_error": int(self.checks.get("failed_error", 0)),
            "checks_failed_warning": int(self.checks.get("failed_warning", 0)),
            "message": self.message.strip("; "),
            "warnings": "; ".join(self.warnings),
            "stage": self.stage,
        }


# --- the run ----------------------------------------------------------------------------


def build(
    settings: Settings,
    trigger: str = "manual",
    progress: Progress = print,
    run_checks: bool = True,
    allow_removal: bool = False,
) -> RunSummary:
    """Full build: every document re-parsed, every model rebuilt, then an atomic switch."""
    return run(settings, "build", trigger, progress, run_checks, allow_removal)


def refresh(
    settings: Settings,
    trigger: str = "manual",
    progress: Progress = print,
    run_checks: bool = True,
    allow_removal: bool = False,
) -> RunSummary:
    """Monthly refresh: only new and changed documents parsed, only their rows recomputed;
    nothing new is a fast no-op that still records itself."""
    return run(settings, "refresh", trigger, progress, run_checks, allow_removal)


def run(
    settings: Settings,
    mode: str,
    trigger: str,
    progress: Progress,
    run_checks: bool,
    allow_removal: bool,
) -> RunSummary:
    with pipeline_lock(settings):
        summary = RunSummary(run_id=new_run_id(), trigger=trigger, started_at=dt.datetime.now())
        with st.open_state(settings.state_path) as state:
            for run_id in st.mark_interrupted(state):
                progress(f"note: run {run_id} was interrupted; recorded as such")
            _seed_state(state, settings)
            st.record_run(state, summary.record())
        build_dir = settings.builds_dir / summary.run_id
        try:
            return _run(settings, summary, mode, build_dir, progress, run_checks, allow_removal)
        except BaseException as exc:
            _record_failure(settings, summary, build_dir, exc, progress)
            if isinstance(exc, StepError):
                raise
            if _disk_full(exc):
                raise StepError(EXIT_DISK_FULL, summary.message) from exc
            raise


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return "No space left on device" in str(exc)


def _record_failure(
    settings: Settings, summary: RunSummary, build_dir: Path, exc: BaseException, progress: Progress
) -> None:
    """A run that stops is recorded with its reason; its build folder goes away."""
    if isinstance(exc, StepError):
        summary.status = exc.status
        summary.message = f"{summary.message}{exc}"
    elif isinstance(exc, KeyboardInterrupt):
        summary.status = "interrupted"
        summary.message += f"interrupted during stage {summary.stage}"
    elif _disk_full(exc):
        summary.status = "failed"
        summary.message += f"disk full during stage {summary.stage}: {exc}"
    else:
        summary.status = "failed"
        summary.message += (
            f"unexpected error during stage {summary.stage}: {type(exc).__name__}: {exc}"
        )
    summary.finished_at = dt.datetime.now()
    shutil.rmtree(build_dir, ignore_errors=True)
    with contextlib.suppress(Exception), st.open_state(settings.state_path) as state:
        st.record_run(state, summary.record())
        st.append_errors(state, [r for o in summary.failed for r in error_rows(o, summary.run_id)])
        _publish_runs(settings, state)
    progress(f"run {summary.run_id}: {summary.status}: {summary.message}")


def _publish_runs(settings: Settings, state: duckdb.DuckDBPyConnection) -> None:
    """The run history into the serving marts (what the dashboard shows), atomically."""
    serving = serving_build(settings)
    if serving is None:
        return

    def write(tmp: Path) -> None:
        state.sql(f"copy (select * from audit.load_runs) to '{tmp}' (format parquet)")

    publish_file(serving / "marts", "audit_load_runs.parquet", write)


def _seed_state(state: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """A state store created next to an existing warehouse (an older layout, or a state lost)
    starts with that warehouse's run history and revision history."""
    if state.sql("select count(*) from audit.load_runs").fetchall()[0][0] > 1:
        return
    source = settings.db_path if settings.db_path.exists() else None
    if source is None:
        return
    with contextlib.suppress(duckdb.Error):
        state.sql(f"attach '{source}' as old (read_only)")
        try:
            tables = {
                (r[0], r[1])
                for r in state.sql(
                    "select schema_name, table_name from duckdb_tables() "
                    "where database_name = 'old'"
                ).fetchall()
            }
            if ("audit", "load_runs") in tables:
                state.sql(
                    "insert into audit.load_runs by name select * from old.audit.load_runs "
                    "where run_id not in (select run_id from audit.load_runs)"
                )
            state.sql("create schema if not exists history")
            for schema, table in tables:
                if schema == "history":
                    state.sql(
                        f"create or replace table history.{table} as "
                        f"select * from old.history.{table}"
                    )
        finally:
            state.sql("detach old")


def _scan(
    settings: Settings, summary: RunSummary, mode: str, progress: Progress
) -> tuple[Manifest, Plan, Path | None, dict]:
    summary.stage = "scan"
    try:
        manifest = read_manifest(settings.manifest_path)
    except ManifestError as exc:
        raise StepError(EXIT_INGEST, f"manifest error: {exc}") from exc
    files = discover(settings.raw_dirs())
    serving = serving_build(settings)
    served = read_served(serving)
    with st.open_state(settings.state_path) as state:
        hashes = st.HashCache(state)
        shas = {p: hashes.sha256(p) for p in files}
        hashes.save()
        failed_before = st.failures(state)
    plan = plan_run(
        files, shas, manifest, served, failed_before, parser_version(), mode == "refresh"
    )
    summary.files_seen = plan.seen
    summary.files_new = len(plan.new)
    summary.files_changed = len(plan.changed)
    summary.files_unchanged = len(plan.unchanged)
    summary.files_removed = len(plan.removed)
    present = {p.name for p in files}
    summary.warnings += manifest.warnings
    summary.warnings += [
        f"{settings.manifest_path.name}:{e.line}: {f} is listed but not found in the raw folders"
        for f, e in manifest.entries.items()
        if f not in present
    ]
    summary.warnings += [err for f, err in manifest.line_errors.items() if f not in present]
    summary.warnings += list(plan.not_retried.values())
    summary.not_retried = sorted(plan.not_retried)
    progress(
        f"scan: {plan.seen} documents: {len(plan.new)} new, {len(plan.changed)} changed, "
        f"{len(plan.unchanged)} unchanged, {len(plan.removed)} removed"
        + (f", {len(plan.not_retried)} failed before and not retried" if plan.not_retried else "")
    )
    refusal = removal_refusal(
        plan, len(served), settings.raw_dirs(), settings.max_removed_share, False
    )
    return manifest, plan, serving, {"served": served, "refusal": refusal}


def _run(
    settings: Settings,
    summary: RunSummary,
    mode: str,
    build_dir: Path,
    progress: Progress,
    run_checks: bool,
    allow_removal: bool,
) -> RunSummary:
    from ingest.checks_worker import ChecksWorker

    manifest, plan, serving, ctx = _scan(settings, summary, mode, progress)
    if ctx["refusal"] and not allow_removal:
        raise StepError(EXIT_REFUSED, ctx["refusal"], status="refused")
    if not plan.seen and not serving:
        raise StepError(
            EXIT_INGEST,
            f"no document found in {', '.join(str(d) for d in settings.raw_dirs())}"
            + ("; " + "; ".join(manifest.line_errors.values()) if manifest.line_errors else ""),
        )
    info = read_build_info(serving) if serving else {}
    tversion = transform_version(settings)
    same_transform = info.get("transform_version") == tversion
    if mode == "refresh" and serving is not None and plan.nothing_to_do and same_transform:
        return _noop(settings, summary, progress)
    if not same_transform and serving is not None:
        progress("the dbt project changed (models, seeds or macros): every model is rebuilt")
    incremental = (
        mode == "refresh" and serving is not None and same_transform and bool(plan.carried)
    )
    worker = ChecksWorker() if run_checks else None
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        new_db = build_dir / "warehouse.duckdb"
        progress(
            f"{mode} {summary.run_id} in {build_dir} ({'incremental' if incremental else 'full'})"
        )
        touched = _ingest(settings, summary, plan, serving, new_db, incremental, manifest, progress)
        summary.stage = "transform"
        _transform(settings, summary, serving, new_db, incremental, touched, progress)
        _dbt_docs(settings, serving, build_dir, new_db, incremental, progress)
        if worker is not None:
            summary.stage = "check"
            _prepare_checks(new_db, summary.run_id, touched if incremental else None)
            summary.checks = worker.run(
                new_db,
                summary.run_id,
                build_dir / "data_docs",
                touched if incremental else None,
                progress,
            )
    finally:
        if worker is not None:
            worker.close()
    return _finish(settings, summary, build_dir, new_db, tversion, plan, progress)


def _ingest(
    settings: Settings,
    summary: RunSummary,
    plan: Plan,
    serving: Path | None,
    new_db: Path,
    incremental: bool,
    manifest: Manifest,
    progress: Progress,
) -> list[str]:
    """Land the run's raw tables in ``new_db``; returns the documents whose rows changed.

    Incremental: ``new_db`` starts as a copy of the serving warehouse; the documents are
    parsed into a side database, then their old rows are swapped for the new ones. Full: a
    fresh database, with the rows of documents kept from the serving one (a changed
    document that failed keeps its previous version) copied over.
    """
    summary.stage = "ingest"
    side = new_db.with_name("parsed.duckdb") if incremental else new_db
    prev_copy = new_db.with_name("previous.duckdb") if serving and not incremental else None
    if serving is not None:
        shutil.copyfile(serving / "warehouse.duckdb", new_db if incremental else prev_copy)
    try:
        with duckdb.connect(str(side), config=duckdb_config()) as target:
            outcomes, _ = ingest(
                target,
                settings.raw_dirs(),
                settings.manifest_path,
                summary.run_id,
                summary.started_at,
                files=plan.to_parse,
                cache_dir=settings.cache_dir,
                manifest=manifest,
            )
        summary.outcomes = outcomes
        summary.files_parsed = len(outcomes)
        loaded = [o.document_id for o in outcomes if o.status == "loaded"]
        _report_outcomes(summary, outcomes, progress)
        # a changed document that fails keeps its previous version serving
        had = set(plan.changed) | set(plan.unchanged)
        kept = [o.document_id for o in summary.failed if o.document_id in had]
        if kept:
            summary.message += f"kept previous version of {', '.join(kept)}; "
        with duckdb.connect(str(new_db), config=duckdb_config()) as con:
            create_raw_tables(con)
            ensure_audit(con)
            if incremental:
                touched = loaded + plan.removed
                delete_documents(con, touched)
                con.sql(f"attach '{side}' as parsed (read_only)")
                _append_parsed(con, "parsed")
                con.sql("detach parsed")
            else:
                touched = loaded + plan.removed  # the revision history closes the removed
                if prev_copy is not None:
                    carry = [d for d in plan.carried if d not in set(loaded)] + kept
                    con.sql(f"attach '{prev_copy}' as prev (read_only)")
                    carry_documents(con, "prev", carry, summary.run_id)
                    _copy_history(con, "prev")
                    con.sql("detach prev")
                else:
                    _restore_history(con, settings)
            _write_touched(con, touched, read_served(serving))
            summary.raw_counts = raw_counts(con)
        if plan.removed:
            summary.message += f"removed {', '.join(plan.removed)}; "
        if not loaded and not plan.carried and not kept and plan.to_parse:
            raise StepError(EXIT_INGEST, "no document could be loaded")
        if plan.carried:
            progress(f"  {len(plan.carried)} unchanged documents carried over without re-parsing")
        return touched
    finally:
        if prev_copy is not None:
            prev_copy.unlink(missing_ok=True)
        if incremental:
            side.unlink(missing_ok=True)


def _report_outcomes(summary: RunSummary, outcomes: list[DocOutcome], progress: Progress) -> None:
    for o in outcomes:
        if o.status == "loaded":
            unparsed = o.line_counts.get("unparsed", 0)
            progress(
                f"  {o.source_file}: {o.family} ({o.layout}), {o.records} records, "
                f"{unparsed} unparsed lines"
            )
            if unparsed:
                summary.warnings.append(f"{o.source_file}: {unparsed} lines not parsed")
            summary.warnings += [f"{o.source_file}: {flag}" for flag in o.flags]
        else:
            progress(f"  {o.source_file}: FAILED, quarantined: {o.error}")
            summary.message += f"quarantined {o.source_file}: {o.error}; "


def _transform(
    settings: Settings,
    summary: RunSummary,
    serving: Path | None,
    new_db: Path,
    incremental: bool,
    touched: list[str],
    progress: Progress,
) -> None:
    """dbt build. A data test that fails on the rows of some documents (keys repeated, a
    reference lost in a shuffled export) quarantines those documents, keeps their previous
    version when there is one, and builds again: one document never blocks the others."""
    full = not incremental
    for attempt in range(3):
        try:
            run_dbt(
                new_db,
                settings,
                progress,
                full_refresh=full,
                touched=len(touched),
                run_at=summary.started_at.isoformat(sep=" "),
            )
            return
        except DbtFailed as exc:
            culprits = {} if attempt == 2 else culprit_documents(new_db, exc.failures)
            loaded = {o.document_id for o in summary.outcomes if o.status == "loaded"}
            blamed = {d: why for d, why in culprits.items() if d in loaded}
            if not blamed:
                raise StepError(EXIT_DBT, f"dbt build failed: {exc}") from exc
            _quarantine_after_dbt(settings, summary, serving, new_db, blamed, progress)
            full = True


def _dbt_docs(
    settings: Settings,
    serving: Path | None,
    build_dir: Path,
    new_db: Path,
    incremental: bool,
    progress: Progress,
) -> None:
    """dbt's documentation site (one static page) for the dashboard's Documentazione page:
    generated by a full build; an incremental refresh, whose models are the same, keeps the
    serving build's."""
    target = build_dir / "dbt_docs"
    previous = serving / "dbt_docs" / "static_index.html" if serving else None
    if incremental and previous is not None and previous.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(previous, target / "static_index.html")
        return
    try:
        generate_docs(new_db, settings, target, progress)
    except DbtFailed as exc:  # the docs are a help, not a figure: say it and go on
        progress(f"warning: dbt docs not generated: {exc}")


def culprit_documents(db: Path, failures: list) -> dict[str, str]:
    """{document_id: failing test} for the rows that make data tests fail: the rows each
    failing test returns name their document (a document_id column, or ids that start with
    it)."""
    with duckdb.connect(str(db), config=duckdb_config()) as con:
        known = {r[0] for r in con.sql("select document_id from raw.documents").fetchall()}
        found: dict[str, str] = {}
        for r in failures:
            sql = getattr(r.node, "compiled_code", None)
            if getattr(r.node, "resource_type", None) != "test" or not sql:
                continue
            try:
                rel = con.sql(f"select * from ({sql}) limit 1000")
                cols, rows = rel.columns, rel.fetchall()
            except duckdb.Error:
                continue
            for row in rows:
                for col, value in zip(cols, row, strict=True):
                    if not isinstance(value, str):
                        continue
                    doc = value if col == "document_id" else value.split(":", 1)[0]
                    if doc in known:
                        found.setdefault(doc, r.node.name)
        return found


def _quarantine_after_dbt(
    settings: Settings,
    summary: RunSummary,
    serving: Path | None,
    new_db: Path,
    blamed: dict[str, str],
    progress: Progress,
) -> None:
    ids = sorted(blamed)
    served = read_served(serving)
    keep = [d for d in ids if d in served]
    with duckdb.connect(str(new_db), config=duckdb_config()) as con:
        delete_documents(con, ids)
        if keep and serving is not None:
            copy = new_db.with_name("previous.duckdb")
            shutil.copyfile(serving / "warehouse.duckdb", copy)
            try:
                con.sql(f"attach '{copy}' as prev (read_only)")
                carry_documents(con, "prev", keep, summary.run_id)
                con.sql("detach prev")
            finally:
                copy.unlink(missing_ok=True)
        _write_touched(con, [])
    for o in summary.outcomes:
        if o.document_id in blamed and o.status == "loaded":
            o.status = "failed"
            o.error = (
                f"{o.source_file}: its rows fail the warehouse test {blamed[o.document_id]} "
                "(keys repeated or references lost: lines out of order or printed twice?)"
            )
            progress(f"  {o.source_file}: FAILED after dbt, quarantined: {o.error}")
            summary.message += f"quarantined {o.source_file}: {o.error}; "
    if keep:
        summary.message += f"kept previous version of {', '.join(keep)}; "


def _append_parsed(con: duckdb.DuckDBPyConnection, db: str) -> None:
    """Append every raw and audit table of the side database ``db`` by column name."""
    me = con.sql("select current_database()").fetchall()[0][0]
    for schema, table in con.sql(
        "select schema_name, table_name from duckdb_tables() where database_name = ?",
        params=[db],
    ).fetchall():
        if schema not in ("raw", "audit"):
            continue
        mine = set(table_columns(con, me, schema, table))
        cols = [c for c in table_columns(con, db, schema, table) if c in mine]
        quoted = ", ".join(f'"{c}"' for c in cols)
        con.sql(
            f"insert into {schema}.{table} ({quoted}) select {quoted} from {db}.{schema}.{table}"
        )


def _write_touched(
    con: duckdb.DuckDBPyConnection, touched: list[str], served: dict | None = None
) -> None:
    """raw.touched_documents: each touched document with its ente now (raw.documents) and,
    when it was served, its ente before (a removed document, an ente corrected)."""
    con.sql(
        "create or replace table raw.touched_documents (document_id varchar, ente_id varchar)"
    )
    if not touched:
        return
    con.sql(
        "insert into raw.touched_documents select document_id, ente_id from raw.documents "
        "where list_contains(?, document_id)",
        params=[touched],
    )
    before = [(d, served[d].ente_id) for d in touched if served and d in served]
    if before:
        con.executemany("insert into raw.touched_documents values (?, ?)", before)


def _copy_history(con: duckdb.DuckDBPyConnection, prev: str) -> None:
    """The revision history of the warehouse being replaced, into the new one."""
    con.sql("create schema if not exists history")
    for (table,) in con.sql(
        "select table_name from duckdb_tables() "
        "where database_name = ? and schema_name = 'history'",
        params=[prev],
    ).fetchall():
        con.sql(f"create or replace table history.{table} as select * from {prev}.history.{table}")


def _restore_history(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """No warehouse serving (first build, or the file was lost): the revision history comes
    back from the state store."""
    if not settings.state_path.exists():
        return
    con.sql(f"attach '{settings.state_path}' as state (read_only)")
    try:
        _copy_history(con, "state")
    finally:
        con.sql("detach state")


def _prepare_checks(db: Path, run_id: str, touched: list[str] | None) -> None:
    """audit.dq_results holds the current verdict of every subject: before an incremental
    validation, drop the verdicts it replaces and stamp the kept ones with this run (their
    ``validated_run_id`` stays the run that validated them)."""
    with duckdb.connect(str(db), config=duckdb_config()) as con:
        ensure_audit(con)
        if touched is None:
            con.sql("delete from audit.dq_results")
            return
        con.sql(
            "delete from audit.dq_results where document_id is null "
            "or list_contains(?, document_id)",
            params=[touched],
        )
        con.sql(
            "update audit.dq_results set validated_run_id = coalesce(validated_run_id, run_id), "
            "run_id = ?",
            params=[run_id],
        )


def _finish(
    settings: Settings,
    summary: RunSummary,
    build_dir: Path,
    new_db: Path,
    tversion: str,
    plan: Plan,
    progress: Progress,
) -> RunSummary:
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
        _publish_runs(settings, state)


def _fault(point: str) -> None:
    """Test hook: PLANS_FAULT=<point> kills the run at that instant (as a power cut would),
    or, for ``enospc_*`` points, fails it as a full disk would."""
    if os.environ.get("PLANS_FAULT") != point:
        return
    if point.startswith("enospc"):
        raise OSError(errno.ENOSPC, "No space left on device (PLANS_FAULT)")
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _noop(settings: Settings, summary: RunSummary, progress: Progress) -> RunSummary:
    """Nothing new, changed or removed: record the run; the serving build stays as it is
    (only its run history file is replaced, atomically)."""
    summary.status = "noop"
    summary.stage = "done"
    summary.message = "nothing new or changed"
    summary.finished_at = dt.datetime.now()
    ensure_user_links(settings)  # a deleted link to the serving build comes back
    with st.open_state(settings.state_path) as state:
        st.record_run(state, summary.record())
        _publish_runs(settings, state)
    progress("done: nothing new or changed; run recorded")
    return summary


# --- steps used by the command line on an existing warehouse -----------------------------


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


def step_ingest(
    con: duckdb.DuckDBPyConnection, settings: Settings, summary: RunSummary, progress: Progress
) -> None:
    """Parse every document into ``con`` (``plans ingest``: raw tables only)."""
    manifest = read_manifest(settings.manifest_path)
    outcomes, counts = ingest(
        con,
        settings.raw_dirs(),
        settings.manifest_path,
        summary.run_id,
        summary.started_at,
        cache_dir=settings.cache_dir,
        manifest=manifest,
    )
    summary.outcomes = outcomes
    summary.raw_counts = counts
    summary.files_seen = summary.files_parsed = len(outcomes)
    for o in outcomes:
        state = "loaded" if o.status == "loaded" else f"FAILED, quarantined: {o.error}"
        progress(f"  {o.source_file}: {state}")
    problems = list(manifest.line_errors.values())
    if not any(o.status == "loaded" for o in outcomes):
        raise StepError(
            EXIT_INGEST,
            "no document could be loaded" + ("; " + "; ".join(problems) if problems else ""),
        )


def step_transform(db_path: Path, settings: Settings, progress: Progress) -> None:
    try:
        run_dbt(db_path, settings, progress, full_refresh=True)
    except DbtFailed as exc:
        raise StepError(EXIT_DBT, f"dbt build failed: {exc}") from exc


def step_check(
    db_path: Path, settings: Settings, run_id: str, data_docs_dir: Path, progress: Progress
) -> dict[str, int | str]:
    progress("check: Great Expectations suites")
    from expectations.run_checks import run_checks

    return run_checks(db_path, run_id, data_docs_dir, progress)
