"""Parse raw documents and land them in DuckDB (schema ``raw``) through polars.

One bad document never stops the batch: its error (file and line) is recorded in
``audit.load_errors`` and every other document still loads.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from ingest.common import ParseError, ParseResult
from ingest.detect import detect_family
from ingest.names import normalise_person
from ingest.schema import (
    ACTUAL_COLUMNS,
    PERSON_COLUMNS,
    RAW_TABLES,
    TARGET_COLUMNS,
    full_schema,
)
from ingest.sources import is_document, read_document
from ingest.targets import actual_value, normalise_target

PARSER_MODULES = {
    "peg": "ingest.peg",
    "asc_schede": "ingest.asc_schede",
    "piao": "ingest.piao",
    "stato_attuazione": "ingest.stato_attuazione",
}
ENTE_TYPES = {"Comune", "Unione", "ASC", "ASP", "Consorzio", "Altro"}
MANIFEST_COLUMNS = (
    "file",
    "ente_id",
    "ente_name",
    "ente_type",
    "region",
    "province",
    "doc_type",
    "period_start_year",
    "period_end_year",
)


def parser_version() -> str:
    """A fingerprint of the parsing code: documents parsed by other code are re-parsed."""
    h = hashlib.sha256()
    orchestration = {"cli.py", "pipeline.py", "settings.py", "__init__.py"}
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name in orchestration:
            continue
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    ente_id: str
    ente_name: str
    ente_type: str
    region: str
    province: str
    doc_type: str
    period_start_year: int | None
    period_end_year: int | None
    period_note: str | None = None


class ManifestError(Exception):
    pass


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """manifest.csv -> {file name: entry}; errors name the file and line."""
    if not path.exists():
        return {}
    entries: dict[str, ManifestEntry] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(f"{path.name}:1: missing columns {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if row["ente_type"] not in ENTE_TYPES:
                raise ManifestError(
                    f"{path.name}:{line}: ente_type {row['ente_type']!r} is not one of "
                    f"{', '.join(sorted(ENTE_TYPES))}"
                )

            def year(v: str | None, col: str, line: int = line) -> int | None:
                if not v:
                    return None
                if not v.isdigit():
                    raise ManifestError(f"{path.name}:{line}: {col} {v!r} is not a year")
                return int(v)

            entries[row["file"]] = ManifestEntry(
                file=row["file"],
                ente_id=row["ente_id"],
                ente_name=row["ente_name"],
                ente_type=row["ente_type"],
                region=row["region"],
                province=row["province"],
                doc_type=row["doc_type"],
                period_start_year=year(row["period_start_year"], "period_start_year"),
                period_end_year=year(row["period_end_year"], "period_end_year"),
                period_note=row.get("period_note") or None,
            )
    return entries


@dataclass
class DocOutcome:
    path: Path
    document_id: str
    sha256: str | None
    status: str  # loaded | failed
    family: str | None = None
    error: str | None = None
    error_line: int | None = None
    result: ParseResult | None = None
    manifest: ManifestEntry | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def source_file(self) -> str:
        return self.path.name


def parser_for(family: str):  # noqa: ANN201 - returns a module
    return importlib.import_module(PARSER_MODULES[family])


def enrich(result: ParseResult) -> dict[str, list[dict[str, Any]]]:
    """Add the centrally normalised columns (targets, results, people) to a parse's tables."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, rows in result.tables.items():
        new_rows = []
        for row in rows:
            r = dict(row)
            if table in TARGET_COLUMNS:
                year = r.get("year") if isinstance(r.get("year"), int) else None
                r.update(normalise_target(r.get(TARGET_COLUMNS[table]), year).as_dict())
            if table in ACTUAL_COLUMNS:
                r["actual_value"] = actual_value(r.get(ACTUAL_COLUMNS[table]))
            if table in PERSON_COLUMNS:
                col, prefix = PERSON_COLUMNS[table]
                raw = r.get(col)
                p = normalise_person(raw) if raw else None
                r[f"{prefix}_name"] = p.name if p else None
                r[f"{prefix}_title"] = p.title if p else None
                r[f"{prefix}_role"] = p.role if p else None
            new_rows.append(r)
        out[table] = new_rows
    return out


