"""Records of the objectives (``piao_objectives``) and of the rows of their tables
(``piao_objective_rows``)."""

from __future__ import annotations

from ingest.common import ParseResult
from ingest.piao.blocks import ObjectiveBlock, Table
from ingest.piao.context import Context, map_context
from ingest.piao.defects import risk_value
from ingest.piao.headings import OPERATIVO
from ingest.piao.lines import as_written, clean_value
from ingest.piao.patterns import T_OBJ, T_ROWS
from ingest.piao.rows import add_row


def emit_objective(result: ParseResult, block: ObjectiveBlock, ctx: Context) -> None:
    """One record per objective heading, with the context it falls under. An operational
    objective's parent is the strategic objective in force; text between the heading and the
    table is kept as written in ``extra_text_raw``. The context headings are mapped with it."""
    h = block.heading
    mis = ctx.missione
    record = {
        "objective_seq": block.seq,
        "level": h.level,
        "title": clean_value(h.title),
        "parent_objective_seq": ctx.strategic_seq if h.level == OPERATIVO else None,
        "area_name": ctx.area,
        "servizio": ctx.servizio,
        "missione_code": mis.code if mis else None,
        "missione_name": mis.name if mis else None,
        "programma_code": mis.programma_code if mis else None,
        "programma_name": mis.programma_name if mis else None,
        "missione_raw": mis.raw if mis else None,
        "missione_code_raw": mis.code_raw if mis else None,
        "programma_code_raw": mis.programma_code_raw if mis else None,
        "plan_year": ctx.plan_year,
        "section_heading": ctx.section,
        "heading_raw": h.raw,
        "extra_text_raw": "\n".join(as_written(x.text) for x in block.extra) or None,
    }
    result.add(T_OBJ, record, h.n)
    map_context(result.ledger, ctx, T_OBJ)
    if ctx.plan_year_line:
        result.ledger.map(ctx.plan_year_line, T_OBJ)
    if block.extra:
        result.tables[T_OBJ][-1]["source_line_end"] = block.extra[-1].n
        for x in block.extra:
            result.ledger.map(x.n, T_OBJ)


def emit_objective_rows(result: ParseResult, table: Table) -> None:
    """One record per row of an objective table, linked to its objective; the header is
    mapped with them (it gives the year)."""
    if not table.rows:
        return
    header = table.header
    result.ledger.map(header.line, T_ROWS)
    for seq, row in enumerate(table.rows, start=1):
        risk_raw = row.get("rischio")
        record = {
            "objective_seq": table.objective_seq,
            "row_seq": seq,
            "description": row.get("description"),
            "indicator_raw": row.get("indicator"),
            "year": header.year,
            "responsabile_raw": row.get("responsabile"),
            "rischio": risk_value(risk_raw) if risk_raw else None,
            "rischio_raw": risk_raw,
            "label": row.label,
            "parent_row_seq": row.parent + 1 if row.parent is not None else None,
            "indicator_header_raw": header.raw,
            "split_cell_raw": row.split_cell_raw,
            "misaligned_text_raw": "\n".join(row.misaligned) or None,
        }
        add_row(result, T_ROWS, record, row)
