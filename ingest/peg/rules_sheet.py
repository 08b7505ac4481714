"""Rules for the defects of the export inside a project sheet.

Each function repairs one defect, says which in its docstring, and has its own test in
tests/test_peg_rules.py on a real excerpt of the Reggio Emilia PEG 2021.
"""

from __future__ import annotations

import re

from ingest.common import parse_it_date
from ingest.peg.blocks import Indicator, Phase, PhaseCells, TypeLine
from ingest.peg.patterns import (
    RE_INDICATOR,
    RE_INDICATOR_YEAR,
    RE_OBJECTIVE,
    RE_OBJECTIVE_CELL,
    RE_OBJECTIVE_INLINE,
    RE_TYPE_LINE,
    STRATEGIC_HEADING,
    filled,
    nonempty,
)
from ingest.repairs import is_it_percent


def split_type_line(text: str) -> TypeLine | None:
    """Objective type glued to its code: 'Obiettivo di miglioramento**2021_OB_8721_3 Title**'.

    The export glues the type line and the code line with ``**``; a converter without markup
    gives 'Obiettivo di miglioramento 2021_OB_8721_3 Title'. Both split at the code. A type
    line alone ('Obiettivo Prioritario') gives ``code_text`` None: the code is on the next
    line. None when the line is not an objective type line ('Obiettivo Strategico ...', or
    markup followed by something that is not an objective code).
    """
    m = RE_TYPE_LINE.match(text)
    if not m:
        return None
    glued = m.group(2)
    if glued:
        type_raw = text.split("**", 1)[0].strip()
        if RE_OBJECTIVE.match(glued.strip()):
            return TypeLine(type_raw, glued)
        return None if glued.strip("* ") else TypeLine(type_raw, None)
    inline = RE_OBJECTIVE_INLINE.search(text)
    if inline and len(text[: inline.start()].split()) >= 2:
        return TypeLine(text[: inline.start()].strip(), text[inline.start() :])
    return TypeLine(text, None)


def indicator_header_year(cells: list[str]) -> int | None:
    """The year of an indicator table ('Valore previsto 2021' -> 2021). A document without a
    front page takes its year from the first indicator header that gives one."""
    m = RE_INDICATOR_YEAR.search(filled(cells)[2])
    return int(m.group(1)) if m else None


def is_repeated_indicator_header(table: str | None, header_seen: bool) -> bool:
    """Indicator header repeated after a page break (with or without a separator row and a
    blank line between): a header while the indicator table of the same objective is being
    read. It is boilerplate, and the rows after it stay with the same objective."""
    return table == "ind" and header_seen


def split_glued_heading(rest: str) -> tuple[list[str], bool]:
    """Project name glued to its code and to the strategic heading on one line:
    'Z_23101**Intervento ... (ASP)****Indirizzo Strategico di riferimento**'.

    ``rest`` is what follows the code. Returns the name parts and whether the heading
    'Indirizzo Strategico di riferimento' was glued on (with ``**`` between, or, without
    markup, as the end of the text).
    """
    parts: list[str] = []
    strategic = False
    for seg in (s.strip() for s in rest.split("**")):
        if not seg:
            continue
        if seg == STRATEGIC_HEADING:
            strategic = True
        elif seg.endswith(" " + STRATEGIC_HEADING):
            parts.append(seg[: -len(STRATEGIC_HEADING)].strip())
            strategic = True
        else:
            parts.append(seg)
    return parts, strategic


def project_named_by(suffix: str, known_codes: list[str]) -> str | None:
    """Orphan indicator: the project sheet header was lost at a page cut, so an indicator
    (M_A204_6_1) turns up under another project. Its code names the project by the suffix of
    the project code (A204 -> 2021_PD_A204); the project is the one known code (listed in a CDR
    table or with a sheet header earlier) with that suffix, or None when none or several.
    """
    hits = [c for c in known_codes if c.split("_")[-1] == suffix]
    return hits[0] if len(set(hits)) == 1 else None


def inferred_objective_code(indicator_code: str, project: str | None, year: int | None) -> str:
    """Objective of an indicator found outside its objective block: the one its code names.

    'M_A204_6_1' in project '2021_PD_A204' -> '2021_OB_A204_6' (the year is the project code's
    prefix; for a project code without one, the document year).
    """
    m = RE_INDICATOR.match(indicator_code)
    assert m is not None
    prefix = (project or "").split("_")[0]
    year_text = prefix if prefix.isdigit() else str(year or "")
    return f"{year_text}_OB_{m.group(2)}_{m.group(3)}"


def nota_text(cells: list[str]) -> str | None:
    """Text of a 'Nota:' line, wherever the export put it: after the label in the same cell
    ('\\tNota: text\\t') or in the next cell ('Nota:\\ttext'). None for an empty note."""
    ne = filled(cells)
    first = re.sub(r"^Nota\s*:", "", ne[0]).strip()
    return " ".join([p for p in [first, *ne[1:]] if p]).strip() or None


def has_staff_rows(next_cells: list[str] | None) -> bool:
    """Empty staff table: the export prints the staff header even for a project without
    staff. The header belongs to peg_staff only when the next line is a staff row."""
    return next_cells is not None and staff_cells(next_cells) is not None


def staff_cells(cells: list[str]) -> tuple[str, str | None, str] | None:
    """(name, relation, allocation) of a staff row, found by content: two or three cells, the
    last a percentage; the relation may be missing."""
    ne = filled(cells)
    if len(ne) in (2, 3) and is_it_percent(ne[-1]) and not is_it_percent(ne[0]):
        return ne[0], (ne[1] if len(ne) == 3 else None), ne[-1]
    return None


def phase_cells(cells: list[str]) -> PhaseCells | str | None:
    """A phase row read by content, not by column (the export leaves an empty column between
    description and status, and may shift cells): the order number first, one objective
    code, then dates (start, end) and texts (description, status) in their order.

    None when the row is not a phase row; a reason when it is one with unexpected cells.
    """
    ne = nonempty(cells)
    if not ne or not ne[0][1].isdigit():
        return None
    obj = [(i, c) for i, c in ne if RE_OBJECTIVE_CELL.match(c)]
    if len(obj) != 1:
        return None
    obj_idx = obj[0][0]
    dates = [c for i, c in ne if i > obj_idx and parse_it_date(c)]
    texts = [c for i, c in ne if i > obj_idx and not parse_it_date(c)]
    if len(dates) > 2 or len(texts) > 2:
        return "phase row with unexpected cells"
    return PhaseCells(
        order=int(ne[0][1]),
        objective_code=obj[0][1],
        description=texts[0] if texts else None,
        status=texts[1] if len(texts) > 1 else None,
        start_raw=dates[0] if dates else None,
        end_raw=dates[1] if len(dates) > 1 else None,
    )


def nota_target(last_row: Indicator | Phase | None, table: str | None) -> Indicator | Phase | None:
    """Late Nota: the export may put a row's 'Nota:' line after a repeated table header (a
    page break between the indicator and its note). A Nota belongs to the last indicator or
    phase row read in the sheet, when the table being read is of that kind and the row has no
    note yet; otherwise it belongs to nothing (None)."""
    if last_row is None or last_row.note_line is not None:
        return None
    expected = {"ind": Indicator, "phase": Phase}.get(table or "")
    return last_row if expected is not None and isinstance(last_row, expected) else None
