"""Rules for the defects of the export of ASC schede (each one is visible in the output).

* Row with an empty number cell:

  - it is a new, unnumbered row (``action_no`` / ``indicator_no`` None) when it is complete on
    its own: an indicator with its own text AND responsabili AND at least one target (2025),
    an indicator whose text starts with a capital/digit and has at least one year or note
    cell (2021), an action with description AND expected result AND (a year mark or an
    innovation mark, or both texts starting with a capital);
  - otherwise it is the continuation of the row above, broken by a page break: each non-empty
    cell is appended (with a space) to the same column of the row above, and that record's
    ``source_line_end`` extends to the continuation line.

* Split cell (asc_2021): the export can cut a "Risultato YYYY" text and push its tail into the
  next column ("Previsione YYYY+1"), e.g. ``Conclusione procediment<TAB>o settembre 2021``.
  The two cells are rejoined only when it is evident: the Risultato cell ends with a letter,
  its last word is cut (a lowercase word of more than 3 letters ending in a consonant, which
  Italian words do not), and the next Previsione cell starts with a lowercase letter (targets
  never do). The tail is then concatenated with no character added, the Previsione cell is
  set to no target, and both year rows carry a ``repair`` text with the exported cells. When
  only the first and last conditions hold, nothing is moved and the row is flagged
  ``suspected split cell``.
* Responsabili (asc_2025): the cell is split on commas, semicolons and the word " e ". A
  remaining piece of several words ("Verboschi Ferri") is split on spaces only when every word
  is a surname that appears alone as a responsabile piece elsewhere in the same document;
  otherwise it is kept whole.
"""

from __future__ import annotations

import re

from ingest.asc_schede.model import Row, Scheda, Table
from ingest.asc_schede.patterns import starts_lower

_RESP_SEPARATOR_RE = re.compile(r"\s*[,;]\s*|\s+e\s+")
_VOWELS = set("aeiouàèéìíòóùú")


# --- continuation and row completeness --------------------------------------------------


def is_complete_row(table: Table, cells: list[str]) -> bool:
    """A row with an empty number cell that stands on its own (not a continuation of the
    row above, broken by a page break)."""

    def get(col: int | None) -> str:
        return cells[col] if col is not None and col < len(cells) else ""

    if table.kind == "azioni":
        desc, result = get(table.desc_col), get(table.result_col)
        if not (desc and result):
            return False
        marks = any(get(y.col) for y in table.years) or bool(get(table.innov_col))
        capitals = not starts_lower(desc) and not starts_lower(result)
        return marks or capitals
    desc = get(table.desc_col)
    targets = any(get(y.col) for y in table.years)
    if table.resp_col is not None:
        return bool(desc and get(table.resp_col) and targets)
    others = targets or any(get(y.actual_col) for y in table.years) or bool(get(table.note_col))
    return bool(desc) and not starts_lower(desc) and others


def append_continuation(row: Row, cells: list[str], n: int) -> None:
    """A row broken by a page break: each non-empty cell of line ``n`` is appended (with a
    space) to the same column of ``row``, which now ends at line ``n``."""
    for i, c in enumerate(cells):
        if not c:
            continue
        if i >= len(row.cells):
            row.cells.extend([""] * (i + 1 - len(row.cells)))
        row.cells[i] = f"{row.cells[i]} {c}" if row.cells[i] else c
    row.lines.append(n)


# --- responsabili -----------------------------------------------------------------------


def responsabili_pieces(raw: str) -> list[str]:
    return [p.strip() for p in _RESP_SEPARATOR_RE.split(raw) if p and p.strip()]


def split_responsabili(raw: str, known_surnames: set[str]) -> list[tuple[str, str]]:
    """'Ferri, Verboschi e Tonelli' -> [(name, split_rule), ...]; see the module docstring."""
    out: list[tuple[str, str]] = []
    for piece in responsabili_pieces(raw):
        words = piece.split()
        if len(words) == 1:
            out.append((piece, "separator"))
        elif all(w in known_surnames for w in words):
            out.extend((w, "space_between_known_surnames") for w in words)
        else:
            out.append((piece, "kept_whole"))
    return out


def known_surnames(schede: list[Scheda]) -> set[str]:
    """Responsabili pieces of one word anywhere in the document."""
    known: set[str] = set()
    for s in schede:
        t = s.indicatori
        if t is None or t.resp_col is None:
            continue
        for row in t.rows:
            known.update(p for p in responsabili_pieces(t.cell(row, t.resp_col)) if " " not in p)
    return known


# --- split cell (asc_2021) --------------------------------------------------------------


def ends_with_cut_word(text: str) -> bool:
    """The last word is cut: lowercase, more than 3 letters, ending in a consonant."""
    words = text.split()
    if not words:
        return False
    last = words[-1]
    return last.isalpha() and last.islower() and len(last) > 3 and last[-1] not in _VOWELS


def repair_split_cells(table: Table, row: Row) -> dict[int, str]:
    """Rejoin a Risultato text cut into the next Previsione cell; returns repairs by year idx."""
    repairs: dict[int, str] = {}
    for i in range(len(table.years) - 1):
        cur, nxt = table.years[i], table.years[i + 1]
        if cur.actual_col is None or nxt.col is None or nxt.col != cur.actual_col + 1:
            continue
        head, tail = table.cell(row, cur.actual_col), table.cell(row, nxt.col)
        if not head or not tail or not head[-1].isalpha() or not starts_lower(tail):
            continue
        if not ends_with_cut_word(head):
            row.flags.append(
                f"suspected split cell: '{cur.actual_header_raw}' = '{head}' and "
                f"'{nxt.header_raw}' = '{tail}' kept as written"
            )
            continue
        row.cells[cur.actual_col] = head + tail
        row.cells[nxt.col] = ""
        exported = f"exported '{cur.actual_header_raw}' = '{head}', '{nxt.header_raw}' = '{tail}'"
        repairs[i] = f"rejoined_split_cell: {exported}"
        repairs[i + 1] = f"moved_to_previous_risultato: {exported}"
        row.flags.append(f"split cell rejoined: {exported}")
    return repairs
