"""One parsed document -> the frames it lands (pure: runs in the parse workers).

A document lands as its records (``raw.<table>``), one row of ``raw.documents``, its lines with
their status (``raw.document_lines``), and audit rows (coverage, unparsed lines). A defect
found here (a value out of range, a key repeated within the document) quarantines the
document with its line, never the batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ingest.dispatch import DocOutcome
from ingest.frames import ValueOutOfRange, to_frame
from ingest.registry import raw_tables


@dataclass
class DocumentFrames:
    document_id: str
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)  # raw.* incl. documents
    coverage: dict[str, Any] = field(default_factory=dict)
    unparsed: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> int:
        return sum(f.height for f in self.tables.values())


def duplicate_keys(table: str, rows: list[dict[str, Any]]) -> str | None:
    """The first key of ``table`` that two records of one document share, as a message."""
    spec = raw_tables().get(table)
    key = spec.natural_key if spec is not None else ()
    if not key:
        return None
    optional = spec.natural_key_optional
    seen: dict[tuple, Any] = {}
    for r in rows:
        if any(r.get(c) in (None, "") for c in optional):
            continue
        k = tuple(r.get(c) for c in key)
        if k in seen:
            shown = ", ".join(f"{c}={v!r}" for c, v in zip(key, k, strict=True))
            return (
                f"line {r.get('source_line')}: {table} record with {shown} repeats the one of "
                f"line {seen[k]} (a page printed twice or lines out of order?)"
            )
        seen[k] = r.get("source_line")
    return None


def document_row(o: DocOutcome, run_id: str, loaded_at: dt.datetime, version: str) -> dict:
    res, m = o.result, o.manifest
    assert res is not None and m is not None
    doc = res.ledger.doc
    return {
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
        "lines_total": len(doc.lines),
        "loaded_at": loaded_at,
        "run_id": run_id,
        "parser_version": version,
        "input_format": doc.input_format,
        "encoding": doc.encoding,
        "converter": doc.converter,
        "meta_source": "manifest" if m.line is not None else "document",
        "manifest_fingerprint": m.fingerprint() if m.line is not None else "",
        "flags": "; ".join(o.flags) or None,
    }


def line_rows(o: DocOutcome) -> list[dict[str, Any]]:
    assert o.result is not None
    doc = o.result.ledger.doc
    rows = o.result.ledger.rows()
    if doc.origins is not None:
        for r in rows:
            origin = doc.lineage(r["line_no"])
            r["page"] = origin.get("source_page")
            r["sheet"] = origin.get("source_sheet")
            r["row"] = origin.get("source_row")
    return rows


def coverage_row(o: DocOutcome, run_id: str, c: dict[str, int]) -> dict[str, Any]:
    assert o.result is not None
    nonblank = c["mapped"] + c["boilerplate"] + c["unparsed"]
    return {
        "run_id": run_id,
        "document_id": o.document_id,
        "source_file": o.source_file,
        "family": o.family,
        "lines_total": len(o.result.ledger.doc.lines),
        "lines_blank": c["blank"],
        "lines_mapped": c["mapped"],
        "lines_boilerplate": c["boilerplate"],
        "lines_unparsed": c["unparsed"],
        "coverage_pct": round(
            100.0 * (c["mapped"] + c["boilerplate"]) / nonblank if nonblank else 100.0, 3
        ),
    }


def to_frames(o: DocOutcome, run_id: str, loaded_at: dt.datetime, version: str) -> DocumentFrames:
    """The frames of a loaded document. Raises ValueOutOfRange or DuplicateKey (a ValueError
    with the line) for defects that quarantine it."""
    out = DocumentFrames(o.document_id)
    for table, rows in o.tables.items():
        problem = duplicate_keys(table, rows)
        if problem:
            raise DuplicateKey(problem)
        out.tables[table] = to_frame(table, rows)
    out.tables["documents"] = to_frame("documents", [document_row(o, run_id, loaded_at, version)])
    lines = line_rows(o)
    out.tables["document_lines"] = to_frame("document_lines", lines)
    out.coverage = coverage_row(o, run_id, o.result.ledger.counts())
    out.unparsed = [
        {
            "run_id": run_id,
            "document_id": o.document_id,
            "source_line": r["line_no"],
            "text": r["text"],
            "reason": r["detail"],
        }
        for r in lines
        if r["status"] == "unparsed"
    ]
    return out


class DuplicateKey(ValueError):
    pass


def quarantine_on_landing_defect(o: DocOutcome, exc: ValueError) -> DocOutcome:
    """The outcome of a document whose records cannot land as they are."""
    line = getattr(exc, "line_no", None)
    where = f"{o.source_file}:{line}" if line and isinstance(exc, ValueOutOfRange) else None
    message = f"{where or o.source_file}: {exc}"
    return DocOutcome(
        o.path,
        o.document_id,
        o.sha256,
        "failed",
        family=o.family,
        error=message,
        error_line=line,
        manifest=o.manifest,
    )
