"""What the pipeline keeps outside any warehouse build: the run history (every run, failed,
refused and no-op ones included), the load errors, the documents that failed (so an
unchanged failing document is not retried every month), a cache of file hashes, and a mirror
of the revision history. Losing ``data/warehouse.duckdb`` loses none of it.

One DuckDB file (``PLANS_STATE_DIR``, default ``data/state/state.duckdb``), written only by
the run holding the pipeline lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from ingest.warehouse import AUDIT_DDL, ensure_audit

STATE_DDL = {
    "failures": """
        document_id VARCHAR, source_file VARCHAR, sha256 VARCHAR, parser_version VARCHAR,
        manifest_fingerprint VARCHAR, run_id VARCHAR, error VARCHAR""",
    "file_hashes": "path VARCHAR, size BIGINT, mtime_ns BIGINT, sha256 VARCHAR",
}
RUN_COLUMNS = [c.split()[0] for c in AUDIT_DDL["load_runs"].split(",")]


@contextlib.contextmanager
def open_state(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        ensure_audit(con)
        for name, ddl in STATE_DDL.items():
            con.sql(f"create table if not exists main.{name} ({ddl})")
        yield con
    finally:
        con.close()


def record_run(con: duckdb.DuckDBPyConnection, run: dict[str, Any]) -> None:
    """Insert or replace the run's row in audit.load_runs."""
    con.sql("delete from audit.load_runs where run_id = ?", params=[run["run_id"]])
    cols = [c for c in RUN_COLUMNS if c in run]
    con.sql(
        f"insert into audit.load_runs ({', '.join(cols)}) values ({', '.join('?' * len(cols))})",
        params=[run[c] for c in cols],
    )


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Runs recorded as running when a new run holds the lock were killed: say so."""
    rows = con.sql(
        "select run_id, coalesce(stage, '?') from audit.load_runs where status = 'running'"
    ).fetchall()
    for run_id, stage in rows:
        con.sql(
            "update audit.load_runs set status = 'interrupted', message = ? where run_id = ?",
            params=[
                f"interrupted during stage {stage} (process killed or machine stopped); "
                "the previous warehouse kept serving",
                run_id,
            ],
        )
    return [r[0] for r in rows]


def append_errors(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    from ingest.warehouse import append_rows

    append_rows(con, "audit.load_errors", rows)


def failures(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str, str, str]]:
    """{document_id: (sha256, parser_version, manifest_fingerprint, run_id, error)}"""
    rows = con.sql(
        "select document_id, sha256, parser_version, manifest_fingerprint, run_id, error "
        "from main.failures"
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def set_failures(
    con: duckdb.DuckDBPyConnection, failed: list[dict[str, Any]], cleared: list[str]
) -> None:
    """Remember this run's failed documents; forget documents that loaded or left."""
    gone = [f["document_id"] for f in failed] + list(cleared)
    if gone:
        con.sql("delete from main.failures where list_contains(?, document_id)", params=[gone])
    for f in failed:
        con.sql(
            "insert into main.failures values (?, ?, ?, ?, ?, ?, ?)",
            params=[
                f["document_id"],
                f["source_file"],
                f["sha256"],
                f["parser_version"],
                f["manifest_fingerprint"],
                f["run_id"],
                f["error"],
            ],
        )


class HashCache:
    """sha256 of files, recomputed only when a file's size or modification time changed."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.known = {
            r[0]: (r[1], r[2], r[3])
            for r in con.sql("select path, size, mtime_ns, sha256 from main.file_hashes").fetchall()
        }
        self.updated: dict[str, tuple[int, int, str]] = {}

    def sha256(self, path: Path) -> str:
        if path.is_dir():  # a template as a folder of CSV files: its files, every time
            from ingest.tabular.inputs import sha256

            return sha256(path)
        st = path.stat()
        key = str(path.resolve())
        hit = self.known.get(key)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        digest = h.hexdigest()
        self.updated[key] = (st.st_size, st.st_mtime_ns, digest)
        return digest

    def save(self) -> None:
        if not self.updated:
            return
        keys = list(self.updated)
        self.con.sql("delete from main.file_hashes where list_contains(?, path)", params=[keys])
        self.con.executemany(
            "insert into main.file_hashes values (?, ?, ?, ?)",
            [(k, *v) for k, v in self.updated.items()],
        )
        self.updated.clear()


def save_history(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """Mirror the warehouse's revision history (schema ``history``) into the state store."""
    con.sql(f"attach '{warehouse}' as wh (read_only)")
    try:
        con.sql("create schema if not exists history")
        for (table,) in con.sql(
            "select table_name from duckdb_tables() where database_name = 'wh' "
            "and schema_name = 'history'"
        ).fetchall():
            con.sql(f"create or replace table history.{table} as select * from wh.history.{table}")
    finally:
        con.sql("detach wh")


def now() -> dt.datetime:
    return dt.datetime.now()
