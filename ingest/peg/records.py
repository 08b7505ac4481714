"""Adding a record to a ParseResult with the lines it comes from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ingest.common import ParseResult


def add_record(
    result: ParseResult,
    table: str,
    record: dict[str, Any],
    first: int,
    last: int | None = None,
    also: Iterable[int] = (),
) -> dict[str, Any]:
    """Append ``record`` to ``table``, spanning lines ``first``..``last``.

    Only ``first``, ``last`` and the ``also`` lines are mapped to the table: lines in between
    (a repeated header between an indicator and its Nota) keep their own classification.
    """
    result.add(table, record, first)
    rec = result.tables[table][-1]
    if last is not None and last != first:
        rec["source_line_end"] = last
        result.ledger.map(last, table)
    for n in also:
        result.ledger.map(n, table)
    return rec
