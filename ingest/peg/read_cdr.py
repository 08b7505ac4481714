"""Reading stage 2a: a CDR section ('<code> - <name>', 'Dirigente:', the summary table)."""

from __future__ import annotations

from ingest.common import Ledger
from ingest.peg.blocks import NO_CONTEXT, CdrRow, CdrSection, FrontPage, Listing
from ingest.peg.lines import Lines, cdr_header, dirigente_after
from ingest.peg.patterns import T_CDR_ROWS, is_cdr_table_header
from ingest.peg.rules_cdr import carry_context, cdr_row_cells, totale_context


def read_cdr_section(
    lv: Lines,
    lines: list[int],
    front: FrontPage,
    year: int | None,
    listed: dict[str, Listing],
    ledger: Ledger,
) -> CdrSection:
    """The section whose header and 'Dirigente:' lines are ``lines[0]`` and ``lines[1]``.

    Each project row found is added to ``listed`` (first listing wins), so that a sheet
    whose header was lost can be named from it.
    """
    n, d = lines[0], lines[1]
    m = cdr_header(lv, n)
    dirigente = dirigente_after(lv, n)
    assert m is not None and dirigente is not None
    code = m.group(1)
    front_cdr = front.cdrs.get(code)
    section = CdrSection(
        code=code,
        name=m.group(2).strip(),
        line=n,
        dirigente=dirigente[1],
        dirigente_line=d,
        year=year,
        front_line=front_cdr[1] if front_cdr else None,
    )
    context = NO_CONTEXT
    header_seen = False
    for k in lines[2:]:
        cells = lv.cells(k)
        if is_cdr_table_header(cells):
            if header_seen:
                ledger.boilerplate(k, "repeated_table_header")
            else:
                ledger.map(k, T_CDR_ROWS)
                header_seen = True
            continue
        read = cdr_row_cells(cells)
        if isinstance(read, str):
            ledger.unparsed(k, read)
            continue
        if read.kind == "project":
            context = carry_context(context, read.context_cells)
            row_context = context
        else:
            row_context = totale_context(read.kind, context)
        section.rows.append(CdrRow(k, len(section.rows) + 1, read, row_context))
        if read.code is not None:
            listed.setdefault(read.code, Listing(code, read.name, row_context))
    return section
