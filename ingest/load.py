"""Ingest a batch: read the manifest, parse the documents (in parallel over the cores), and
land them in bounded batches, so memory does not grow with the corpus.

One bad document never stops the batch: its error (file and line) goes to
``audit.load_errors`` and every other document still loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from ingest.dispatch import DocOutcome, parse_one
from ingest.frames import ValueOutOfRange
from ingest.landing import DocumentFrames, DuplicateKey, quarantine_on_landing_defect, to_frames
from ingest.manifest import Manifest, read_manifest
from ingest.warehouse import (
    append_batch,
    append_rows,
    create_raw_tables,
    ensure_audit,
    raw_counts,
)

# orchestration code whose changes do not change what a document parses into
_NOT_PARSING = {
    "cli.py",
    "pipeline.py",
    "runs.py",
    "ingest_step.py",
    "transform_step.py",
    "export_step.py",
    "settings.py",
    "load.py",
    "staging.py",
    "state.py",
}


def parser_version() -> str:
    """A fingerprint of the parsing code: documents parsed by other code are re-parsed."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        if path.name in _NOT_PARSING and path.parent == root:
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    from ingest.tabular.profiles import iter_profile_files

    for path in iter_profile_files():  # a changed profile re-reads its exports
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def discover(raw_dirs: list[Path]) -> list[Path]:
    """The documents of the raw folders, sorted by name: text exports, PDF files, workbooks,
    CSV files and template CSV folders (the manifest is not one)."""
    from ingest.sources import is_document
    from ingest.tabular.inputs import is_tabular

    files: list[Path] = []
    for d in raw_dirs:
        if d.exists():
            files.extend(p for p in sorted(d.iterdir()) if is_document(p) or is_tabular(p))
    return files


@dataclass
class Prepared:
    outcome: DocOutcome
    frames: DocumentFrames | None


def prepare(
    path: Path,
    manifest: Manifest,
    run_id: str,
    loaded_at: dt.datetime,
    version: str,
    cache_dir: Path | None = None,
    keep_result: bool = False,
) -> Prepared:
    """Parse one document and build the frames it lands (in a worker process)."""
    outcome = parse_one(path, manifest, cache_dir)
    frames = None
    if outcome.status == "loaded":
        try:
            frames = to_frames(outcome, run_id, loaded_at, version)
        except (ValueOutOfRange, DuplicateKey) as exc:
            outcome = quarantine_on_landing_defect(outcome, exc)
    if outcome.result is not None:
        outcome.records = sum(len(v) for v in outcome.tables.values())
        outcome.line_counts = outcome.result.ledger.counts()
        outcome.layout = outcome.result.layout
    if not keep_result:
        outcome.result = None
        outcome.tables = {}
    return Prepared(outcome, frames)


def worker_count(n_files: int) -> int:
    configured = int(os.environ.get("PLANS_WORKERS", "0") or 0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = configured or (cores or 1)
    # a pool costs more than it saves on a handful of documents
    return 1 if n_files < 8 else max(1, min(workers, n_files))


def prepare_all(
    paths: list[Path],
    manifest: Manifest,
    run_id: str,
    loaded_at: dt.datetime,
    cache_dir: Path | None = None,
    keep_result: bool = False,
) -> Iterator[Prepared]:
    """Prepared documents in file order, parsed over the cores when there are many."""
    fn = partial(
        prepare,
        manifest=manifest,
        run_id=run_id,
        loaded_at=loaded_at,
        version=parser_version(),
        cache_dir=cache_dir,
        keep_result=keep_result,
    )
    workers = worker_count(len(paths))
    if workers == 1:
        yield from map(fn, paths)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(fn, paths, chunksize=4)


def error_rows(o: DocOutcome, run_id: str) -> list[dict]:
    """audit.load_errors rows of a quarantined document: one per problem when the reader
    listed them (a spreadsheet's cells), else one."""
    base = {
        "run_id": run_id,
        "source_file": o.source_file,
        "document_id": o.document_id,
        "sha256": o.sha256,
        "severity": "error",
    }
    if not o.problems:
        return [{**base, "line_no": o.error_line, "error": o.error}]
    return [
        {
            **base,
            "line_no": p.get("line"),
            "error": p.get("message") or p.get("reason") or o.error,
            "sheet": p.get("sheet"),
            "row_no": p.get("row"),
            "column_name": p.get("column"),
        }
        for p in o.problems
    ]


def ingest(
    con: duckdb.DuckDBPyConnection,
    raw_dirs: list[Path],
    manifest_path: Path,
    run_id: str,
    loaded_at: dt.datetime | None = None,
    files: list[Path] | None = None,
    cache_dir: Path | None = None,
    batch_size: int = 100,
    manifest: Manifest | None = None,
    keep_result: bool = False,
) -> tuple[list[DocOutcome], dict[str, int]]:
    """Parse the documents (``files``, default every document of ``raw_dirs``) and append
    them to the raw tables of ``con`` in batches of ``batch_size`` documents."""
    manifest = manifest if manifest is not None else read_manifest(manifest_path)
    paths = discover(raw_dirs) if files is None else files
    create_raw_tables(con)
    ensure_audit(con)
    outcomes: list[DocOutcome] = []
    batch: list[DocumentFrames] = []

    def flush() -> None:
        append_batch(con, (f.tables for f in batch))
        append_rows(con, "audit.document_coverage", [f.coverage for f in batch])
        append_rows(con, "audit.unparsed_lines", [r for f in batch for r in f.unparsed])
        batch.clear()

    when = loaded_at or dt.datetime.now()
    for prepared in prepare_all(paths, manifest, run_id, when, cache_dir, keep_result):
        outcomes.append(prepared.outcome)
        if prepared.frames is not None:
            batch.append(prepared.frames)
            if len(batch) >= batch_size:
                flush()
    flush()
    append_rows(
        con,
        "audit.load_errors",
        [r for o in outcomes if o.status == "failed" for r in error_rows(o, run_id)],
    )
    return outcomes, raw_counts(con)
