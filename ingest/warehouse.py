"""The one writer of the ``raw`` and ``audit`` schemas of a warehouse file.

Raw tables are created from their declarations (every declared table exists, empty when no
document of its layout loaded), then documents are appended in batches, deleted by id, or
carried over from another (attached) warehouse. Audit tables only grow, except
``audit.unparsed_lines`` which holds the current state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb
import polars as pl

from ingest.registry import raw_tables

AUDIT_DDL = {
    "load_runs": """
        run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
        trigger VARCHAR, files_seen INTEGER, files_new INTEGER, files_changed INTEGER,
        files_failed INTEGER, files_unchanged INTEGER, files_removed INTEGER,
        files_parsed INTEGER, raw_rows BIGINT, mart_rows VARCHAR, checks_run INTEGER,
        checks_failed_error INTEGER, checks_failed_warning INTEGER, message VARCHAR,
        warnings VARCHAR, stage VARCHAR""",
    "document_coverage": """
        run_id VARCHAR, document_id VARCHAR, source_file VARCHAR, family VARCHAR,
        lines_total INTEGER, lines_blank INTEGER, lines_mapped INTEGER,
        lines_boilerplate INTEGER, lines_unparsed INTEGER, coverage_pct DOUBLE""",
    "unparsed_lines": """
        run_id VARCHAR, document_id VARCHAR, source_line INTEGER, text VARCHAR,
        reason VARCHAR""",
    "load_errors": """
        run_id VARCHAR, source_file VARCHAR, document_id VARCHAR, sha256 VARCHAR,
        line_no INTEGER, error VARCHAR, sheet VARCHAR, row_no INTEGER, column_name VARCHAR,
        severity VARCHAR""",
    "dq_results": """
        run_id VARCHAR, suite VARCHAR, check_name VARCHAR, severity VARCHAR,
        document_id VARCHAR, subject_key VARCHAR, observed VARCHAR, expected VARCHAR,
        passed BOOLEAN, difference DOUBLE, tolerance DOUBLE, description VARCHAR,
        checked_at TIMESTAMP, validated_run_id VARCHAR""",
}
AUDIT_HISTORY = ("load_runs", "document_coverage", "dq_results", "load_errors")


def ensure_audit(con: duckdb.DuckDBPyConnection) -> None:
    con.sql("create schema if not exists audit")
    for name, ddl in AUDIT_DDL.items():
        con.sql(f"create table if not exists audit.{name} ({ddl})")
        # columns added since a table was created (a warehouse of an earlier version)
        have = set(table_columns(con, _current(con), "audit", name))
        for col in ddl.split(","):
            col_name, col_type = col.split()[:2]
            if col_name not in have:
                con.sql(f'alter table audit.{name} add column "{col_name}" {col_type}')


def _current(con: duckdb.DuckDBPyConnection) -> str:
    return con.sql("select current_database()").fetchall()[0][0]


def table_columns(
    con: duckdb.DuckDBPyConnection, database: str, schema: str, table: str
) -> list[str]:
    return [
        r[0]
        for r in con.sql(
            "select column_name from duckdb_columns() where database_name = ? "
            "and schema_name = ? and table_name = ? order by column_index",
            params=[database, schema, table],
        ).fetchall()
    ]


def _sql_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Decimal):
        return f"DECIMAL({dtype.precision}, {dtype.scale})"
    return {
        pl.Utf8: "VARCHAR",
        pl.Int64: "BIGINT",
        pl.Boolean: "BOOLEAN",
        pl.Float64: "DOUBLE",
    }.get(dtype, "TIMESTAMP" if isinstance(dtype, pl.Datetime) else "VARCHAR")


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every declared raw table, empty, with its declared columns (if not there yet)."""
    con.sql("create schema if not exists raw")
    for name, spec in raw_tables().items():
        cols = ", ".join(f'"{c}" {_sql_type(t)}' for c, t in spec.polars_schema().items())
        con.sql(f"create table if not exists raw.{name} ({cols})")


