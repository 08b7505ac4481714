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
    """The document's lines into schede and tables, claiming non-data lines in ``ledger``.

    One pass; its state is the scheda and the table being read."""
    schede: list[Scheda] = []
    scheda: Scheda | None = None
    table: Table | None = None
    for n, text in doc.numbered():
        if not text.strip():
            continue
        if is_markdown_separator(text):
            ledger.boilerplate(n, "markdown_separator")
            continue
        cells = clean_cells(doc, n)
        filled = [c for c in cells if c]
        heading = filled[0] if len(filled) == 1 else ""
        if not filled:
            ledger.boilerplate(n, "markup_only_line")
        elif heading and SCHEDA_RE.match(cells[0]):
            scheda = Scheda(scheda_no=int(SCHEDA_RE.match(cells[0]).group(1)), lines=[n])
            schede.append(scheda)
            table = None
        elif scheda is None:
            ledger.unparsed(n, "text before the first 'Scheda N' line")
        elif read_meta(doc, n, cells, scheda, in_table=table is not None):
            scheda.lines.append(n)
        elif AZIONI_HEADING_RE.match(heading) or INDICATORI_HEADING_RE.match(heading):
            ledger.boilerplate(n, "section_heading")
            table = None
        elif is_azioni_header(cells) or is_indicatori_header(cells):
            opened = read_header(n, cells, scheda, ledger)
            table = table if opened is None else opened
        elif table is None:
            ledger.unparsed(n, "line outside any table of the scheda")
        else:
            read_row(n, cells, table, ledger)
    return schede


def read_meta(
    doc: SourceDocument, n: int, cells: list[str], scheda: Scheda, in_table: bool
) -> bool:
    """Line ``n`` is a line of the scheda's head (period and title, responsabile, altri
    servizi): its values go to ``scheda``."""
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
        raw_cells = doc.cells(n)
        scheda.title_raw = " ".join(c for c in raw_cells[1:] if c) or glued or None
    elif RESP_LABEL_RE.match(label) and not in_table and len(rest) <= 1:
        scheda.responsabile_raw = value or None
    elif ALTRI_LABEL_RE.match(label) and len(rest) <= 1:
        scheda.altri_servizi = value or None
    else:
        return False
    return True


def read_header(n: int, cells: list[str], scheda: Scheda, ledger: Ledger) -> Table | None:
    """The table a header line opens: a new table of the scheda, or the same table when its
    header is repeated after a page break (boilerplate). None (the line unparsed) for a
    second, different header of a table the scheda already has."""
    kind = "azioni" if is_azioni_header(cells) else "indicatori"
    existing = scheda.azioni if kind == "azioni" else scheda.indicatori
    if existing is not None:
        if [c for c in cells if c] == [c for c in existing.header if c]:
            ledger.boilerplate(n, "repeated_table_header")
            return existing
        ledger.unparsed(
            n, f"a second, different {kind.upper()} header in scheda {scheda.scheda_no}"
        )
        return None
    if kind == "azioni":
        scheda.azioni = azioni_table(n, cells)
        return scheda.azioni
    scheda.indicatori = indicatori_table(n, cells)
    return scheda.indicatori


def read_row(n: int, cells: list[str], table: Table, ledger: Ledger) -> None:
    """Line ``n`` inside ``table``: a new row, or the continuation of the row above."""
    number = cells[0]
    if len([c for c in cells if c]) == 1 and len(cells) == 1:
        ledger.unparsed(n, "single-cell line inside a table: its column is unknown")
        return
    if number and not ROW_NO_RE.match(number):
        ledger.unparsed(n, f"first cell '{number}' is not a row number")
        return
    padded = cells + [""] * (table.width - len(cells))
    flags: list[str] = []
    extra = [c for c in padded[table.width :] if c]
    if extra:
        flags.append(f"cells beyond the header's {table.width} columns: {extra!r}")
    padded = padded[: table.width]
    if not number and not is_complete_row(table, padded):
        if not table.rows:
            ledger.unparsed(n, "continuation line with no row above it")
            return
        append_continuation(table.rows[-1], padded, n)
        table.rows[-1].flags.extend(flags)
        return
    table.rows.append(Row(lines=[n], cells=padded, number=number or None, flags=flags))
