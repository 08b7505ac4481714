"""Records of a budget block: peg_budget_lines and peg_budget_totals."""

from __future__ import annotations

from decimal import Decimal

from ingest.common import ParseResult, parse_it_decimal
from ingest.peg.blocks import BudgetBlock, CapLine, Unread
from ingest.peg.patterns import T_BUDGET_LINES, T_BUDGET_TOTALS, budget_column_kind
from ingest.peg.records import add_record
from ingest.peg.rules_budget import align_total, join_broken_lines, place_amounts, total_amounts


def emit_budget_block(result: ParseResult, project_code: str | None, block: BudgetBlock) -> None:
    """One record per amount of each capitolo line, in the column the header declares at its
    tab position; then one record per declared column for the Totale row."""
    sums: dict[int, Decimal] = {}
    for item in join_broken_lines(block.rows):
        if isinstance(item, Unread):
            for n in item.lines:
                result.ledger.unparsed(n, item.reason)
            continue
        _emit_cap_line(result, project_code, block, item, sums)
    if block.total is not None:
        _emit_total(result, project_code, block, sums)


def _emit_cap_line(
    result: ParseResult,
    project_code: str | None,
    block: BudgetBlock,
    line: CapLine,
    sums: dict[int, Decimal],
) -> None:
    first, last = line.lines[0], line.lines[-1]
    fits = place_amounts(line.amounts, block.columns)
    if not fits:
        for n in line.lines:
            result.ledger.unparsed(n, "budget amount outside the declared columns")
        return
    k = fits[0]
    for i, raw in line.amounts:
        col = block.columns[i + k]
        flow, nature = budget_column_kind(col)
        amount = parse_it_decimal(raw)
        sums[i + k] = sums.get(i + k, Decimal(0)) + (amount or Decimal(0))
        record = {
            "project_code": project_code,
            "block_seq": block.seq,
            "capitolo": line.cap,
            "articolo": line.art,
            "capitolo_description": line.description,
            "column_name": col,
            "flow": flow,
            "nature": nature,
            "amount_raw": raw,
            "amount": amount,
            "cap_raw": line.cap_raw,
            "shift_corrected": k != 0,
        }
        add_record(result, T_BUDGET_LINES, record, first, last, also=line.lines[1:-1])


def _emit_total(
    result: ParseResult, project_code: str | None, block: BudgetBlock, sums: dict[int, Decimal]
) -> None:
    assert block.total is not None
    amounts = total_amounts(block.total.cells)
    assert amounts is not None
    k = align_total(amounts, block.columns, sums)
    assert k is not None  # the reader only keeps a Totale row that fits
    by_col = {i + k: raw for i, raw in amounts}
    for idx, col in sorted(block.columns.items()):
        raw = by_col.get(idx)
        flow, nature = budget_column_kind(col)
        record = {
            "project_code": project_code,
            "block_seq": block.seq,
            "column_name": col,
            "flow": flow,
            "nature": nature,
            "amount_raw": raw,
            "amount": parse_it_decimal(raw),
            "shift_corrected": k != 0,
        }
        add_record(result, T_BUDGET_TOTALS, record, block.total.line)
