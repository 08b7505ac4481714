"""Names and line shapes of the ASC schede: each function looks at one line or cell only."""

from __future__ import annotations

import re

from ingest.common import SourceDocument, strip_markup

FAMILY = "asc_schede"
LAYOUT_2021 = "asc_2021"
LAYOUT_2025 = "asc_2025"

SCHEDA_RE = re.compile(r"^Scheda\s+(\d+)$", re.IGNORECASE)
OBIETTIVO_RE = re.compile(r"^Obiettivo\b", re.IGNORECASE)
PERIOD_RE = re.compile(r"((\d{4})\s*[-–]\s*(\d{4}))")
RESP_LABEL_RE = re.compile(r"^Responsabil[ei]$", re.IGNORECASE)
ALTRI_LABEL_RE = re.compile(r"^Altri servizi coinvolti$", re.IGNORECASE)
AZIONI_HEADING_RE = re.compile(r"^#*\s*AZIONI$")
INDICATORI_HEADING_RE = re.compile(r"^#*\s*INDICATORI\b[A-Z ]*$")
_MD_SEPARATOR_RE = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
ROW_NO_RE = re.compile(r"^(\d+)[.)]?$")
_YEAR_RE = re.compile(r"(\d{4})")
PREVISIONE_RE = re.compile(r"^Previsione\b", re.IGNORECASE)
RISULTATO_RE = re.compile(r"^Risultato\b(?!\s+atteso)", re.IGNORECASE)
NOTE_RE = re.compile(r"^Note$", re.IGNORECASE)
RESPONSABILI_COL_RE = re.compile(r"^Responsabil[ei]$", re.IGNORECASE)
DESCR_COL_RE = re.compile(r"^(Descrizione|Indicatore|Indicatori)$", re.IGNORECASE)


def clean_cells(doc: SourceDocument, n: int) -> list[str]:
    """The cells of line ``n`` without HTML tags and ``<b>``/``**`` markup."""
    return [strip_markup(c) for c in doc.cells(n)]


def is_markdown_separator(text: str) -> bool:
    """Markdown debris of the export (``--<TAB>--<TAB>-----``, ``| --- |``)."""
    return bool(_MD_SEPARATOR_RE.match(text)) and text.count("-") >= 2


def year_of(label: str) -> int | None:
    m = _YEAR_RE.search(label)
    return int(m.group(1)) if m else None


def year_as_written(label: str) -> str:
    m = _YEAR_RE.search(label)
    return m.group(1) if m else ""


def find(cells: list[str], pattern: re.Pattern[str]) -> int | None:
    """The index of the first cell ``pattern`` matches."""
    for i, c in enumerate(cells):
        if pattern.match(c):
            return i
    return None


def is_azioni_header(cells: list[str]) -> bool:
    low = [c.lower() for c in cells]
    return "descrizione" in low and "risultato atteso" in low


def is_indicatori_header(cells: list[str]) -> bool:
    if ROW_NO_RE.match(cells[0]):
        return False
    return any(PREVISIONE_RE.match(c) for c in cells)


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()
