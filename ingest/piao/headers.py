"""Table headers: which table a header opens, and what its columns are.

Columns are positional: a header with a missing cell ("DESCRIZIONE<TAB>DESCRIZIONE
INDICATORI ...<TAB><TAB>RISCHIO") or a leading empty cell (a label column) reads the same way.
Headers split over several lines and headers repeated after a page break are recognised
here, by their words, not by any markup around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.piao.lines import Line, as_written, width
from ingest.piao.patterns import HEADER_WORDS, YEAR_RE

WEIGHTS, ORG, AREAS, OBJECTIVE, SERVICE = "weights", "org", "areas", "objective", "service"


def header_kind(cells: list[str]) -> str | None:
    """The kind of table whose header these cells are, or None for any other line."""
    up = [c.upper() for c in cells]
    values = [c for c in up if c]
    if not values:
        return None
    if up[0].startswith("LIVELLO DI PERFORMANCE") and "PERCENTUALE" in up:
        return WEIGHTS
    if values == ["INDICATORE", "DEFINIZIONE", "TARGET"]:
        return ORG
    if up[0] in ("CENTRO DI COSTO", "CENTRO") and "RESPONSABILE" in up:
        return AREAS
    first = next(i for i, c in enumerate(up) if c)
    if first <= 1 and up[first] == "DESCRIZIONE" and any("INDICATOR" in c for c in up):
        return OBJECTIVE
    if up[0].startswith("DIMENSIONE DI") and len(up) > 1 and up[1].startswith("DENOMINAZIONE"):
        return SERVICE
    return None


@dataclass(frozen=True)
class Header:
    """The columns of a table, read from its header line.

    ``width`` is the number of columns a row may fill (cells beyond it are misaligned or
    garbled text); ``offset`` is 1 when the first column is a label column ("a)", "1)").
    """

    kind: str
    line: int
    width: int
    raw: str
    cells: tuple[str, ...]
    offset: int = 0
    has_risk: bool = False
    year: int | None = None


def _has_risk_column(cells: list[str]) -> bool:
    return any("RISCHIO" in c.upper() for c in cells)


def read_header(line: Line, kind: str) -> Header:
    """The columns of the table that ``line`` (a header of ``kind``) opens."""
    cells = line.cells
    w = width(cells)
    common = {"kind": kind, "line": line.n, "cells": tuple(cells)}
    if kind == OBJECTIVE:
        offset = 1 if not cells[0] else 0
        has_risk = _has_risk_column(cells)
        w = max(w, offset + 3)
        if has_risk:
            w = max(w, offset + 4)
        raw, year = indicator_header(cells)
        return Header(width=w, raw=raw, offset=offset, has_risk=has_risk, year=year, **common)
    if kind == SERVICE:
        has_risk = _has_risk_column(cells)
        w = max(w, 5 if has_risk else 4)
        return Header(width=w, raw=as_written(line.text), has_risk=has_risk, **common)
    return Header(width=w, raw=as_written(line.text), **common)


def indicator_header(cells: list[str]) -> tuple[str, int | None]:
    """The indicator cell of an objective table's header and the year it names.

    The year of an objective table is its own header's ("INDICATORE DI RISULTATO 2022" in a
    2023 plan gives 2022, reported as written, never corrected to the plan's year).
    """
    for c in cells:
        if "INDICATOR" in c.upper():
            m = YEAR_RE.search(c)
            return c, int(m.group(1)) if m else None
    raise ValueError("an objective table header names an indicator column")


def is_header_continuation(cells: list[str]) -> bool:
    """A line that goes on with the header above (a header split over lines: "RISCHIO" /
    "CORRUTTIVO" / "VALUTAZIONE" / "CRITICITA'", "Dimensione di" / "performance", "CENTRO" /
    "PEG"): only header words, before any data row of the table."""
    words = " ".join(c for c in cells if c).upper().split()
    return bool(words) and all(w in HEADER_WORDS for w in words)


def repeats_open_header(open_kind: str | None, data_seen: bool, kind: str) -> bool:
    """A header of the table that is still open, after some of its rows: the header repeated
    after a page break. The table goes on (and the split lines of the repeated header may
    follow)."""
    return open_kind == kind and data_seen


def weight_group(header_cell: str) -> str:
    """'LIVELLO DI PERFORMANCE ORGANIZZATIVA' -> 'performance_organizzativa'."""
    s = re.sub(r"^LIVELLO\s+DI\s+", "", header_cell.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^0-9a-zà-ÿ]+", "_", s.lower()).strip("_")
