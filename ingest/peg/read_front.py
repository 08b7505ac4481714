"""Reading stage 1: cut the document into sections, and read the front page.

The document is a front page, then for each CDR a section ('<code> - <name>', 'Dirigente:',
the summary table) followed by its project sheets ('Prodotto', then one sheet per project).
A document may lack the front page and the CDR tables and start with the sheets.
"""

from __future__ import annotations

from ingest.common import Ledger
from ingest.peg.blocks import FrontPage
from ingest.peg.lines import Lines, cdr_header, dirigente_after, is_prodotto, project_line
from ingest.peg.patterns import (
    RE_ALLEGATO,
    RE_CDR_HEADER,
    RE_ELABORATION,
    RE_PEG_CODE,
    RE_TITLE,
)

Section = tuple[str, list[int]]  # (front | cdr | sheets, content lines)


def split_sections(lv: Lines) -> list[Section]:
    """The content lines cut into the front page, CDR sections and runs of project sheets.

    A CDR section starts at its header line and its 'Dirigente:' line (the first two lines of
    the section); the sheets start at 'Prodotto' or at the first project code line.
    """
    sections: list[Section] = [("front", [])]
    skip: int | None = None
    for n in lv.content:
        if n == skip:
            continue
        if cdr_header(lv, n):
            d = dirigente_after(lv, n)
            assert d is not None  # cdr_header checked it
            sections.append(("cdr", [n, d[0]]))
            skip = d[0]
            continue
        if sections[-1][0] != "sheets" and (is_prodotto(lv, n) or project_line(lv, n)):
            sections.append(("sheets", []))
        sections[-1][1].append(n)
    return sections


def is_repeated_front_heading(text: str, area: str | None) -> bool:
    """The front page repeats the area heading ('AREA SERVIZI ALLA PERSONA' above and below
    the elaboration date): the second one is boilerplate, not a second area."""
    return area is not None and text == area


def read_front_page(lv: Lines, lines: list[int], ledger: Ledger) -> FrontPage:
    """Title, year, PEG code, Allegato, area, elaboration date and the CDR list."""
    front = FrontPage()
    for n in lines:
        t = lv.stripped(n)
        if m := RE_TITLE.match(t):
            front.title = t
            front.year = int(m.group(1))
            front.lines.append(n)
        elif m := RE_PEG_CODE.match(t):
            front.document_code = t
            front.lines.append(n)
            if front.year is None:
                front.year = int(m.group(1))
        elif RE_ALLEGATO.match(t):
            front.allegato = t
            front.lines.append(n)
        elif m := RE_ELABORATION.match(t):
            front.elaboration_date_raw = m.group(1)
            front.lines.append(n)
        elif lv.plain(n).lower().startswith("centro di responsabilit"):
            ledger.boilerplate(n, "section_heading")
        elif "\t" not in t and (m := RE_CDR_HEADER.match(t)):
            front.cdrs.setdefault(m.group(1), (m.group(2).strip(), n))
        elif "\t" not in t and front.area is None:
            front.area = t
            front.lines.append(n)
        elif is_repeated_front_heading(t, front.area):
            ledger.boilerplate(n, "repeated_front_page_heading")
        else:
            ledger.unparsed(n, "unrecognised front-page line")
    return front
