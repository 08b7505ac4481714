"""Stage 1: the lines of an ASC schede document into schede and tables (``model``).

Lines that carry no data are claimed here: markdown debris (``--<TAB>--<TAB>-----``,
``| --- |``) -> boilerplate ``markdown_separator``; headings "AZIONI" / "INDICATORI ..." ->
boilerplate ``section_heading``; a table header repeated after a page break (same cells as
the table's header) -> boilerplate ``repeated_table_header``. HTML tags and ``<b>``/``**``
are removed with ``strip_markup``; the text of "●" list items is kept as written (bullet
glyph included).

Each table is read through its own header: columns are found by their labels, so a table
whose first header cells are empty (or "N", "N.") reads the same way.
"""

from __future__ import annotations

import re

from ingest.asc_schede.model import Row, Scheda, Table, YearCol
from ingest.asc_schede.patterns import (
    ALTRI_LABEL_RE,
    AZIONI_HEADING_RE,
    DESCR_COL_RE,
    INDICATORI_HEADING_RE,
    NOTE_RE,
    OBIETTIVO_RE,
    PERIOD_RE,
    PREVISIONE_RE,
    RESP_LABEL_RE,
    RESPONSABILI_COL_RE,
    RISULTATO_RE,
    ROW_NO_RE,
    SCHEDA_RE,
    clean_cells,
    find,
    is_azioni_header,
    is_indicatori_header,
    is_markdown_separator,
    year_of,
)
from ingest.asc_schede.rules import append_continuation, is_complete_row
from ingest.common import Ledger, SourceDocument


def azioni_table(n: int, cells: list[str]) -> Table:
    """The AZIONI table of header line ``n``: the year columns follow the text columns."""
    low = [c.lower() for c in cells]
    innov = low.index("innovazione") if "innovazione" in low else None
    desc = low.index("descrizione")
    result = low.index("risultato atteso")
    first_year_col = max(i for i in (innov, desc, result) if i is not None) + 1
    years = [
        YearCol(header_raw=cells[i], col=i, header_year=year_of(cells[i]))
        for i in range(first_year_col, len(cells))
    ]
    return Table(
        kind="azioni",
        header_line=n,
        header=cells,
        width=len(cells),
        years=years,
        desc_col=desc,
        innov_col=innov,
        result_col=result,
    )


def indicatori_table(n: int, cells: list[str]) -> Table:
    """The INDICATORI table of header line ``n``: a year per Previsione column, with the
    Risultato column that follows it (asc_2021)."""
    years: list[YearCol] = []
    table = Table(kind="indicatori", header_line=n, header=cells, width=len(cells), years=years)
    desc = find(cells, DESCR_COL_RE)
    table.desc_col = desc if desc is not None else 1
    table.resp_col = find(cells, RESPONSABILI_COL_RE)
    table.note_col = find(cells, NOTE_RE)
    for i, c in enumerate(cells):
        if PREVISIONE_RE.match(c):
            years.append(YearCol(header_raw=c, col=i, header_year=year_of(c)))
        elif RISULTATO_RE.match(c):
            if years and years[-1].actual_col is None:
                years[-1].actual_col = i
                years[-1].actual_header_raw = c
                ry = year_of(c)
                if ry != years[-1].header_year:
                    table.flags.append(f"'{c}' follows '{years[-1].header_raw}'")
            else:  # a Risultato column with no Previsione before it: its own year
                years.append(
                    YearCol(
                        header_raw=c,
                        col=None,
                        header_year=year_of(c),
                        actual_header_raw=c,
                        actual_col=i,
                    )
                )
    return table


def read_schede(doc: SourceDocument, ledger: Ledger) -> list[Scheda]:
    """The document's lines into schede and tables, claiming non-data lines in ``ledger``."""
    return _Reader(doc, ledger).read()


class _Reader:
    """First pass: read the lines into schede and tables, claiming non-data lines."""

    def __init__(self, doc: SourceDocument, ledger: Ledger) -> None:
        self.doc = doc
        self.ledger = ledger
        self.schede: list[Scheda] = []
        self.scheda: Scheda | None = None
        self.table: Table | None = None

    def read(self) -> list[Scheda]:
        for n, text in self.doc.numbered():
            if text.strip():
                self._line(n, text)
        return self.schede

    def _line(self, n: int, text: str) -> None:
        ledger = self.ledger
        if is_markdown_separator(text):
            ledger.boilerplate(n, "markdown_separator")
            return
        cells = clean_cells(self.doc, n)
        filled = [c for c in cells if c]
        if not filled:
            ledger.boilerplate(n, "markup_only_line")
            return
        first = cells[0]
        if len(filled) == 1 and SCHEDA_RE.match(first):
            self.scheda = Scheda(scheda_no=int(SCHEDA_RE.match(first).group(1)), lines=[n])
            self.schede.append(self.scheda)
            self.table = None
            return
        if self.scheda is None:
            ledger.unparsed(n, "text before the first 'Scheda N' line")
            return
        if self._meta(n, cells):
            return
        if len(filled) == 1 and (
            AZIONI_HEADING_RE.match(filled[0]) or INDICATORI_HEADING_RE.match(filled[0])
        ):
            ledger.boilerplate(n, "section_heading")
            self.table = None
            return
        if is_azioni_header(cells) or is_indicatori_header(cells):
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
        if OBIETTIVO_RE.match(label) and PERIOD_RE.search(label):
            m = PERIOD_RE.search(label)
            assert m is not None
            scheda.period_raw = re.sub(r"\s+", "", m.group(1)).replace("–", "-")
            scheda.period_start, scheda.period_end = int(m.group(2)), int(m.group(3))
            glued = label[m.end() :].strip()  # a title glued to the label, no TAB
            title = " ".join(t for t in (glued, value) if t)
            scheda.title = title or None
            raw_cells = self.doc.cells(n)
            scheda.title_raw = " ".join(c for c in raw_cells[1:] if c) or glued or None
        elif RESP_LABEL_RE.match(label) and self.table is None and len(rest) <= 1:
            scheda.responsabile_raw = value or None
        elif ALTRI_LABEL_RE.match(label) and len(rest) <= 1:
            scheda.altri_servizi = value or None
        else:
            return False
        scheda.lines.append(n)
        return True

    def _header(self, n: int, cells: list[str]) -> None:
        scheda = self.scheda
        assert scheda is not None
        kind = "azioni" if is_azioni_header(cells) else "indicatori"
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
        table = azioni_table(n, cells) if kind == "azioni" else indicatori_table(n, cells)
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
        if number and not ROW_NO_RE.match(number):
            self.ledger.unparsed(n, f"first cell '{number}' is not a row number")
            return
        padded = cells + [""] * (table.width - len(cells))
        flags: list[str] = []
        extra = [c for c in padded[table.width :] if c]
        if extra:
            flags.append(f"cells beyond the header's {table.width} columns: {extra!r}")
        padded = padded[: table.width]
        if not number and not is_complete_row(table, padded):
            if not table.rows:
                self.ledger.unparsed(n, "continuation line with no row above it")
                return
            append_continuation(table.rows[-1], padded, n)
            table.rows[-1].flags.extend(flags)
            return
        table.rows.append(Row(lines=[n], cells=padded, number=number or None, flags=flags))
