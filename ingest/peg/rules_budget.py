"""Rules for the defects of the export in the budget blocks of a project sheet.

A budget block is a column header ('Entrate Correnti', 'Spese Correnti', ...) at some tab
positions, 'Cap. N Art. M' lines with a description and amounts, and a 'Totale' row. The
export shifts amounts by one column, drops the leading empty cell of the Totale row, and may
break a line in two. Amounts are never guessed: an amount that fits no declared column is
reported, not placed.
"""

from __future__ import annotations

from decimal import Decimal

from ingest.common import parse_it_decimal
from ingest.peg.blocks import BudgetBlock, BudgetRow, CapLine, Unread
from ingest.peg.patterns import RE_CAP, nonempty
from ingest.repairs import is_it_amount

SHIFTS = (0, 1, -1)  # in order of preference


def is_repeated_budget_header(
    block: BudgetBlock | None, table: str | None, columns: dict[int, str]
) -> bool:
    """Budget header repeated after a page break: the same columns again while the block is
    still being read (no Totale row yet). It is boilerplate, not a second block."""
    return (
        block is not None and table == "budget" and block.total is None and block.columns == columns
    )


def place_amounts(amounts: list[tuple[int, str]], columns: dict[int, str]) -> list[int]:
    """Shifted budget amounts: the shifts (0, then +1, then -1 tab) under which every amount
    of a line falls under a column its block header declares. Empty when none does: the
    amounts are then not placed at all."""
    return [k for k in SHIFTS if all((i + k) in columns for i, _ in amounts)]


def align_total(
    amounts: list[tuple[int, str]], columns: dict[int, str], sums: dict[int, Decimal]
) -> int | None:
    """Totale row that lost its leading empty cell ('Totale<TAB>266.976,51<TAB>848.129,59'
    under '<TAB><TAB>Entrate Correnti<TAB>Spese Correnti'): among the shifts that fit the
    header, take the one under which most totals equal the sum of their column's lines
    (no shift on a tie). None when no shift fits."""
    fits = place_amounts(amounts, columns)
    if not fits:
        return None

    def score(k: int) -> int:
        return sum(1 for i, raw in amounts if sums.get(i + k) == parse_it_decimal(raw))

    return max(fits, key=lambda k: (score(k), k == 0))


def total_amounts(cells: list[str]) -> list[tuple[int, str]] | None:
    """The amounts of a 'Totale' row, or None when the row holds anything but amounts."""
    rest = [(i, c) for i, c in nonempty(cells) if i > 0]
    if any(not is_it_amount(c) for _, c in rest):
        return None
    return rest


def split_cap_line(cells: list[str]) -> tuple[str, str, str | None, list[tuple[int, str]]]:
    """(capitolo, articolo, description, amounts) of a 'Cap. N Art. M' line."""
    cap, art = RE_CAP.match(cells[0]).groups()  # type: ignore[union-attr]
    rest = [(i, c) for i, c in nonempty(cells) if i > 0]
    amounts = [(i, c) for i, c in rest if is_it_amount(c)]
    desc = " ".join(c for _, c in rest if not is_it_amount(c)) or None
    return cap, art, desc, amounts


def join_broken_lines(rows: list[BudgetRow]) -> list[CapLine | Unread]:
    """Budget line broken over two or more lines: a 'Cap.' line without amounts takes the
    following lines (their text continues the description) until one brings the amounts; a
    text-only line after a complete 'Cap.' line continues its description. A 'Cap.' line
    that never gets its amounts, and a line that continues nothing, are returned as Unread.
    """
    out: list[CapLine | Unread] = []
    pending: CapLine | None = None
    last: CapLine | None = None  # the last complete line, which a text-only line continues

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            out.extend(Unread([n], "budget line without an amount") for n in pending.lines)
            pending = None

    for row in rows:
        if row.kind == "unaligned_total":
            flush()
            out.append(
                Unread([row.line], "budget Totale row that cannot be aligned with its header")
            )
            continue
        if row.kind == "cap":
            flush()
            cap, art, desc, amounts = split_cap_line(row.cells)
            if amounts:
                last = CapLine([row.line], row.cells[0], cap, art, desc, amounts)
                out.append(last)
            else:
                pending = CapLine([row.line], row.cells[0], cap, art, desc or "", [])
                last = None
            continue
        ne = nonempty(row.cells)
        amounts = [(i, c) for i, c in ne if is_it_amount(c)]
        text = " ".join(c for _, c in ne if not is_it_amount(c))
        if pending is not None:
            pending.lines.append(row.line)
            pending.description = " ".join(p for p in (pending.description, text) if p)
            if amounts:
                pending.description = pending.description or None
                pending.amounts = amounts
                out.append(pending)
                last, pending = pending, None
            continue
        if last is not None and text and not amounts:
            last.lines.append(row.line)
            last.description = " ".join(p for p in (last.description, text) if p)
            continue
        out.append(Unread([row.line], "unrecognised line in budget block"))
    flush()
    return out
