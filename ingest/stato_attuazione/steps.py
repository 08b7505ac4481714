"""Stage 2b: the step tables and the "TOTALE <year>" rows of each objective block.

Each objective has two "Sviluppo obiettivo per steps intermedi" tables: the weights
(``sa_steps``: deadline, indicator, weight in the objective and in the year) and the
verification (``sa_step_verifications``: what was done and the % achieved). Both repeat the
step's description, deadline and indicator. Its "TOTALE <year>" row is ``sa_totals``.
"""

from __future__ import annotations

from typing import Any

from ingest.common import ParseResult, parse_it_date
from ingest.repairs import cell_at

from .model import ObjectiveBlock, Row, StepTable, TotalRow
from .patterns import RE_STEP_CODE, RE_TOTAL, T_STEPS, T_TOTALS, T_VERIFICATIONS, clean, norm, pct

StepKey = tuple[str | None, str]  # (objective code, step code)


def cells_missing(cells: list[str], width: int) -> bool:
    """Flags a step row the export cut short: fewer cells than its table's header (the
    missing weights or achievement are None, never guessed)."""
    return len(cells) < width


def extra_cells_raw(cells: list[str], width: int) -> str | None:
    """Keeps, as written, the non-empty cells of a step row beyond its header's width."""
    extra = [c for c in cells[width:] if c]
    return " | ".join(extra) if extra else None


def step_prefix_matches(step_code: str, objective_code: str | None) -> bool:
    """Whether a step code ("A.3") starts with its objective's code ("A"): a step filed
    under another objective is kept there, and flagged."""
    m = RE_STEP_CODE.match(step_code)
    return m is not None and m.group("obj") == objective_code


def table_year(table: StepTable, report_year: int | None) -> int | None:
    """The year of a step table: the one its header names ("peso step/2020",
    "% raggiungimento 2020"); without one, the report date's year."""
    return table.year if table.year is not None else report_year


def copied_verification(seen: dict[str, str], verification: str | None) -> str | None:
    """The step code of an earlier step whose verification has the same text.

    Flags a verification copied from another step (the sample's D.1, E.1 and F.1 carry
    C.1's text about the SIPROIMI places). The text is kept as written. ``seen`` maps each
    normalised text to the first step that wrote it.
    """
    return seen.get(norm(verification)) if verification else None


def step_text_differs(texts: tuple[str | None, ...], weights: dict[str, Any] | None) -> bool | None:
    """Whether a verification row's description, deadline and indicator differ from the
    weights row of the same step (None when the weights table has no such step)."""
    if weights is None:
        return None
    return texts != (weights["description"], weights["deadline_raw"], weights["indicator"])


def step_base(row: Row, objective_code: str | None) -> dict[str, Any]:
    """The fields both step tables share: the objective, the step code and its number."""
    code = row.cells[0]
    m = RE_STEP_CODE.match(code)
    assert m is not None, "the reader only makes step rows of lines that start with a code"
    return {
        "objective_code": objective_code,
        "step_code": code,
        "step_seq": int(m.group("seq")),
    }


def step_flags(row: Row, table: StepTable, objective_code: str | None) -> dict[str, Any]:
    """The defects of a step row, flagged on its record."""
    return {
        "step_prefix_matches": step_prefix_matches(row.cells[0], objective_code),
        "cells_missing": cells_missing(row.cells, table.width),
        "extra_cells_raw": extra_cells_raw(row.cells, table.width),
    }


def weights_record(
    row: Row, table: StepTable, objective_code: str | None, year: int | None
) -> dict[str, Any]:
    """A row of the weights table, each cell read through the table's header."""
    cells, cols = row.cells, table.columns
    deadline_raw = clean(cell_at(cells, cols.get("deadline")))
    w_obj_raw, w_obj = pct(cell_at(cells, cols.get("w_obj")))
    w_year_raw, w_year = pct(cell_at(cells, cols.get("w_year")))
    return {
        **step_base(row, objective_code),
        "description": clean(cell_at(cells, cols.get("description"))),
        "deadline_raw": deadline_raw,
        "deadline": parse_it_date(deadline_raw),
        "indicator": clean(cell_at(cells, cols.get("indicator"))),
        "weight_in_objective_raw": w_obj_raw,
        "weight_in_objective_pct": w_obj,
        "weight_in_year_raw": w_year_raw,
        "weight_in_year_pct": w_year,
        "year": year,
        **step_flags(row, table, objective_code),
    }


