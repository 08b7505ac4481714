"""Stage 2a: the front matter, before the body: the title block and the table of contents.

    Unione dei Comuni del Sorbara (MO)          title block -> boilerplate document_title
    PIAO 2023 - 2025                            (the period and the "Sottosezione" are read)
    Allegato Sottosezione 2.1 Performance
    Indice                                      -> boilerplate table_of_contents
    LA STRUTTURA DEL PIANO ...<TAB>3            TOC entries (their titles are remembered:
    SEZIONE II<TAB>                             the same title later is a section heading)

The title block ends at the first line that is tabbed, long, or a heading of the body; the
table of contents ends at the first line that is not an entry (its first title repeated is
the start of the body).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.piao.lines import Line, Note, boilerplate
from ingest.piao.patterns import (
    AREA_RE,
    INDICATORI_RE,
    INDICE_RE,
    MISSIONE_RE,
    OBIETTIVI_YEAR_RE,
    OBJECTIVE_RE,
    PARAMETRI_RE,
    SERVIZIO_RE,
    SEZIONE_RE,
    SOTTOSEZIONE_RE,
    STRATEGIC_RE,
    TITLE_PERIOD_RE,
)

_BODY_HEADINGS = (
    AREA_RE,
    SERVIZIO_RE,
    MISSIONE_RE,
    STRATEGIC_RE,
    OBJECTIVE_RE,
    OBIETTIVI_YEAR_RE,
    INDICATORI_RE,
    PARAMETRI_RE,
    SEZIONE_RE,
)


@dataclass
class Front:
    """What the front matter says, and where the body starts (index into the lines)."""

    period: tuple[int, int] | None = None
    sottosezione: str | None = None
    toc_titles: set[str] = field(default_factory=set)
    body_start: int = 0

    @property
    def doc_title(self) -> str | None:
        if self.period is None:
            return None
        title = f"PIAO {self.period[0]} - {self.period[1]}"
        return f"{title} - {self.sottosezione}" if self.sottosezione else title


def is_body_heading(s: str) -> bool:
    """A heading of the plan's body: it ends the title block."""
    return any(p.match(s) for p in _BODY_HEADINGS)


def is_title_line(line: Line) -> bool:
    """A line of the title block: short, not tabbed, not a heading of the body."""
    return not line.has_tab and len(line.s) <= 120 and not is_body_heading(line.s)


def toc_entry(line: Line, first_title: str | None) -> str | None:
    """The title of a table-of-contents entry, or None when the line is not one.

    A tabbed entry is a title with page numbers (or nothing) in the other cells; an entry
    without TAB counts only after a tabbed one, and the first title repeated is the body.
    """
    if line.has_tab:
        cells = line.cells
        if not cells[0] or not all(c == "" or c.isdigit() for c in cells[1:]):
            return None
        return cells[0]
    s = line.s
    if first_title is None or s.upper() == first_title.upper() or len(s) > 100:
        return None
    return s


def read_front(lines: list[Line]) -> tuple[Front, list[Note]]:
    """Read the title block and the table of contents at the start of ``lines``."""
    front = Front()
    notes: list[Note] = []
    i = 0
    while i < len(lines) and not INDICE_RE.match(lines[i].s) and is_title_line(lines[i]):
        s = lines[i].s
        m = TITLE_PERIOD_RE.search(s)
        if m and front.period is None:
            front.period = (int(m.group(1)), int(m.group(2)))
        m2 = SOTTOSEZIONE_RE.search(s)
        if m2 and front.sottosezione is None:
            front.sottosezione = m2.group(1).strip()
        notes.append(boilerplate(lines[i].n, "document_title"))
        i += 1
    if i < len(lines) and INDICE_RE.match(lines[i].s):
        notes.append(boilerplate(lines[i].n, "table_of_contents"))
        i += 1
        first: str | None = None
        while i < len(lines):
            title = toc_entry(lines[i], first)
            if title is None:
                break
            if first is None and lines[i].has_tab:
                first = title
            front.toc_titles.add(title.upper())
            notes.append(boilerplate(lines[i].n, "table_of_contents"))
            i += 1
    front.body_start = i
    return front, notes
