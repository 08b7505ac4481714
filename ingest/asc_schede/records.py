"""Stage 2: records of the asc_* tables from the schede and tables read in stage 1."""

from __future__ import annotations

from typing import Any

from ingest.asc_schede.model import Scheda, Table
from ingest.asc_schede.patterns import LAYOUT_2021, year_as_written
from ingest.asc_schede.rules import repair_split_cells, split_responsabili
from ingest.asc_schede.years import Resolution, resolve
from ingest.common import ParseResult


def emit(result: ParseResult, table: str, record: dict[str, Any], lines: list[int]) -> None:
    """Add a record spanning exactly ``lines`` (lines in between are not claimed)."""
    result.add(table, record, min(lines))
    result.tables[table][-1]["source_line_end"] = max(lines)
    for n in lines:
        result.ledger.map(n, table)


def scheda_record(scheda: Scheda) -> dict[str, Any]:
    return {
        "scheda_no": scheda.scheda_no,
        "title": scheda.title,
        "period_raw": scheda.period_raw,
        "period_start_year": scheda.period_start,
        "period_end_year": scheda.period_end,
        "responsabile_raw": scheda.responsabile_raw,
        "altri_servizi": scheda.altri_servizi,
        "title_raw": scheda.title_raw,
    }


def resolution_record(scheda: Scheda, table: Table, res: Resolution) -> dict[str, Any]:
    return {
        "scheda_no": scheda.scheda_no,
        "table_name": table.kind,
        "declared_period_raw": scheda.period_raw,
        "header_years_raw": "|".join(year_as_written(y.header_raw) for y in table.years),
        "header_labels_raw": "|".join(y.header_raw for y in table.years),
        "resolved_years": "|".join("" if y is None else str(y) for y in res.years),
        "rule": res.rule,
        "agrees_with_period": res.agrees_with_period,
        "header_valid": res.header_valid,
        "flag": "; ".join(res.flags) or None,
    }


def mark_value(raw: str) -> bool | None:
    """An "X" mark cell: True; empty: False; anything else: None (flagged by the caller)."""
    if raw.upper() == "X":
        return True
    return False if raw == "" else None


def emit_azioni(result: ParseResult, scheda: Scheda, table: Table) -> int | None:
    """asc_actions and asc_action_years; returns the AZIONI table's first year when its
    header is valid (the start of the INDICATORI years when theirs is not)."""
    res = resolve(table, scheda, None)
    emit(result, "asc_year_resolution", resolution_record(scheda, table, res), [table.header_line])
    for seq, row in enumerate(table.rows, start=1):
        innovation = table.cell(row, table.innov_col)
        is_innovation = mark_value(innovation)
        if is_innovation is None:
            row.flags.append(f"unexpected Innovazione cell '{innovation}'")
        year_records = []
        for y, year in zip(table.years, res.years, strict=True):
            cell = table.cell(row, y.col)
            planned = mark_value(cell)
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
        emit(result, "asc_actions", action, row.lines)
        for rec in year_records:
            emit(result, "asc_action_years", rec, row.lines)
    return res.years[0] if res.header_valid and res.years else None


def emit_indicatori(
    result: ParseResult,
    scheda: Scheda,
    table: Table,
    azioni_first_year: int | None,
    known_surnames: set[str],
) -> None:
    """asc_indicators, asc_indicator_years and asc_indicator_responsabili."""
    res = resolve(table, scheda, azioni_first_year)
    emit(result, "asc_year_resolution", resolution_record(scheda, table, res), [table.header_line])
    for seq, row in enumerate(table.rows, start=1):
        repairs = repair_split_cells(table, row) if result.layout == LAYOUT_2021 else {}
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
        emit(result, "asc_indicators", indicator, row.lines)
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
            emit(result, "asc_indicator_years", rec, row.lines)
        if resp_raw:
            for p_seq, (name, rule) in enumerate(split_responsabili(resp_raw, known_surnames), 1):
                person = {
                    "scheda_no": scheda.scheda_no,
                    "indicator_seq": seq,
                    "person_seq": p_seq,
                    "name_raw": name,
                    "split_rule": rule,
                }
                emit(result, "asc_indicator_responsabili", person, row.lines)
