"""Records of a project sheet: peg_projects, peg_objectives, peg_indicators, peg_phases,
peg_staff (the budget blocks are in emit_budget)."""

from __future__ import annotations

from typing import Any

from ingest.common import ParseResult, parse_it_date, parse_it_decimal
from ingest.peg.blocks import Indicator, Objective, Phase, Sheet, StaffRow
from ingest.peg.emit_budget import emit_budget_block
from ingest.peg.patterns import (
    T_INDICATORS,
    T_OBJECTIVES,
    T_PHASES,
    T_PROJECTS,
    T_STAFF,
    objective_type_from_raw,
)
from ingest.peg.records import add_record


def emit_sheet(result: ParseResult, sheet: Sheet) -> None:
    """Every record of one sheet, table by table (each table in line order)."""
    project = project_record(sheet)
    if project is not None:
        lines = sheet.header.lines if sheet.header else []
        assert sheet.line is not None
        add_record(result, T_PROJECTS, project, sheet.line, max(lines, default=None), also=lines)
    for o in sheet.objectives:
        record = objective_record(sheet.code, o)
        add_record(result, T_OBJECTIVES, record, o.line, max(o.lines), also=o.lines)
    for i in sheet.indicators:
        add_record(result, T_INDICATORS, indicator_record(sheet.code, i), i.line, i.note_line)
    for p in sheet.phases:
        add_record(result, T_PHASES, phase_record(sheet.code, p), p.line, p.note_line)
    for block in sheet.budgets:
        emit_budget_block(result, sheet.code, block)
    for s in sheet.staff:
        add_record(result, T_STAFF, staff_record(sheet.code, s), s.line)


def project_record(sheet: Sheet) -> dict[str, Any] | None:
    """From the sheet header; or, for a sheet whose header was lost, from the CDR table
    listing of the project; None for a sheet that is not a new project."""
    if sheet.header is not None:
        h = sheet.header
        return {
            "project_code": h.code,
            "project_name": h.name,
            "cdr_code": sheet.cdr,
            "dirigente_raw": sheet.dirigente,
            "description": h.description,
            "indirizzo": h.refs["Indirizzo"],
            "obiettivo_strategico": h.refs["Obiettivo Strategico"],
            "azione": h.refs["Azione"],
            "cdr_code_listed": sheet.listing.cdr_code if sheet.listing else None,
            "sheet_header_missing": False,
        }
    if not sheet.header_lost:
        return None
    listing = sheet.listing
    context = listing.context if listing else (None, None, None)
    return {
        "project_code": sheet.code,
        "project_name": listing.project_name if listing else None,
        "cdr_code": sheet.cdr,
        "dirigente_raw": sheet.dirigente,
        "description": None,
        "indirizzo": context[0],
        "obiettivo_strategico": context[1],
        "azione": context[2],
        "cdr_code_listed": listing.cdr_code if listing else None,
        "sheet_header_missing": True,
    }


def objective_record(project_code: str | None, o: Objective) -> dict[str, Any]:
    return {
        "project_code": project_code,
        "objective_code": o.code,
        "objective_type": objective_type_from_raw(o.type_raw),
        "objective_type_raw": o.type_raw,
        "title": o.title,
        "inferred_from_indicator": o.inferred,
    }


def indicator_record(project_code: str | None, i: Indicator) -> dict[str, Any]:
    return {
        "project_code": project_code,
        "objective_code": i.objective_code,
        "indicator_code": i.code,
        "name": i.name,
        "year": i.year,
        "target_raw": i.target_raw,
        "note": i.note,
        "objective_inferred": i.objective_inferred,
    }


def phase_record(project_code: str | None, p: Phase) -> dict[str, Any]:
    c = p.cells
    return {
        "project_code": project_code,
        "phase_order": c.order,
        "objective_code": c.objective_code,
        "description": c.description,
        "status": c.status,
        "start_date_raw": c.start_raw,
        "start_date": parse_it_date(c.start_raw),
        "end_date_raw": c.end_raw,
        "end_date": parse_it_date(c.end_raw),
        "note": p.note,
    }


def staff_record(project_code: str | None, s: StaffRow) -> dict[str, Any]:
    return {
        "project_code": project_code,
        "person_name": s.name,
        "relation": s.relation,
        "allocation_raw": s.allocation_raw,
        "allocation_pct": parse_it_decimal(s.allocation_raw),
    }
