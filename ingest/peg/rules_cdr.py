"""Rules for the defects of the export in the CDR summary tables.

The export shifts the rows of a CDR table left and right (a row may start at column 0, 1 or
5), repeats or omits the context cells, and puts the 'Totale X' labels in varying columns.
So no cell is read by its column index: each is read by what it contains.
"""

from __future__ import annotations

from ingest.peg.blocks import NO_CONTEXT, CdrRowCells, Context
from ingest.peg.patterns import RE_PROJECT_CELL, RE_TOTALE_CDR, nonempty
from ingest.repairs import is_it_amount, is_it_percent


def figures(cells: list[tuple[int, str]]) -> tuple[list[str], list[str], list[str]]:
    """(amounts, percentages, texts) among the cells, told apart by their format."""
    amounts = [c for _, c in cells if is_it_amount(c)]
    pcts = [c for _, c in cells if is_it_percent(c)]
    texts = [c for _, c in cells if not is_it_amount(c) and not is_it_percent(c)]
    return amounts, pcts, texts


def cdr_row_cells(cells: list[str]) -> CdrRowCells | str:
    """Shifted CDR rows: read a row by content wherever its cells sit.

    A project row has exactly one project-code cell: the text cells before it are context
    (Indirizzo / Obiettivo / Azione), after it come the project name, an amount (Budget) and a
    percentage (% di assorbimento). A subtotal row has one 'Totale X' label and at most one
    amount and one percentage. Anything else is returned as the reason it is not read.
    """
    ne = nonempty(cells)
    totals = [(i, c) for i, c in ne if RE_TOTALE_CDR.match(c)]
    codes = [(i, c) for i, c in ne if RE_PROJECT_CELL.match(c)]
    if totals and not codes:
        if len(totals) != 1:
            return "CDR table row with more than one Totale label"
        label_idx, label = totals[0]
        amounts, pcts, texts = figures([(i, c) for i, c in ne if i != label_idx])
        if texts or len(amounts) > 1 or len(pcts) > 1:
            return "CDR Totale row with unexpected cells"
        level = RE_TOTALE_CDR.match(label).group(1).lower()  # type: ignore[union-attr]
        return CdrRowCells(f"totale_{level}", (), None, None, _first(amounts), _first(pcts))
    if len(codes) == 1 and not totals:
        code_idx, code = codes[0]
        b_amounts, b_pcts, ctx_cells = figures([(i, c) for i, c in ne if i < code_idx])
        amounts, pcts, texts = figures([(i, c) for i, c in ne if i > code_idx])
        if b_amounts or b_pcts or len(ctx_cells) > 3:
            return "CDR project row with unexpected cells before the code"
        if len(texts) > 1 or len(amounts) > 1 or len(pcts) > 1:
            return "CDR project row with unexpected cells after the code"
        return CdrRowCells(
            "project", tuple(ctx_cells), code, _first(texts), _first(amounts), _first(pcts)
        )
    return "CDR table row without a single project code or Totale label"


def carry_context(context: Context, context_cells: tuple[str, ...]) -> Context:
    """Repeated or omitted context: the export writes Indirizzo / Obiettivo / Azione only on
    the row where they change (or again after a page break). The cells fill the hierarchy from
    the right: the cell nearest the project code is the Azione, then the Obiettivo, then the
    Indirizzo; the levels the row does not give are carried down from the rows above."""
    k = len(context_cells)
    if not k:
        return context
    merged = list(context[: 3 - k]) + list(context_cells)
    return (merged[0], merged[1], merged[2])


def totale_context(kind: str, context: Context) -> Context:
    """A 'Totale X' row closes level X: it keeps the context down to X and none below."""
    ind, obj, az = context
    return {
        "totale_azione": (ind, obj, az),
        "totale_obiettivo": (ind, obj, None),
        "totale_indirizzo": (ind, None, None),
        "totale_cdr": NO_CONTEXT,
    }[kind]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None
