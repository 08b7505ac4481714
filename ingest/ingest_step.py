"""The ingest step of a run: parse the planned documents and land the run's raw tables,
carrying over the unchanged documents and the revision history (or restoring it from the
state store); ``step_ingest`` parses everything into a given warehouse (``plans ingest``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from ingest.dispatch import DocOutcome
from ingest.load import ingest
from ingest.manifest import Manifest, read_manifest
from ingest.plan import Plan, read_served
from ingest.runs import EXIT_INGEST, Progress, RunSummary, StepError
from ingest.settings import Settings, duckdb_config
from ingest.warehouse import (
    carry_documents,
    create_raw_tables,
    delete_documents,
    ensure_audit,
    raw_counts,
    table_columns,
)


def run_ingest(
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
            write_touched(con, touched, read_served(serving))
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


def write_touched(
    con: duckdb.DuckDBPyConnection, touched: list[str], served: dict | None = None
) -> None:
    """raw.touched_documents: each touched document with its ente now (raw.documents) and,
    when it was served, its ente before (a removed document, an ente corrected)."""
    con.sql("create or replace table raw.touched_documents (document_id varchar, ente_id varchar)")
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
