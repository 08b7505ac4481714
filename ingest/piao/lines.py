"""Stage 1: the document's lines, without export debris, and small helpers on their cells.

Every later stage reads :class:`Line` objects, never the raw export: a line that is only
debris (a markdown separator, markup with no text) is classified here and read no further,
and markup inside a line (``<b>``, ``**``, a leading ``## ``) is removed, so that a converted
PDF without that debris reads the same way as the export with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.common import BOILERPLATE, UNPARSED, Ledger, SourceDocument, strip_markup
from ingest.repairs import has_underlined_sign, is_markdown_separator, remove_markup_debris


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number and its text with the markup debris removed."""

    n: int
    text: str

    @property
    def s(self) -> str:
        """The text without surrounding spaces."""
        return self.text.strip()

    @property
    def has_tab(self) -> bool:
        return "\t" in self.text

    @property
    def cells(self) -> list[str]:
        """TAB-separated cells, each without surrounding spaces."""
        return [c.strip() for c in self.text.split("\t")]


@dataclass(frozen=True)
class Note:
    """A claim on a line that carries no data: boilerplate by a named rule, or unparsed."""

    n: int
    status: str  # BOILERPLATE | UNPARSED
    detail: str


def boilerplate(n: int, rule: str) -> Note:
    return Note(n, BOILERPLATE, rule)


def unparsed(n: int, reason: str) -> Note:
    return Note(n, UNPARSED, reason)


def apply_notes(ledger: Ledger, notes: list[Note]) -> None:
    for note in notes:
        if note.status == BOILERPLATE:
            ledger.boilerplate(note.n, note.detail)
        else:
            ledger.unparsed(note.n, note.detail)


def read_lines(doc: SourceDocument) -> tuple[list[Line], list[Note]]:
    """The non-blank lines of ``doc`` with their markup debris removed; lines that are only
    debris become notes (``markdown_separator``, ``markup_only_line``) and are left out."""
    lines: list[Line] = []
    notes: list[Note] = []
    for n, raw in doc.numbered():
        if not raw.strip():
            continue
        if is_markdown_separator(raw):
            notes.append(boilerplate(n, "markdown_separator"))
            continue
        text = remove_markup_debris(raw)
        if not text.strip():
            notes.append(boilerplate(n, "markup_only_line"))
            continue
        lines.append(Line(n, text))
    return lines, notes


# --- cells --------------------------------------------------------------------------------


def clean_value(text: str | None) -> str | None:
    """A value as stored: markup removed, spaces collapsed; None when nothing is left.

    An underlined comparison sign (``<u><</u>``, i.e. "≤") is kept as written: removing the
    tags would change the figure's operator.
    """
    if text is None:
        return None
    if has_underlined_sign(text):
        s = re.sub(r"[ \u00a0]+", " ", text).strip()
    else:
        s = strip_markup(text)
    return s or None


def as_written(text: str) -> str:
    """A line kept as written, TABs shown as ' | ' (trailing empty cells dropped, leading ones
    kept so the column of each piece stays visible)."""
    cells = [c.strip() for c in text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(cells).strip()


def pad(cells: list[str], width: int) -> list[str]:
    """The cells, with empty ones added up to ``width``."""
    return cells + [""] * (width - len(cells))


def width(cells: list[str]) -> int:
    """Index of the last non-empty cell + 1."""
    for i in range(len(cells) - 1, -1, -1):
        if cells[i]:
            return i + 1
    return 0


def starts_upper(text: str) -> bool:
    """The text starts with a capital letter or a digit."""
    return bool(text) and (text[0].isupper() or text[0].isdigit())
