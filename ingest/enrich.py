"""Columns the loader derives centrally from a parse's records (same rule for every layout):
normalised targets and results, and the names of people."""

from __future__ import annotations

from typing import Any

from ingest.common import ParseResult
from ingest.names import normalise_person
from ingest.registry import raw_tables
from ingest.targets import actual_value, normalise_target


def enrich(result: ParseResult) -> dict[str, list[dict[str, Any]]]:
    """The parse's tables with target_kind/operator/value/date, actual_value and
    <prefix>_name/_title/_role added where the table declares them."""
    declared = raw_tables()
    out: dict[str, list[dict[str, Any]]] = {}
    for table, rows in result.tables.items():
        spec = declared.get(table)
        new_rows = []
        for row in rows:
            r = dict(row)
            if spec is not None and spec.target_column:
                year = r.get("year") if isinstance(r.get("year"), int) else None
                r.update(normalise_target(r.get(spec.target_column), year).as_dict())
            if spec is not None and spec.actual_column:
                r["actual_value"] = actual_value(r.get(spec.actual_column))
            if spec is not None and spec.person:
                col, prefix = spec.person
                raw = r.get(col)
                p = normalise_person(raw) if raw else None
                r[f"{prefix}_name"] = p.name if p else None
                r[f"{prefix}_title"] = p.title if p else None
                r[f"{prefix}_role"] = p.role if p else None
            new_rows.append(r)
        out[table] = new_rows
    return out
