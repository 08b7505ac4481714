"""Parser for the ASC "schede obiettivo" of a Piano programma (ASC InSieme and look-alikes).

Document structure (one block per scheda)::

    Scheda N
    Obiettivo da piano programma 2021-2023 <TAB> title
    Responsabile <TAB> role
    Altri servizi coinvolti <TAB> services (may be empty)
    AZIONI
    [N] <TAB> Innovazione <TAB> Descrizione <TAB> Risultato atteso <TAB> 2021 <TAB> 2022 <TAB> 2023
    1 <TAB> X <TAB> description <TAB> expected result <TAB> X <TAB> X <TAB>
    ## INDICATORI DI PERFORMANCE  |  INDICATORI
    <indicator table header> then one row per indicator ("N" repeats: several per action)

Layouts, detected from the content of the INDICATORI table headers (never the file name):

* ``asc_2021``: "Previsione YYYY" and "Risultato YYYY" columns per year, then "NOTE";
* ``asc_2025``: a "Responsabili" (or "Responsabile") column and "Previsione YYYY" only.

Each table is read through its own header: columns are found by their labels, so a table
whose first header cells are empty (or "N", "N.") reads the same way.

Rules applied to the defects of the export (each one is visible in the output):

* Markdown debris (``--<TAB>--<TAB>-----``, ``| --- |``) -> boilerplate ``markdown_separator``;
  headings "AZIONI" / "INDICATORI ..." -> boilerplate ``section_heading``; a table header
  repeated after a page break (same cells as the table's header) -> boilerplate
  ``repeated_table_header``. HTML tags and ``<b>``/``**`` are removed with ``strip_markup``;
  the text of "●" list items is kept as written (bullet glyph included).
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

Year resolution (per table): a table's own header years are used (rule ``header``) when they
are distinct consecutive years. Otherwise (a year given twice, a gap, a header without a
year) the columns are assigned positionally, in column order, starting from the first year
of the scheda's AZIONI table when that table's header is valid (``positional_from_azioni``),
else from the first year of the period the scheda declares (``positional_from_period``).
No column is ever dropped. Every table's resolution is written to ``asc_year_resolution``
with ``agrees_with_period`` (resolved years == the scheda's declared period) and a ``flag``
text for every disagreement.

``doc_title`` is "Piano programma <period>: schede obiettivo" with the period most schede
declare; on a tie, the latest period (the older one is a leftover of the previous plan).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ingest.common import (
    Ledger,
    ParseResult,
    SourceDocument,
    UnknownLayoutError,
    strip_markup,
)

FAMILY = "asc_schede"
LAYOUT_2021 = "asc_2021"
LAYOUT_2025 = "asc_2025"

_SCHEDA_RE = re.compile(r"^Scheda\s+(\d+)$", re.IGNORECASE)
_OBIETTIVO_RE = re.compile(r"^Obiettivo\b", re.IGNORECASE)
_PERIOD_RE = re.compile(r"((\d{4})\s*[-–]\s*(\d{4}))")
_RESP_LABEL_RE = re.compile(r"^Responsabil[ei]$", re.IGNORECASE)
_ALTRI_LABEL_RE = re.compile(r"^Altri servizi coinvolti$", re.IGNORECASE)
_AZIONI_HEADING_RE = re.compile(r"^#*\s*AZIONI$")
_INDICATORI_HEADING_RE = re.compile(r"^#*\s*INDICATORI\b[A-Z ]*$")
_MD_SEPARATOR_RE = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
_ROW_NO_RE = re.compile(r"^(\d+)[.)]?$")
_YEAR_RE = re.compile(r"(\d{4})")
_PREVISIONE_RE = re.compile(r"^Previsione\b", re.IGNORECASE)
_RISULTATO_RE = re.compile(r"^Risultato\b(?!\s+atteso)", re.IGNORECASE)
_NOTE_RE = re.compile(r"^Note$", re.IGNORECASE)
_RESPONSABILI_COL_RE = re.compile(r"^Responsabil[ei]$", re.IGNORECASE)
_DESCR_COL_RE = re.compile(r"^(Descrizione|Indicatore|Indicatori)$", re.IGNORECASE)
_RESP_SEPARATOR_RE = re.compile(r"\s*[,;]\s*|\s+e\s+")
_VOWELS = set("aeiouàèéìíòóùú")


# --- intermediate structures ------------------------------------------------------------


@dataclass
class _YearCol:
    """One year of a table: the Previsione (or AZIONI year) column, and the Risultato one."""

    header_raw: str
    col: int | None
    header_year: int | None
    actual_header_raw: str | None = None
    actual_col: int | None = None


@dataclass
class _Row:
    lines: list[int]
    cells: list[str]
    number: str | None
    flags: list[str] = field(default_factory=list)


@dataclass
class _Table:
    kind: str  # 'azioni' | 'indicatori'
    header_line: int
    header: list[str]
    width: int
    years: list[_YearCol]
    no_col: int = 0
    desc_col: int | None = None
    innov_col: int | None = None
    result_col: int | None = None
    resp_col: int | None = None
    note_col: int | None = None
    rows: list[_Row] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def cell(self, row: _Row, col: int | None) -> str:
        if col is None or col >= len(row.cells):
            return ""
        return row.cells[col]


@dataclass
class _Scheda:
    scheda_no: int
    lines: list[int]
    title: str | None = None
    title_raw: str | None = None
    period_raw: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    responsabile_raw: str | None = None
    altri_servizi: str | None = None
    azioni: _Table | None = None
    indicatori: _Table | None = None


# --- line helpers -----------------------------------------------------------------------


def _clean_cells(doc: SourceDocument, n: int) -> list[str]:
    return [strip_markup(c) for c in doc.cells(n)]


def _is_markdown_separator(text: str) -> bool:
    return bool(_MD_SEPARATOR_RE.match(text)) and text.count("-") >= 2


def _year_of(label: str) -> int | None:
    m = _YEAR_RE.search(label)
    return int(m.group(1)) if m else None


def _find(cells: list[str], pattern: re.Pattern[str]) -> int | None:
    for i, c in enumerate(cells):
        if pattern.match(c):
            return i
    return None


def _is_azioni_header(cells: list[str]) -> bool:
    low = [c.lower() for c in cells]
    return "descrizione" in low and "risultato atteso" in low


def _is_indicatori_header(cells: list[str]) -> bool:
    if _ROW_NO_RE.match(cells[0]):
        return False
    return any(_PREVISIONE_RE.match(c) for c in cells)


def _azioni_table(n: int, cells: list[str]) -> _Table:
    low = [c.lower() for c in cells]
    innov = low.index("innovazione") if "innovazione" in low else None
    desc = low.index("descrizione")
    result = low.index("risultato atteso")
    first_year_col = max(i for i in (innov, desc, result) if i is not None) + 1
    years = [
        _YearCol(header_raw=cells[i], col=i, header_year=_year_of(cells[i]))
        for i in range(first_year_col, len(cells))
    ]
    return _Table(
        kind="azioni",
        header_line=n,
        header=cells,
        width=len(cells),
        years=years,
        desc_col=desc,
        innov_col=innov,
        result_col=result,
    )


def _indicatori_table(n: int, cells: list[str]) -> _Table:
    years: list[_YearCol] = []
    table = _Table(kind="indicatori", header_line=n, header=cells, width=len(cells), years=years)
    desc = _find(cells, _DESCR_COL_RE)
    table.desc_col = desc if desc is not None else 1
    table.resp_col = _find(cells, _RESPONSABILI_COL_RE)
    table.note_col = _find(cells, _NOTE_RE)
    for i, c in enumerate(cells):
        if _PREVISIONE_RE.match(c):
            years.append(_YearCol(header_raw=c, col=i, header_year=_year_of(c)))
        elif _RISULTATO_RE.match(c):
            if years and years[-1].actual_col is None:
                years[-1].actual_col = i
                years[-1].actual_header_raw = c
                ry = _year_of(c)
                if ry != years[-1].header_year:
                    table.flags.append(f"'{c}' follows '{years[-1].header_raw}'")
            else:  # a Risultato column with no Previsione before it: its own year
                years.append(
                    _YearCol(
                        header_raw=c,
                        col=None,
                        header_year=_year_of(c),
                        actual_header_raw=c,
                        actual_col=i,
                    )
                )
    return table


# --- continuation and row completeness --------------------------------------------------


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


def _is_complete_row(table: _Table, cells: list[str]) -> bool:
    """A row with an empty number cell that stands on its own (not a continuation)."""

    def get(col: int | None) -> str:
        return cells[col] if col is not None and col < len(cells) else ""

    if table.kind == "azioni":
        desc, result = get(table.desc_col), get(table.result_col)
        if not (desc and result):
            return False
        marks = any(get(y.col) for y in table.years) or bool(get(table.innov_col))
        capitals = not _starts_lower(desc) and not _starts_lower(result)
        return marks or capitals
    desc = get(table.desc_col)
    targets = any(get(y.col) for y in table.years)
    if table.resp_col is not None:
        return bool(desc and get(table.resp_col) and targets)
    others = targets or any(get(y.actual_col) for y in table.years) or bool(get(table.note_col))
    return bool(desc) and not _starts_lower(desc) and others


def _append_continuation(row: _Row, cells: list[str], n: int) -> None:
    for i, c in enumerate(cells):
        if not c:
            continue
        if i >= len(row.cells):
            row.cells.extend([""] * (i + 1 - len(row.cells)))
        row.cells[i] = f"{row.cells[i]} {c}" if row.cells[i] else c
    row.lines.append(n)


# --- year resolution --------------------------------------------------------------------


@dataclass
class _Resolution:
    years: list[int | None]
    rule: str
    header_valid: bool
    agrees_with_period: bool
    flags: list[str]


def _header_valid(years: list[int | None]) -> bool:
    present = [y for y in years if y is not None]
    if not years or len(present) != len(years):
        return False
    return all(b == a + 1 for a, b in zip(present, present[1:], strict=False))


def resolve_years(
    header_years: list[int | None],
    azioni_first_year: int | None,
    period: tuple[int | None, int | None],
) -> tuple[list[int | None], str, bool]:
    """(resolved years, rule, header_valid) for one table; see the module docstring."""
    valid = _header_valid(header_years)
    if valid:
        return list(header_years), "header", True
    width = len(header_years)
    if azioni_first_year is not None:
        return [azioni_first_year + i for i in range(width)], "positional_from_azioni", False
    if period[0] is not None:
        return [period[0] + i for i in range(width)], "positional_from_period", False
    return [None] * width, "unresolved", False


def _resolve(table: _Table, scheda: _Scheda, azioni_first_year: int | None) -> _Resolution:
    header_years = [y.header_year for y in table.years]
    years, rule, valid = resolve_years(
        header_years, azioni_first_year, (scheda.period_start, scheda.period_end)
    )
    flags = list(table.flags)
    hdr = "|".join("" if y is None else str(y) for y in header_years)
    res = "|".join("" if y is None else str(y) for y in years)
    if not valid:
        flags.append(f"header years '{hdr}' are not distinct consecutive years; resolved {res}")
    agrees = False
    if scheda.period_start is not None and scheda.period_end is not None:
        declared = list(range(scheda.period_start, scheda.period_end + 1))
        agrees = years == declared
        if not agrees:
            flags.append(f"resolved years {res} differ from declared period {scheda.period_raw}")
    else:
        flags.append("scheda declares no period")
    return _Resolution(years, rule, valid, agrees, flags)


# --- responsabili -----------------------------------------------------------------------


def _responsabili_pieces(raw: str) -> list[str]:
    return [p.strip() for p in _RESP_SEPARATOR_RE.split(raw) if p and p.strip()]


def split_responsabili(raw: str, known_surnames: set[str]) -> list[tuple[str, str]]:
    """'Ferri, Verboschi e Tonelli' -> [(name, split_rule), ...]; see the module docstring."""
    out: list[tuple[str, str]] = []
    for piece in _responsabili_pieces(raw):
        words = piece.split()
        if len(words) == 1:
            out.append((piece, "separator"))
        elif all(w in known_surnames for w in words):
            out.extend((w, "space_between_known_surnames") for w in words)
        else:
            out.append((piece, "kept_whole"))
    return out


# --- split cell (asc_2021) --------------------------------------------------------------


def _is_cut_word(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    last = words[-1]
    return last.isalpha() and last.islower() and len(last) > 3 and last[-1] not in _VOWELS


def _repair_split_cells(table: _Table, row: _Row) -> dict[int, str]:
    """Rejoin a Risultato text cut into the next Previsione cell; returns repairs by year idx."""
    repairs: dict[int, str] = {}
    for i in range(len(table.years) - 1):
        cur, nxt = table.years[i], table.years[i + 1]
        if cur.actual_col is None or nxt.col is None or nxt.col != cur.actual_col + 1:
            continue
        head, tail = table.cell(row, cur.actual_col), table.cell(row, nxt.col)
        if not head or not tail or not head[-1].isalpha() or not _starts_lower(tail):
            continue
        if not _is_cut_word(head):
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


# --- main -------------------------------------------------------------------------------


class _Reader:
    """First pass: read the lines into schede and tables, claiming non-data lines."""

    def __init__(self, doc: SourceDocument, ledger: Ledger) -> None:
        self.doc = doc
        self.ledger = ledger
        self.schede: list[_Scheda] = []
        self.scheda: _Scheda | None = None
        self.table: _Table | None = None

    def read(self) -> list[_Scheda]:
        for n, text in self.doc.numbered():
            if text.strip():
                self._line(n, text)
        return self.schede

    def _line(self, n: int, text: str) -> None:
        ledger = self.ledger
        if _is_markdown_separator(text):
            ledger.boilerplate(n, "markdown_separator")
            return
        cells = _clean_cells(self.doc, n)
        filled = [c for c in cells if c]
        if not filled:
            ledger.boilerplate(n, "markup_only_line")
            return
        first = cells[0]
        if len(filled) == 1 and _SCHEDA_RE.match(first):
            self.scheda = _Scheda(scheda_no=int(_SCHEDA_RE.match(first).group(1)), lines=[n])
            self.schede.append(self.scheda)
            self.table = None
            return
        if self.scheda is None:
            ledger.unparsed(n, "text before the first 'Scheda N' line")
            return
        if self._meta(n, cells):
            return
        if len(filled) == 1 and (
            _AZIONI_HEADING_RE.match(filled[0]) or _INDICATORI_HEADING_RE.match(filled[0])
        ):
            ledger.boilerplate(n, "section_heading")
            self.table = None
            return
        if _is_azioni_header(cells) or _is_indicatori_header(cells):
            self._header(n, cells)
            return
        if self.table is None:
            ledger.unparsed(n, "line outside any table of the scheda")
            return
        self._row(n, cells)

    def _meta(self, n: int, cells: list[str]) -> bool:
        scheda = self.scheda
        assert scheda is not None
        label, rest = cells[0], [c for c in cells[1:] if c]
        value = " ".join(rest)
        if _OBIETTIVO_RE.match(label) and _PERIOD_RE.search(label):
            m = _PERIOD_RE.search(label)
            assert m is not None
            scheda.period_raw = re.sub(r"\s+", "", m.group(1)).replace("–", "-")
            scheda.period_start, scheda.period_end = int(m.group(2)), int(m.group(3))
            glued = label[m.end() :].strip()  # a title glued to the label, no TAB
            title = " ".join(t for t in (glued, value) if t)
            scheda.title = title or None
            raw_cells = self.doc.cells(n)
            scheda.title_raw = " ".join(c for c in raw_cells[1:] if c) or glued or None
        elif _RESP_LABEL_RE.match(label) and self.table is None and len(rest) <= 1:
            scheda.responsabile_raw = value or None
        elif _ALTRI_LABEL_RE.match(label) and len(rest) <= 1:
            scheda.altri_servizi = value or None
        else:
            return False
        scheda.lines.append(n)
        return True

    def _header(self, n: int, cells: list[str]) -> None:
        scheda = self.scheda
        assert scheda is not None
        kind = "azioni" if _is_azioni_header(cells) else "indicatori"
        existing = scheda.azioni if kind == "azioni" else scheda.indicatori
        if existing is not None:
            if [c for c in cells if c] == [c for c in existing.header if c]:
                self.ledger.boilerplate(n, "repeated_table_header")
                self.table = existing
            else:
                self.ledger.unparsed(
                    n, f"a second, different {kind.upper()} header in scheda {scheda.scheda_no}"
                )
            return
        table = _azioni_table(n, cells) if kind == "azioni" else _indicatori_table(n, cells)
        if kind == "azioni":
            scheda.azioni = table
        else:
            scheda.indicatori = table
        self.table = table

    def _row(self, n: int, cells: list[str]) -> None:
        table = self.table
        assert table is not None
        number = cells[0]
        if len([c for c in cells if c]) == 1 and len(cells) == 1:
            self.ledger.unparsed(n, "single-cell line inside a table: its column is unknown")
            return
        if number and not _ROW_NO_RE.match(number):
            self.ledger.unparsed(n, f"first cell '{number}' is not a row number")
            return
        padded = cells + [""] * (table.width - len(cells))
        flags: list[str] = []
        extra = [c for c in padded[table.width :] if c]
        if extra:
            flags.append(f"cells beyond the header's {table.width} columns: {extra!r}")
        padded = padded[: table.width]
        if not number and not _is_complete_row(table, padded):
            if not table.rows:
                self.ledger.unparsed(n, "continuation line with no row above it")
                return
            _append_continuation(table.rows[-1], padded, n)
            table.rows[-1].flags.extend(flags)
            return
        table.rows.append(_Row(lines=[n], cells=padded, number=number or None, flags=flags))


def _emit(result: ParseResult, table: str, record: dict[str, Any], lines: list[int]) -> None:
    """Add a record spanning exactly ``lines`` (lines in between are not claimed)."""
    result.add(table, record, min(lines))
    result.tables[table][-1]["source_line_end"] = max(lines)
    for n in lines:
        result.ledger.map(n, table)


def _detect_layout(doc: SourceDocument, schede: list[_Scheda]) -> str:
    tables = [s.indicatori for s in schede if s.indicatori is not None]
    with_actual = [t for t in tables if any(y.actual_col is not None for y in t.years)]
    with_resp = [t for t in tables if t.resp_col is not None]
    if with_actual and with_resp:
        raise UnknownLayoutError(
            doc.source_file,
            with_resp[0].header_line,
            "INDICATORI headers mix Risultato columns (asc_2021) and Responsabili (asc_2025)",
        )
    if with_actual:
        return LAYOUT_2021
    if with_resp:
        return LAYOUT_2025
    raise UnknownLayoutError(
        doc.source_file,
        None,
        "no INDICATORI header with Risultato (asc_2021) or Responsabili (asc_2025) columns",
    )


def _main_period(schede: list[_Scheda]) -> tuple[str | None, int | None, int | None]:
    counts = Counter(
        (s.period_start, s.period_end, s.period_raw) for s in schede if s.period_raw is not None
    )
    if not counts:
        return None, None, None
    (start, end, raw), _ = max(counts.items(), key=lambda kv: (kv[1], kv[0][0], kv[0][1]))
    return raw, start, end


def _resolution_record(scheda: _Scheda, table: _Table, res: _Resolution) -> dict[str, Any]:
    return {
        "scheda_no": scheda.scheda_no,
        "table_name": table.kind,
        "declared_period_raw": scheda.period_raw,
        "header_years_raw": "|".join(_year_as_written(y.header_raw) for y in table.years),
        "header_labels_raw": "|".join(y.header_raw for y in table.years),
        "resolved_years": "|".join("" if y is None else str(y) for y in res.years),
        "rule": res.rule,
        "agrees_with_period": res.agrees_with_period,
        "header_valid": res.header_valid,
        "flag": "; ".join(res.flags) or None,
    }


def _year_as_written(label: str) -> str:
    m = _YEAR_RE.search(label)
    return m.group(1) if m else ""


def _mark_value(raw: str) -> bool | None:
    if raw.upper() == "X":
        return True
    return False if raw == "" else None


def _emit_azioni(result: ParseResult, scheda: _Scheda, table: _Table) -> int | None:
    res = _resolve(table, scheda, None)
    _emit(
        result, "asc_year_resolution", _resolution_record(scheda, table, res), [table.header_line]
    )
    for seq, row in enumerate(table.rows, start=1):
        innovation = table.cell(row, table.innov_col)
        is_innovation = _mark_value(innovation)
        if is_innovation is None:
            row.flags.append(f"unexpected Innovazione cell '{innovation}'")
        year_records = []
        for y, year in zip(table.years, res.years, strict=True):
            cell = table.cell(row, y.col)
            planned = _mark_value(cell)
            if planned is None:
                row.flags.append(f"unexpected mark '{cell}' under '{y.header_raw}'")
            year_records.append(
                {
                    "scheda_no": scheda.scheda_no,
                    "action_seq": seq,
                    "year": year,
                    "year_header_raw": y.header_raw,
                    "cell_raw": cell,
                    "planned": planned,
                }
            )
        action = {
            "scheda_no": scheda.scheda_no,
            "action_seq": seq,
            "action_no": row.number,
            "innovation_raw": innovation,
            "is_innovation": is_innovation,
            "description": table.cell(row, table.desc_col) or None,
            "expected_result": table.cell(row, table.result_col) or None,
            "flag": "; ".join(row.flags) or None,
        }
        _emit(result, "asc_actions", action, row.lines)
        for rec in year_records:
            _emit(result, "asc_action_years", rec, row.lines)
    return res.years[0] if res.header_valid and res.years else None


def _emit_indicatori(
    result: ParseResult,
    scheda: _Scheda,
    table: _Table,
    azioni_first_year: int | None,
    known_surnames: set[str],
) -> None:
    res = _resolve(table, scheda, azioni_first_year)
    _emit(
        result, "asc_year_resolution", _resolution_record(scheda, table, res), [table.header_line]
    )
    for seq, row in enumerate(table.rows, start=1):
        repairs = _repair_split_cells(table, row) if result.layout == LAYOUT_2021 else {}
        resp_raw = table.cell(row, table.resp_col) if table.resp_col is not None else None
        indicator = {
            "scheda_no": scheda.scheda_no,
            "indicator_seq": seq,
            "indicator_no": row.number,
            "description": table.cell(row, table.desc_col) or None,
            "responsabili_raw": resp_raw or None,
            "note": table.cell(row, table.note_col) or None,
            "flag": "; ".join(row.flags) or None,
        }
        _emit(result, "asc_indicators", indicator, row.lines)
        for i, (y, year) in enumerate(zip(table.years, res.years, strict=True)):
            has_actual = y.actual_col is not None
            rec = {
                "scheda_no": scheda.scheda_no,
                "indicator_seq": seq,
                "year": year,
                "year_header_raw": y.header_raw,
                "target_raw": table.cell(row, y.col) or None,
                "actual_raw": (table.cell(row, y.actual_col) or None) if has_actual else None,
                "actual_header_raw": y.actual_header_raw,
                "repair": repairs.get(i),
            }
            _emit(result, "asc_indicator_years", rec, row.lines)
        if resp_raw:
            for p_seq, (name, rule) in enumerate(split_responsabili(resp_raw, known_surnames), 1):
                person = {
                    "scheda_no": scheda.scheda_no,
                    "indicator_seq": seq,
                    "person_seq": p_seq,
                    "name_raw": name,
                    "split_rule": rule,
                }
                _emit(result, "asc_indicator_responsabili", person, row.lines)


def _known_surnames(schede: list[_Scheda]) -> set[str]:
    """Responsabili pieces of one word anywhere in the document."""
    known: set[str] = set()
    for s in schede:
        t = s.indicatori
        if t is None or t.resp_col is None:
            continue
        for row in t.rows:
            known.update(p for p in _responsabili_pieces(t.cell(row, t.resp_col)) if " " not in p)
    return known


def parse(doc: SourceDocument) -> ParseResult:
    """Read one ASC schede-obiettivo document into the asc_* tables."""
    ledger = Ledger(doc)
    schede = _Reader(doc, ledger).read()
    layout = _detect_layout(doc, schede)
    period_raw, start, end = _main_period(schede)
    result = ParseResult(
        document_id=doc.document_id,
        family=FAMILY,
        layout=layout,
        ledger=ledger,
        doc_title=f"Piano programma {period_raw}: schede obiettivo" if period_raw else None,
        period_start_year=start,
        period_end_year=end,
    )
    known = _known_surnames(schede)
    for scheda in schede:
        record = {
            "scheda_no": scheda.scheda_no,
            "title": scheda.title,
            "period_raw": scheda.period_raw,
            "period_start_year": scheda.period_start,
            "period_end_year": scheda.period_end,
            "responsabile_raw": scheda.responsabile_raw,
            "altri_servizi": scheda.altri_servizi,
            "title_raw": scheda.title_raw,
        }
        _emit(result, "asc_schede", record, scheda.lines)
        azioni_first_year = None
        if scheda.azioni is not None:
            azioni_first_year = _emit_azioni(result, scheda, scheda.azioni)
        if scheda.indicatori is not None:
            _emit_indicatori(result, scheda, scheda.indicatori, azioni_first_year, known)
    return result