def append(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame to ``table`` by column name, adding columns the table lacks."""
    if frame.height == 0:
        return
    schema, name = table.split(".")
    have = set(table_columns(con, _current(con), schema, name))
    if not have:
        con.register("_frame", frame.head(0))
        try:
            con.sql(f"create table {table} as select * from _frame")
        finally:
            con.unregister("_frame")
        have = set(frame.columns)
    for col, dtype in frame.schema.items():
        if col not in have:
            con.sql(f'alter table {table} add column "{col}" {_sql_type(dtype)}')
    con.register("_frame", frame)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.sql(f"insert into {table} ({cols}) select {cols} from _frame")
    finally:
        con.unregister("_frame")


def append_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        append(con, table, pl.DataFrame(rows, infer_schema_length=None))


def append_batch(con: duckdb.DuckDBPyConnection, frames: Iterable[dict[str, pl.DataFrame]]) -> int:
    """Append the frames of several documents, one insert per table. Returns rows written."""
    by_table: dict[str, list[pl.DataFrame]] = {}
    for doc in frames:
        for table, frame in doc.items():
            if frame.height:
                by_table.setdefault(table, []).append(frame)
    written = 0
    for table, parts in by_table.items():
        frame = pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]
        append(con, f"raw.{table}", frame)
        written += frame.height
    return written


def raw_table_names(con: duckdb.DuckDBPyConnection, database: str | None = None) -> list[str]:
    db = database or _current(con)
    return [
        r[0]
        for r in con.sql(
            "select table_name from duckdb_tables() where database_name = ? "
            "and schema_name = 'raw' order by table_name",
            params=[db],
        ).fetchall()
    ]


def delete_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> None:
    """Remove every raw row and the current unparsed lines of these documents."""
    if not document_ids:
        return
    for table in raw_table_names(con):
        con.sql(
            f"delete from raw.{table} where list_contains(?, document_id)", params=[document_ids]
        )
    con.sql(
        "delete from audit.unparsed_lines where list_contains(?, document_id)",
        params=[document_ids],
    )


def carry_documents(
    con: duckdb.DuckDBPyConnection, prev: str, document_ids: list[str], run_id: str
) -> None:
    """Copy the raw rows, line statuses, unparsed lines and latest coverage of documents from
    the attached warehouse ``prev`` (columns by name; a column the new code added is null)."""
    if not document_ids:
        return
    me = _current(con)
    ids = list(document_ids)
    for table in raw_table_names(con, prev):
        mine = table_columns(con, me, "raw", table)
        if not mine:
            continue  # a table this code no longer produces
        theirs = set(table_columns(con, prev, "raw", table))
        shared = ", ".join(f'"{c}"' for c in mine if c in theirs)
        con.sql(
            f"insert into raw.{table} ({shared}) select {shared} from {prev}.raw.{table} "
            "where list_contains(?, document_id)",
            params=[ids],
        )
    con.sql(
        f"insert into audit.unparsed_lines select ? as run_id, document_id, source_line, text, "
        f"reason from {prev}.audit.unparsed_lines where list_contains(?, document_id)",
        params=[run_id, ids],
    )
    cov_cols = [c for c in table_columns(con, me, "audit", "document_coverage") if c != "run_id"]
    theirs = set(table_columns(con, prev, "audit", "document_coverage"))
    cols = ", ".join(c for c in cov_cols if c in theirs)
    con.sql(
        f"insert into audit.document_coverage (run_id, {cols}) select ?, {cols} from ("
        f"select * from {prev}.audit.document_coverage where list_contains(?, document_id) "
        "qualify row_number() over (partition by document_id order by run_id desc) = 1)",
        params=[run_id, ids],
    )


def raw_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        t: con.sql(f"select count(*) from raw.{t}").fetchall()[0][0] for t in raw_table_names(con)
    }
