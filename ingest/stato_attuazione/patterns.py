"""Names, line patterns and cell readers of the *stato di attuazione* layout.

Everything here is a constant or a pure function of one cell or one line's cells.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.common import SourceDocument, strip_markup, try_parse_it_decimal
from ingest.repairs import is_markdown_separator, strip_heading_marker, trim_cells

FAMILY = "stato_attuazione"
LAYOUT = "sa_piano_performance"

T_OBJECTIVES = "sa_objectives"
T_STEPS = "sa_steps"
T_VERIFICATIONS = "sa_step_verifications"
T_TOTALS = "sa_totals"
T_RACCORDO = "sa_raccordo"
T_MISSIONI = "sa_missioni_programmi"
T_CATALOG = "sa_objective_catalog"
ALL_TABLES = (T_OBJECTIVES, T_STEPS, T_VERIFICATIONS, T_TOTALS, T_RACCORDO, T_MISSIONI, T_CATALOG)
T_DOCUMENTS = "documents"  # the title lines feed the document record (doc_title, period)

# --- line patterns (matched on the first cell, markup removed) ---------------------------

RE_OBJ_GROUP = re.compile(r"^obiettivo di (performance|peg)$", re.IGNORECASE)
RE_OBJ_CODE = re.compile(r"^([A-Z]|\d{1,2})$")
RE_INCIDENCE_LABEL = re.compile(
    r"^incidenza obiettivo su totale piano\s*(?P<val>\d{1,3}(?:,\d+)?\s*%)?$", re.IGNORECASE
)
RE_INCIDENCE_IN_TITLE = re.compile(
    r"\s*\bincidenza obiettivo su totale piano\s*(?P<val>\d{1,3}(?:,\d+)?\s*%)\s*$",
    re.IGNORECASE,
)
RE_PCT = re.compile(r"^\d{1,3}(?:,\d+)?\s*%$")
RE_PERCORSO_GROUP = re.compile(r"^percorso e metodo generale$", re.IGNORECASE)
RE_PERCORSO_HEADER = re.compile(r"^descrizione sintetica", re.IGNORECASE)
RE_STEPS_GROUP = re.compile(r"^sviluppo obiettivo per steps? intermedi$", re.IGNORECASE)
RE_STEP_CODE = re.compile(r"^(?P<obj>[A-Z]|\d{1,2})\.(?P<seq>\d{1,2})$")
RE_TOTAL = re.compile(r"^TOTALE\s+(?P<year>\d{4})$", re.IGNORECASE)
RE_NOTE = re.compile(r"^NOTA\b", re.IGNORECASE)
RE_RACCORDO_TITLE = re.compile(r"^TABELLA DI RACCORDO\b", re.IGNORECASE)
RE_RACCORDO_HEADER = re.compile(r"^obiettivo strategico$", re.IGNORECASE)
RE_MP_TITLE = re.compile(r"^TABELLA MISSIONI\s*/\s*PROGRAMMI\b", re.IGNORECASE)
RE_CATALOG_TITLE = re.compile(r"^TABELLA OBIETTIVI DI (PERFORMANCE|PEG)\b", re.IGNORECASE)
RE_REPORT_NAME = re.compile(r"\bstato di attuazione\b", re.IGNORECASE)
RE_REPORT_DATE = re.compile(r"\bAL\s+(\d{1,2}/\d{1,2}/(\d{4}))", re.IGNORECASE)
RE_PERIOD = re.compile(r"\b(\d{4})\s*[-/]\s*(\d{4})\b")
RE_YEAR = re.compile(r"\b(\d{4})\b")
OBJ_HEADER_FIRST = ("cod.", "cod")

# raccordo cell formats
RE_R_STRATEGIC = re.compile(r"^[1-9]\d?$")
RE_R_OPERATIONAL = re.compile(r"^\d{1,2}[A-Z]$")
RE_R_LETTERS = re.compile(r"^[A-Z](?:\s+[A-Z])*$")
RE_R_NUMBERS = re.compile(r"^\d{1,2}(?:\s+\d{1,2})*$")
RE_R_NUMBER = re.compile(r"^\d{1,2}$")
RE_R_MISSIONE = re.compile(r"^[1-9]\d?$")
RE_R_PROGRAMMA = re.compile(r"^\d{2}$")
RE_R_PADDED = re.compile(r"^0\d$")

# the first cells that open a new structure (a row never continues on such a line)
_STRUCTURE_STARTS = (
    RE_OBJ_GROUP,
    RE_INCIDENCE_LABEL,
    RE_PERCORSO_GROUP,
    RE_PERCORSO_HEADER,
    RE_STEPS_GROUP,
    RE_STEP_CODE,
    RE_NOTE,
    RE_RACCORDO_TITLE,
    RE_MP_TITLE,
    RE_CATALOG_TITLE,
    RE_PCT,
)


# --- cells ------------------------------------------------------------------------------


def line_cells(doc: SourceDocument, n: int) -> list[str]:
    """The TAB-separated cells of line n as text: without the markup the export may or may
    not add (``<b>``, ``**``, a leading markdown heading marker), spaces collapsed."""
    return [strip_markup(c) for c in strip_heading_marker(doc.line(n)).split("\t")]


def head(cells: list[str]) -> str:
    """The first cell (cells come markup-free from ``line_cells``): what classifies a line."""
    return cells[0] if cells else ""


def kind_of(text: str) -> str:
    """'performance' or 'peg', from a group or catalog heading's word."""
    return "performance" if text.lower().startswith("perf") else "peg"


def clean(text: str | None) -> str | None:
    """A text cell as written (markup removed, spaces collapsed); None when empty."""
    if text is None:
        return None
    s = strip_markup(text)
    return s or None


def pct(raw: str | None) -> tuple[str | None, Decimal | None]:
    """(raw as written or None when empty, Decimal or None when not a percentage).

    A dash or a word in a percentage cell ("---") is kept raw with no figure.
    """
    s = clean(raw)
    if s is None:
        return None, None
    return s, try_parse_it_decimal(s) if RE_PCT.match(s) else None


_WHITESPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text for comparisons: markup removed, spaces collapsed, lower case."""
    return _WHITESPACE.sub(" ", strip_markup(text)).strip().lower()


def header_columns(cells: list[str], roles: dict[str, str]) -> dict[str, int]:
    """Column index of each role, found by the pattern of its header label (first match)."""
    cols: dict[str, int] = {}
    for i, c in enumerate(cells):
        text = norm(c)
        for role, pat in roles.items():
            if role not in cols and re.search(pat, text):
                cols[role] = i
                break
    return cols


def total_label_column(cells: list[str]) -> int | None:
    """The column of a "TOTALE <year>" label, wherever the export put it.

    Repairs: the export shifts the label of the total row into another column (objectives C,
    D and 6 of the sample have it in the 5th column, the others in the 1st).
    """
    return next((i for i, c in enumerate(cells) if RE_TOTAL.match(c)), None)


def starts_structure(cells: list[str]) -> bool:
    """Whether a line starts a known structure, so it is not the continuation of a row."""
    first = head(cells)
    if is_markdown_separator("\t".join(cells)):
        return True
    if total_label_column(cells) is not None:
        return True
    if any(p.match(first) for p in _STRUCTURE_STARTS):
        return True
    if first.lower() in (*OBJ_HEADER_FIRST, "step"):
        return True
    return bool(RE_OBJ_CODE.match(first) and len(trim_cells(cells)) >= 2)
