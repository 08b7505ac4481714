"""Compare the records two readings of one document give (a text export and its PDF, or two
encodings of one text), whatever their line numbers."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ingest.common import strip_markup

# Where a record comes from, not what it says: differs between a text export and its PDF.
LINEAGE = {"source_line", "source_line_end", "source_page", "document_id"}


def _value(v: Any) -> Any:
    # the export's debris (<b>, **) is not on the page: raw text compares without it
    return strip_markup(v) if isinstance(v, str) else v


def canonical(row: dict[str, Any]) -> str:
    """A record without its lineage (columns naming lines or pages), as comparable text."""
    kept = {
        k: _value(v)
        for k, v in sorted(row.items())
        if k not in LINEAGE and not k.endswith("_line") and not k.endswith("_lines")
    }
    return json.dumps(kept, default=str, ensure_ascii=False)


def table_diff(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(records only in ``a``, records only in ``b``), each as canonical text."""
    ca, cb = Counter(map(canonical, a)), Counter(map(canonical, b))
    return sorted((ca - cb).elements()), sorted((cb - ca).elements())


def differing_tables(
    a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]]
) -> dict[str, tuple[list[str], list[str]]]:
    out = {}
    for table in sorted(set(a) | set(b)):
        only_a, only_b = table_diff(a.get(table, []), b.get(table, []))
        if only_a or only_b:
            out[table] = (only_a, only_b)
    return out