def verification_record(
    row: Row,
    table: StepTable,
    objective_code: str | None,
    year: int | None,
    weights: dict[str, Any] | None,
    seen: dict[str, str],
) -> dict[str, Any]:
    """A row of the verification table, compared with the step's weights row and with the
    verification texts written before it."""
    cells, cols = row.cells, table.columns
    texts = (
        clean(cell_at(cells, cols.get("description"))),
        clean(cell_at(cells, cols.get("deadline"))),
        clean(cell_at(cells, cols.get("indicator"))),
    )
    verification = clean(cell_at(cells, cols.get("verification")))
    achievement_raw, achievement = pct(cell_at(cells, cols.get("achievement")))
    return {
        **step_base(row, objective_code),
        "verification": verification,
        "achievement_raw": achievement_raw,
        "achievement_pct": achievement,
        "year": year,
        "description": texts[0],
        "deadline_raw": texts[1],
        "indicator": texts[2],
        "step_text_differs": step_text_differs(texts, weights),
        "verification_same_text_as": copied_verification(seen, verification),
        **step_flags(row, table, objective_code),
    }


def emit_steps(
    result: ParseResult, objectives: list[ObjectiveBlock], report_year: int | None
) -> None:
    """Add every step table's rows, in document order, and map the tables' headers (they
    give the year). A verification row is compared with the latest weights row of the same
    objective and step, and with every verification text written before it."""
    weights_by_step: dict[StepKey, dict[str, Any]] = {}
    seen_texts: dict[str, str] = {}  # normalised verification text -> first step code
    for block in objectives:
        for table in block.step_tables:
            is_weights = table.kind == "weights"
            result.ledger.map(table.header_line, T_STEPS if is_weights else T_VERIFICATIONS)
            year = table_year(table, report_year)
            for row in table.rows:
                code = block.code_at(row.first)
                if is_weights:
                    rec = weights_record(row, table, code, year)
                    weights_by_step[(code, rec["step_code"])] = rec
                    result.add(T_STEPS, rec, (row.first, row.last))
                    continue
                step_code = row.cells[0]
                weights = weights_by_step.get((code, step_code))
                rec = verification_record(row, table, code, year, weights, seen_texts)
                if rec["verification"]:
                    seen_texts.setdefault(norm(rec["verification"]), step_code)
                result.add(T_VERIFICATIONS, rec, (row.first, row.last))


def total_value(cells: list[str], label_column: int) -> tuple[int, str] | str:
    """(column, cell) of the value of a "TOTALE <year>" row, or why there is none.

    The label may sit in any column (see ``patterns.total_label_column``); the value is the
    only other non-empty cell, wherever it is.
    """
    values = [(i, c) for i, c in enumerate(cells) if c and i != label_column]
    if len(values) != 1:
        return f"total row with {len(values)} value cells (expected 1)"
    return values[0]


def emit_totals(result: ParseResult, block: ObjectiveBlock) -> None:
    """Add the block's "TOTALE <year>" rows; a total before the objective row, or without
    exactly one value, is left unparsed."""
    for total in block.totals:
        emit_total(result, total, block.code_at(total.line))


def emit_total(result: ParseResult, total: TotalRow, objective_code: str | None) -> None:
    if objective_code is None:
        result.ledger.unparsed(total.line, "total row outside an objective block")
        return
    found = total_value(total.cells, total.label_column)
    if isinstance(found, str):
        result.ledger.unparsed(total.line, found)
        return
    value_column, value = found
    label = total.cells[total.label_column]
    m = RE_TOTAL.match(label)
    assert m is not None
    raw, figure = pct(value)
    record = {
        "objective_code": objective_code,
        "label": label,
        "year": int(m.group("year")),
        "total_raw": raw,
        "total_pct": figure,
        "label_column": total.label_column,
        "value_column": value_column,
    }
    result.add(T_TOTALS, record, total.line)
