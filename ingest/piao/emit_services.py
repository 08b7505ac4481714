"""Records of a servizio's own lists: its indicator tables (``piao_service_indicators``) and
its PARAMETRI (``piao_parametri``)."""

from __future__ import annotations

from ingest.common import ParseResult, parse_it_date, try_parse_it_decimal
from ingest.piao.blocks import Parametro, Table
from ingest.piao.context import Context, map_context
from ingest.piao.defects import parametro_figures, risk_value
from ingest.piao.lines import clean_value
from ingest.piao.patterns import T_PARAM, T_SVC
from ingest.piao.rows import add_row


def emit_service_indicators(
    result: ParseResult, table: Table, ctx: Context, table_seq: int
) -> None:
    """One record per indicator of a table with rows (the ``table_seq``-th such table); its
    title line and the Area / Servizio headings are mapped with them."""
    if table.title is not None:
        result.ledger.map(table.title[1], T_SVC)
    map_context(result.ledger, ctx, T_SVC, missione=False)
    for seq, row in enumerate(table.rows, start=1):
        risk_raw = row.get("rischio")
        record = {
            "area_name": ctx.area,
            "servizio": ctx.servizio,
            "table_title": table.title[0] if table.title else None,
            "indicator_seq": seq,
            "dimension": row.get("dimension"),
            "name": row.get("name"),
            "formula": row.get("formula"),
            "standard_raw": row.get("standard"),
            "rischio": risk_value(risk_raw) if risk_raw else None,
            "rischio_raw": risk_raw,
            "table_seq": table_seq,
            "misaligned_text_raw": "\n".join(row.misaligned) or None,
        }
        add_row(result, T_SVC, record, row)


def emit_parametro(result: ParseResult, item: Parametro, ctx: Context) -> None:
    """One record per "- ..." item of a PARAMETRI list, with its figure and date if given."""
    value_raw, date_raw = parametro_figures(item.text)
    record = {
        "servizio": ctx.servizio,
        "item_seq": item.seq,
        "text": clean_value(item.text),
        "area_name": ctx.area,
        "value_raw": value_raw,
        "value": try_parse_it_decimal(value_raw),
        "reference_date_raw": date_raw,
        "reference_date": parse_it_date(date_raw),
    }
    result.add(T_PARAM, record, item.line.n)
    map_context(result.ledger, ctx, T_PARAM, missione=False)
