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

The steps live in their own modules: ingest/ingest_step.py (parse and land),
ingest/transform_step.py (dbt, with quarantine of the documents that fail its tests),
ingest/export_step.py (export, switch, state store); ingest/runs.py holds what they share.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from ingest import state as st
from ingest.export_step import AUDIT_EXPORTS, finish, mart_tables, publish_runs, step_export
from ingest.ingest_step import run_ingest, step_ingest
from ingest.load import discover, error_rows, parser_version
from ingest.manifest import Manifest, ManifestError, read_manifest
from ingest.plan import Plan, plan_run, read_served, removal_refusal
from ingest.publish import ensure_user_links, read_build_info, serving_build
from ingest.runs import (
    EXIT_CHECKS,
    EXIT_DBT,
    EXIT_DISK_FULL,
    EXIT_INGEST,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REFUSED,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    LockedError,
    Progress,
    RunSummary,
    StepError,
    new_run_id,
)
from ingest.settings import Settings, duckdb_config
from ingest.transform import transform_version
from ingest.transform_step import culprit_documents, dbt_docs, run_transform, step_transform
from ingest.warehouse import ensure_audit

# the public names of a run, importable from here as before the steps had their own modules
__all__ = [
    "AUDIT_EXPORTS",
    "EXIT_CHECKS",
    "EXIT_DBT",
    "EXIT_DISK_FULL",
    "EXIT_INGEST",
    "EXIT_LOCKED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_REFUSED",
    "EXIT_UNEXPECTED",
    "EXIT_USAGE",
    "LockedError",
    "Progress",
    "RunSummary",
    "StepError",
    "build",
    "culprit_documents",
    "mart_tables",
    "new_run_id",
    "pipeline_lock",
    "refresh",
    "run",
    "step_check",
    "step_export",
    "step_ingest",
    "step_transform",
]


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
        publish_runs(settings, state)
    progress(f"run {summary.run_id}: {summary.status}: {summary.message}")


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
        touched = run_ingest(
            settings, summary, plan, serving, new_db, incremental, manifest, progress
        )
        summary.stage = "transform"
        run_transform(settings, summary, serving, new_db, incremental, touched, progress)
        dbt_docs(settings, serving, build_dir, new_db, incremental, progress)
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
    return finish(settings, summary, build_dir, new_db, tversion, plan, progress)


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
        publish_runs(settings, state)
    progress("done: nothing new or changed; run recorded")
    return summary


# --- steps used by the command line on an existing warehouse -----------------------------
# (step_ingest, step_transform and step_export live with the step they run)


def step_check(
    db_path: Path, settings: Settings, run_id: str, data_docs_dir: Path, progress: Progress
) -> dict[str, int | str]:
    progress("check: Great Expectations suites")
    from expectations.run_checks import run_checks

    return run_checks(db_path, run_id, data_docs_dir, progress)