def parse_one(
    path: Path, manifest: dict[str, ManifestEntry], cache_dir: Path | None = None
) -> DocOutcome:
    """Parse one file; any failure becomes a 'failed' outcome naming the file and line."""
    document_id = path.stem
    try:
        doc = read_document(path, cache_dir)
    except ParseError as exc:
        return DocOutcome(path, document_id, None, "failed", error=str(exc), error_line=exc.line_no)
    entry = manifest.get(path.name)
    if entry is None:
        return DocOutcome(
            path,
            document_id,
            doc.sha256,
            "failed",
            error=f"{path.name}: not described in data/raw/manifest.csv (ente, type, period)",
        )
    try:
        family = detect_family(doc)
        result = parser_for(family).parse(doc)
        result.ledger.finalize()
    except ParseError as exc:
        return DocOutcome(
            path,
            document_id,
            doc.sha256,
            "failed",
            error=str(exc),
            error_line=exc.line_no,
            manifest=entry,
        )
    except Exception as exc:  # a parser bug must not stop the batch either
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return DocOutcome(
            path,
            document_id,
            doc.sha256,
            "failed",
            error=f"{path.name}: parser error {type(exc).__name__}: {exc} "
            f"(at {Path(tb.filename).name}:{tb.lineno})",
            manifest=entry,
        )
    return DocOutcome(
        path,
        document_id,
        doc.sha256,
        "loaded",
        family=family,
        result=result,
        manifest=entry,
        tables=enrich(result),
    )


def discover(raw_dirs: list[Path]) -> list[Path]:
    """The document files of the raw folders (text exports and PDFs), sorted by name."""
    files: list[Path] = []
    for d in raw_dirs:
        if d.exists():
            files.extend(p for p in sorted(d.iterdir()) if is_document(p))
    return files


# --- polars frames ----------------------------------------------------------------------


def _infer_dtype(values: list[Any]) -> pl.DataType:
    present = [v for v in values if v is not None]
    if not present:
        return pl.Utf8
    if all(isinstance(v, bool) for v in present):
        return pl.Boolean
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pl.Int64
    if all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in present):
        return pl.Decimal(18, 4)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pl.Float64
    return pl.Utf8


def _coerce(value: Any, dtype: pl.DataType) -> Any:
    if value is None:
        return None
    if dtype == pl.Utf8 and not isinstance(value, str):
        return str(value)
    if isinstance(dtype, pl.Decimal) and not isinstance(value, Decimal):
        return Decimal(str(value))
    if dtype == pl.Float64 and isinstance(value, Decimal):
        return float(value)
    return value


