"""Reading the multi-line heads of a sheet: the project header and the objective blocks.

A project header is its code line, the name (on the code line or the next lines), an
optional 'Descrizione' with its paragraphs, and the strategic references under 'Indirizzo
Strategico di riferimento'. An objective block is an optional type line ('Obiettivo di
miglioramento'), the code line and the title. Each head ends at the next line that starts a
part of the sheet (``is_structural``).
"""

from __future__ import annotations

from ingest.common import strip_markup
from ingest.peg.blocks import Objective, SheetHeader, TypeLine
from ingest.peg.lines import (
    Lines,
    is_description_heading,
    is_structural,
    project_line,
)
from ingest.peg.patterns import RE_OBJECTIVE, RE_STRATEGIC_LABEL, STRATEGIC_HEADING
from ingest.peg.rules_sheet import split_glued_heading


def read_sheet_header(lv: Lines, n: int) -> SheetHeader:
    """The project header starting at line ``n`` (a project code line)."""
    m = project_line(lv, n)
    assert m is not None
    used = [n]
    name_parts, strategic = split_glued_heading(m.group(2))
    j = n + 1
    if not name_parts and not strategic:  # the name is on the following line(s)
        while (k := lv.peek(j)) is not None and not (
            is_structural(lv, k) or is_description_heading(lv, k)
        ):
            name_parts.append(strip_markup(lv.stripped(k)))
            used.append(k)
            j = k + 1
    description: list[str] = []
    refs: dict[str, str | None] = {"Indirizzo": None, "Obiettivo Strategico": None, "Azione": None}
    desc_done = False
    while (k := lv.peek(j)) is not None:
        if not strategic and not desc_done and is_description_heading(lv, k):
            desc_done = True
            used.append(k)
            rest = lv.plain(k)[len("Descrizione") :].strip()
            if rest:
                description.append(rest)
            j = k + 1
            while (p := lv.peek(j)) is not None and not is_structural(lv, p):
                description.append(lv.stripped(p))
                used.append(p)
                j = p + 1
            continue
        if strategic or lv.plain(k) == STRATEGIC_HEADING:
            if not strategic:
                used.append(k)
                j = k + 1
            strategic = False
            j = read_strategic_refs(lv, j, refs, used)
            continue
        break
    return SheetHeader(
        code=m.group(1),
        line=n,
        lines=used,
        name=strip_markup(" ".join(name_parts)) if name_parts else None,
        description="\n".join(description) if description else None,
        refs=refs,
    )


def read_strategic_refs(lv: Lines, j: int, refs: dict[str, str | None], used: list[int]) -> int:
    """Strategic labels with their value on the same line (after a TAB or a space) or alone
    with the value on the next line; fills ``refs`` and returns the next line to read."""
    while (k := lv.peek(j)) is not None:
        m = RE_STRATEGIC_LABEL.match(lv.plain(k))
        if not m:
            break
        label, value = m.group(1), m.group(2)
        used.append(k)
        j = k + 1
        if value is None:
            v = lv.peek(j)
            if (
                v is not None
                and not RE_STRATEGIC_LABEL.match(lv.plain(v))
                and not is_structural(lv, v)
            ):
                value = lv.stripped(v)
                used.append(v)
                j = v + 1
        refs[label] = strip_markup(value) if value else None
    return j


def title_continuation(lv: Lines, last: int) -> list[int]:
    """Wrapped objective title: a long title continues on the lines right below it (no blank
    line in between) until a line that starts a part of the sheet or a table row. The export
    wraps such titles inside ``** ... **``; the rule does not need the markers."""
    out = []
    while (k := lv.next_adjacent(last)) is not None and not (lv.has_tab(k) or is_structural(lv, k)):
        out.append(k)
        last = k
    return out


def read_objective_head(lv: Lines, n: int, typed: TypeLine | None) -> Objective:
    """The objective block at line ``n``: a type line (``typed``) or a code line."""
    used = [n]
    type_raw: str | None = None
    if typed is None:
        code_line, code_text = n, lv.stripped(n)
    elif typed.code_text is not None:
        type_raw, code_line, code_text = typed.type_raw, n, typed.code_text
    else:
        next_line = lv.peek(n + 1)
        assert next_line is not None  # type_line checked it
        type_raw, code_line, code_text = typed.type_raw, next_line, lv.stripped(next_line)
        used.append(code_line)
    mo = RE_OBJECTIVE.match(code_text.strip())
    assert mo is not None
    parts = [mo.group(2)]
    last = code_line
    if not strip_markup(mo.group(2)):  # the title is on the next line
        k = lv.peek(last + 1)
        if k is not None and not is_structural(lv, k):
            parts = [lv.stripped(k)]
            used.append(k)
            last = k
    for k in title_continuation(lv, last):
        parts.append(lv.stripped(k))
        used.append(k)
    return Objective(
        line=n,
        lines=used,
        code=mo.group(1),
        type_raw=type_raw,
        title=strip_markup(" ".join(parts)) or None,
        inferred=False,
    )
