"""A read-only view of a PEG document for the readers: its content lines and what a line is.

Content lines are the non-blank lines that are not debris (markdown separators). Lookahead
("the next line") always means the next content line, so a separator or a blank line between
a label and its value changes nothing. The predicates below recognise the lines that start a
part of the document; they look at the line and, where the layout needs it, at the next one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.common import Ledger, SourceDocument
from ingest.peg.blocks import TypeLine
from ingest.peg.patterns import (
    DIRIGENTE,
    RE_CAP,
    RE_CDR_HEADER,
    RE_INDICATOR,
    RE_OBJECTIVE,
    RE_PROJECT_LINE,
    STRATEGIC_HEADING,
    budget_header_columns,
    is_indicator_header,
    is_phase_header,
    is_staff_header,
    split_cells,
)
from ingest.peg.rules_sheet import split_type_line
from ingest.repairs import is_markdown_separator, strip_debris


@dataclass(frozen=True)
class Lines:
    doc: SourceDocument
    content: tuple[int, ...]  # line numbers of the content lines, ascending

    def text(self, n: int) -> str:
        return self.doc.line(n)

    def stripped(self, n: int) -> str:
        return self.doc.line(n).strip()

    def plain(self, n: int) -> str:
        """The line without markup and heading markers (for comparing with a label)."""
        return strip_debris(self.doc.line(n))

    def cells(self, n: int) -> list[str]:
        return split_cells(self.doc.line(n))

    def has_tab(self, n: int) -> bool:
        return "\t" in self.doc.line(n)

    def peek(self, n: int) -> int | None:
        """The first content line at or after line ``n``."""
        i = bisect_left(self.content, n)
        return self.content[i] if i < len(self.content) else None

    def next_adjacent(self, n: int) -> int | None:
        """Line ``n + 1`` when it is a content line (no blank line or debris in between)."""
        k = self.peek(n + 1)
        return k if k == n + 1 else None


def read_lines(doc: SourceDocument, ledger: Ledger) -> Lines:
    """The content lines of ``doc``; markdown separator lines are claimed as boilerplate."""
    content = []
    for n, text in doc.numbered():
        if not text.strip():
            continue
        if is_markdown_separator(text):
            ledger.boilerplate(n, "markdown_separator")
            continue
        content.append(n)
    return Lines(doc, tuple(content))


# --- what a line is ---------------------------------------------------------------------


def dirigente_after(lv: Lines, n: int) -> tuple[int, str | None] | None:
    """(line, name) of a 'Dirigente: <name>' line following line ``n``."""
    k = lv.peek(n + 1)
    if k is not None and lv.stripped(k).startswith(DIRIGENTE):
        return k, lv.stripped(k)[len(DIRIGENTE) :].strip() or None
    return None


def cdr_header(lv: Lines, n: int) -> re.Match[str] | None:
    """'<code> - <name>' followed by a 'Dirigente:' line: a CDR section starts."""
    if lv.has_tab(n):
        return None
    m = RE_CDR_HEADER.match(lv.stripped(n))
    return m if m and dirigente_after(lv, n) is not None else None


def project_line(lv: Lines, n: int) -> re.Match[str] | None:
    """A line starting with a project code (2021_PD_8501, Z_23101): a project sheet starts."""
    if lv.has_tab(n):
        return None
    return RE_PROJECT_LINE.match(lv.stripped(n))


def is_prodotto(lv: Lines, n: int) -> bool:
    """The 'Prodotto' heading before the project sheets of a CDR."""
    return lv.plain(n) == "Prodotto"


def type_line(lv: Lines, n: int) -> TypeLine | None:
    """'Obiettivo <type>' with its objective code glued on or on the next line."""
    if lv.has_tab(n):
        return None
    split = split_type_line(lv.stripped(n))
    if split is None or split.code_text is not None:
        return split
    k = lv.peek(n + 1)
    return split if k is not None and is_objective_line(lv, k) else None


def is_objective_line(lv: Lines, n: int) -> bool:
    """A line starting with an objective code (2021_OB_8501_1)."""
    return not lv.has_tab(n) and bool(RE_OBJECTIVE.match(lv.stripped(n)))


def is_description_heading(lv: Lines, n: int) -> bool:
    plain = lv.plain(n)
    return plain == "Descrizione" or plain.startswith("Descrizione ")


def is_structural(lv: Lines, n: int) -> bool:
    """A line that starts a new part of a sheet (so it ends a name, title or description)."""
    t = lv.stripped(n)
    cells = lv.cells(n)
    plain = lv.plain(n)
    return bool(
        plain == STRATEGIC_HEADING
        or plain == "Prodotto"
        or plain.startswith("Fasi/")
        or plain == "Budget previsto"
        or t.startswith(DIRIGENTE)
        or cdr_header(lv, n)
        or project_line(lv, n)
        or type_line(lv, n)
        or is_objective_line(lv, n)
        or is_indicator_header(cells)
        or is_staff_header(cells)
        or is_phase_header(cells)
        or budget_header_columns(cells) is not None
        or RE_CAP.match(cells[0])
        or RE_INDICATOR.match(cells[0])
    )