def to_frame(table: str | None, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows -> polars frame with the declared schema (extra columns inferred, appended)."""
    schema: dict[str, pl.DataType] = full_schema(table) if table in RAW_TABLES else {}
    extra: list[str] = []
    for row in rows:
        for k in row:
            if k not in schema and k not in extra:
                extra.append(k)
    for k in extra:
        schema[k] = _infer_dtype([r.get(k) for r in rows])
    data = {
        col: pl.Series(col, [_coerce(r.get(col), dt_) for r in rows], dtype=dt_)
        for col, dt_ in schema.items()
    }
    return pl.DataFrame(data)


def _frame_from_records(records: list[dict[str, Any]]) -> pl.DataFrame:
    return to_frame(None, records)


# --- landing ----------------------------------------------------------------------------

AUDIT_DDL = {
    "load_runs": """
        run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
        trigger VARCHAR, files_seen INTEGER, files_new INTEGER, files_changed INTEGER,
        files_failed INTEGER, files_unchanged INTEGER, files_removed INTEGER,
        files_parsed INTEGER, raw_rows BIGINT, mart_rows VARCHAR, checks_run INTEGER,
        checks_failed_error INTEGER, checks_failed_warning INTEGER, message VARCHAR""",
    "document_coverage": """
        run_id VARCHAR, document_id VARCHAR, source_file VARCHAR, family VARCHAR,
        lines_total INTEGER, lines_blank INTEGER, lines_mapped INTEGER,
        lines_boilerplate INTEGER, lines_unparsed INTEGER, coverage_pct DOUBLE""",
    "unparsed_lines": """
        run_id VARCHAR, document_id VARCHAR, source_line INTEGER, text VARCHAR,
        reason VARCHAR""",
    "load_errors": """
        run_id VARCHAR, source_file VARCHAR, document_id VARCHAR, sha256 VARCHAR,
        line_no INTEGER, error VARCHAR""",
    "dq_results": """
        run_id VARCHAR, suite VARCHAR, check_name VARCHAR, severity VARCHAR,
        document_id VARCHAR, subject_key VARCHAR, observed VARCHAR, expected VARCHAR,
        passed BOOLEAN, difference DOUBLE, tolerance DOUBLE, description VARCHAR,
        checked_at TIMESTAMP""",
}


def ensure_audit(con: duckdb.DuckDBPyConnection) -> None:
    con.sql("create schema if not exists audit")
    for name, ddl in AUDIT_DDL.items():
        con.sql(f"create table if not exists audit.{name} ({ddl})")


def _replace_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("_frame", frame)
    try:
        con.sql(f"create or replace table {name} as select * from _frame")
    finally:
        con.unregister("_frame")


def _append(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    con.register("_frame", frame)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.sql(f"insert into {name} ({cols}) select {cols} from _frame")
    finally:
        con.unregister("_frame")


def land(
    con: duckdb.DuckDBPyConnection,
    outcomes: list[DocOutcome],
    run_id: str,
    loaded_at: dt.datetime,
    carried: list[str] | None = None,
    prev: str | None = None,
) -> dict[str, int]:
    """Write raw.* for the parsed documents and the run's audit rows. Returns row counts.

    ``carried`` documents were not re-parsed: their rows are copied from the attached
    previous warehouse ``prev`` (same parser version, same sha256).
    """
    con.sql("create schema if not exists raw")
    ensure_audit(con)
    loaded = [o for o in outcomes if o.status == "loaded" and o.result is not None]

    counts: dict[str, int] = {}
    all_tables = list(RAW_TABLES)
    for o in loaded:
        all_tables.extend(t for t in o.tables if t not in all_tables)
    for table in all_tables:
        rows = [r for o in loaded for r in o.tables.get(table, [])]
        frame = to_frame(table, rows)
        _replace_table(con, f"raw.{table}", frame)
        counts[table] = frame.height

    doc_rows = []
    line_rows = []
    coverage_rows = []
    unparsed_rows = []
    for o in loaded:
        res = o.result
        assert res is not None and o.manifest is not None
        m = o.manifest
        c = res.ledger.counts()
        nonblank = c["mapped"] + c["boilerplate"] + c["unparsed"]
        doc_rows.append(
            {
                "document_id": o.document_id,
                "source_file": o.source_file,
                "sha256": o.sha256,
                "family": o.family,
                "layout": res.layout,
                "ente_id": m.ente_id,
                "ente_name": m.ente_name,
                "ente_type": m.ente_type,
                "region": m.region,
                "province": m.province,
                "doc_type": m.doc_type,
                "doc_title": res.doc_title,
                "period_start_year": res.period_start_year or m.period_start_year,
                "period_end_year": res.period_end_year or m.period_end_year,
                "manifest_period_start_year": m.period_start_year,
                "manifest_period_end_year": m.period_end_year,
                "period_note": m.period_note,
                "lines_total": len(res.ledger.doc.lines),
                "loaded_at": loaded_at.isoformat(sep=" "),
                "run_id": run_id,
                "parser_version": parser_version(),
            }
        )
        for lr in res.ledger.rows():
            line_rows.append(lr)
            if lr["status"] == "unparsed":
                unparsed_rows.append(
                    {
                        "run_id": run_id,
                        "document_id": o.document_id,
                        "source_line": lr["line_no"],
                        "text": lr["text"],
                        "reason": lr["detail"],
                    }
                )
        coverage_rows.append(
            {
                "run_id": run_id,
                "document_id": o.document_id,
                "source_file": o.source_file,
                "family": o.family,
                "lines_total": len(res.ledger.doc.lines),
                "lines_blank": c["blank"],
                "lines_mapped": c["mapped"],
                "lines_boilerplate": c["boilerplate"],
                "lines_unparsed": c["unparsed"],
                "coverage_pct": round(
                    100.0 * (c["mapped"] + c["boilerplate"]) / nonblank if nonblank else 100.0, 3
                ),
            }
        )
    docs = _frame_from_records(doc_rows) if doc_rows else pl.DataFrame()
    if docs.height:
        docs = docs.with_columns(pl.col("loaded_at").str.to_datetime())
        _replace_table(con, "raw.documents", docs)
    else:
        con.sql(
            "create or replace table raw.documents (document_id varchar, source_file varchar, "
            "sha256 varchar, family varchar, layout varchar, ente_id varchar, ente_name varchar,"
            " ente_type varchar, region varchar, province varchar, doc_type varchar, "
            "doc_title varchar, period_start_year bigint, period_end_year bigint, "
            "manifest_period_start_year bigint, manifest_period_end_year bigint, "
            "period_note varchar, lines_total bigint, loaded_at timestamp, run_id varchar, "
            "parser_version varchar)"
        )
    lines_frame = pl.DataFrame(
        line_rows,
        schema={
            "document_id": pl.Utf8,
            "line_no": pl.Int64,
            "text": pl.Utf8,
            "status": pl.Utf8,
            "detail": pl.Utf8,
        },
    )
    _replace_table(con, "raw.document_lines", lines_frame)
    counts["documents"] = len(doc_rows)
    counts["document_lines"] = lines_frame.height

    # Audit: this run's coverage, unparsed lines and errors replace nothing of earlier runs.
    con.sql("delete from audit.unparsed_lines")  # current state only; coverage keeps history
    _append(con, "audit.document_coverage", _frame_from_records(coverage_rows))
    _append(con, "audit.unparsed_lines", _frame_from_records(unparsed_rows))
    errors = [
        {
            "run_id": run_id,
            "source_file": o.source_file,
            "document_id": o.document_id,
            "sha256": o.sha256,
            "line_no": o.error_line,
            "error": o.error,
        }
        for o in outcomes
        if o.status == "failed"
    ]
    _append(con, "audit.load_errors", _frame_from_records(errors))
    if carried and prev:
        carry_documents(con, prev, carried, run_id, counts)
    return counts


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


def carry_documents(
    con: duckdb.DuckDBPyConnection,
    prev: str,
    document_ids: list[str],
    run_id: str,
    counts: dict[str, int],
) -> None:
    """Copy the raw rows, line statuses and coverage of unchanged documents from ``prev``."""
    me = con.sql("select current_database()").fetchall()[0][0]
    ids = list(document_ids)
    prev_raw = [
        r[0]
        for r in con.sql(
            "select table_name from duckdb_tables() where database_name = ? "
            "and schema_name = 'raw'",
            params=[prev],
        ).fetchall()
    ]
    for table in prev_raw:
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
        counts[table] = con.sql(f"select count(*) from raw.{table}").fetchall()[0][0]
    con.sql(
        f"insert into audit.unparsed_lines select ? as run_id, document_id, source_line, text, "
        f"reason from {prev}.audit.unparsed_lines where list_contains(?, document_id)",
        params=[run_id, ids],
    )
    cov_cols = [c for c in table_columns(con, me, "audit", "document_coverage") if c != "run_id"]
    cols = ", ".join(cov_cols)
    con.sql(
        f"insert into audit.document_coverage (run_id, {cols}) select ?, {cols} from ("
        f"select * from {prev}.audit.document_coverage where list_contains(?, document_id) "
        "qualify row_number() over (partition by document_id order by run_id desc) = 1)",
        params=[run_id, ids],
    )


def ingest(
    con: duckdb.DuckDBPyConnection,
    raw_dirs: list[Path],
    manifest_path: Path,
    run_id: str,
    loaded_at: dt.datetime | None = None,
    files: list[Path] | None = None,
    carried: list[str] | None = None,
    prev: str | None = None,
) -> tuple[list[DocOutcome], dict[str, int]]:
    """Parse the documents (``files``, default every document of ``raw_dirs``) and land them
    with the ``carried`` documents' rows from the attached warehouse ``prev``."""
    manifest = read_manifest(manifest_path)
    paths = discover(raw_dirs) if files is None else files
    outcomes = [parse_one(p, manifest) for p in paths]
    counts = land(con, outcomes, run_id, loaded_at or dt.datetime.now(), carried, prev)
    return outcomes, counts
