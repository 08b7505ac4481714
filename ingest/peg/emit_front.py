"""Records of the front page and the CDR sections: peg_document, peg_cdr, peg_cdr_rows."""

from __future__ import annotations

from ingest.common import ParseResult, parse_it_date, parse_it_decimal
from ingest.peg.blocks import CdrRow, CdrSection, FrontPage
from ingest.peg.patterns import T_CDR, T_CDR_ROWS, T_DOCUMENT
from ingest.peg.records import add_record


def emit_cdr_section(result: ParseResult, section: CdrSection) -> None:
    """The CDR (from its header, Dirigente line and front-page listing) and its table rows."""
    add_record(
        result,
        T_CDR,
        {
            "cdr_code": section.code,
            "cdr_name": section.name,
            "dirigente_raw": section.dirigente,
            "year": section.year,
            "listed_on_front_page": section.front_line is not None,
        },
        section.line,
        section.dirigente_line,
        also=[section.front_line] if section.front_line is not None else [],
    )
    for row in section.rows:
        add_record(result, T_CDR_ROWS, cdr_row_record(section.code, row), row.line)


def cdr_row_record(cdr_code: str, row: CdrRow) -> dict:
    c = row.cells
    return {
        "cdr_code": cdr_code,
        "row_seq": row.seq,
        "row_kind": c.kind,
        "indirizzo": row.context[0],
        "obiettivo_strategico": row.context[1],
        "azione": row.context[2],
        "project_code": c.code,
        "project_name": c.name,
        "budget_raw": c.budget_raw,
        "budget": parse_it_decimal(c.budget_raw),
        "absorption_raw": c.absorption_raw,
        "absorption_pct": parse_it_decimal(c.absorption_raw),
    }


def emit_front_only_cdrs(
    result: ParseResult, front: FrontPage, sections: list[CdrSection], year: int | None
) -> None:
    """CDRs the front page lists but the document has no section for: kept, no dirigente."""
    with_section = {s.code for s in sections}
    for code, (name, line) in front.cdrs.items():
        if code not in with_section:
            record = {
                "cdr_code": code,
                "cdr_name": name,
                "dirigente_raw": None,
                "year": year,
                "listed_on_front_page": True,
            }
            add_record(result, T_CDR, record, line)


def emit_document(result: ParseResult, front: FrontPage, year: int | None) -> None:
    """The peg_document record, when the document has a front page."""
    if not front.lines:
        return
    record = {
        "doc_title": front.title,
        "year": year,
        "document_code": front.document_code,
        "allegato": front.allegato,
        "area": front.area,
        "elaboration_date_raw": front.elaboration_date_raw,
        "elaboration_date": parse_it_date(front.elaboration_date_raw),
    }
    add_record(result, T_DOCUMENT, record, min(front.lines), max(front.lines), also=front.lines)
