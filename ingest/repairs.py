"""Repairs of export defects that more than one parser meets (functions only).

Each function undoes one kind of damage the exports (or a PDF/markdown converter) do to a
table, without knowing which document family it reads:

* markdown debris: separator lines (``--<TAB>--<TAB>---``, ``| --- | :-: |``) and heading
  markers (``## TITLE``) that some exports add and others do not;
* rows broken by a page break: the tail of the row continues on the next line(s), and the
  first cell of each continuation line completes the last cell of the row so far.

Figures are read elsewhere (``ingest.common.parse_it_decimal``, ``parse_it_date``); markup
inside cells is removed by ``ingest.common.strip_markup``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.common import SourceDocument

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_HEADING_MARKER = re.compile(r"^#{1,6}[ \t]+")


def is_markdown_separator(line: str) -> bool:
    """Whether a line is only a markdown table separator, e.g. ``--<TAB>--<TAB>---`` or
    ``| --- | :-: |``.

    Table-shaped only: at least two dash cells (TAB- or ``|``-separated), or one between
    pipes. A lone ``---`` is not a separator: in a broken row it can be a cell's value (a dash
    written for "not applicable").
    """
    cells = [c.strip() for c in re.split(r"[\t|]", line)]
    dashes = [c for c in cells if c]
    if not dashes or not all(_SEPARATOR_CELL.match(c) for c in dashes):
        return False
    return (len(dashes) >= 2 or "|" in line) and line.count("-") >= 2


def strip_heading_marker(line: str) -> str:
    """A line without its leading markdown heading marker (``## TABELLA ...`` -> ``TABELLA
    ...``). Converters add such markers to some headings and not to others."""
    return _HEADING_MARKER.sub("", line, count=1)


def trim_cells(cells: list[str]) -> list[str]:
    """The cells without the trailing empty ones."""
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    return out


def cell_at(cells: list[str], idx: int | None) -> str:
    """The cell at ``idx``; "" when there is no such column (or no index)."""
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def glue_continuation(cells: list[str], continuation: list[str]) -> list[str]:
    """The cells of a row with the cells of its continuation line appended.

    Repairs a row broken by a page break: the first cell of the continuation line completes
    the last cell of the row (joined with a space), its other cells follow.
    """
    glued = " ".join(p for p in (cells[-1], continuation[0]) if p)
    return cells[:-1] + [glued] + continuation[1:]


def collect_continued_row(
    doc: SourceDocument,
    first: int,
    width: int,
    starts_structure: Callable[[list[str]], bool],
    cells_of: Callable[[int], list[str]] | None = None,
    last_line: int | None = None,
) -> tuple[list[str], int]:
    """The cells of the row starting at line ``first``, with its continuation lines merged,
    and the last line it uses.

    A row broken by a page break continues on the next non-blank line(s) that do not start a
    known structure (``starts_structure``); see :func:`glue_continuation`. Lines are merged
    only while the row keeps at most ``width`` cells (trailing empty cells do not count), so
    a complete row never swallows the next one. ``cells_of`` reads a line's cells (default
    ``doc.cells``); ``last_line`` bounds the search (default: the end of the document).
    """
    read = cells_of or doc.cells
    end = len(doc.lines) if last_line is None else last_line
    cells = read(first)
    last = first
    j = first + 1
    while j <= end and len(trim_cells(cells)) < width:
        if not doc.line(j).strip():
            j += 1
            continue
        nxt = read(j)
        if starts_structure(nxt):
            break
        merged = glue_continuation(cells, nxt)
        if len(trim_cells(merged)) > width:
            break
        cells, last = merged, j
        j += 1
    return cells, last
