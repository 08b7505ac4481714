"""Records of an area's table of centri di costo, services and responsabili (``piao_areas``)."""

from __future__ import annotations

from ingest.common import ParseResult
from ingest.piao.blocks import Table
from ingest.piao.context import Context
from ingest.piao.patterns import T_AREAS
from ingest.piao.rows import add_row


def emit_areas(result: ParseResult, table: Table, ctx: Context) -> None:
    """One record per service of a centro di costo; the Area heading is mapped with them.

    A second service of the same centro has ``cost_center`` None and ``parent_cost_center``
    the centro; a role in parentheses below a responsabile is kept apart and joined to it in
    ``responsabile_raw``.
    """
    if table.rows and ctx.area_line:
        result.ledger.map(ctx.area_line, T_AREAS)
    for seq, row in enumerate(table.rows, start=1):
        name, role = row.get("responsabile"), row.get("role")
        full = " ".join(p for p in (name, role) if p) or None
        record = {
            "area_name": ctx.area,
            "cost_center": row.cost_center,
            "service": row.get("service"),
            "responsabile_raw": full,
            "row_seq": seq,
            "parent_cost_center": row.parent_cost_center,
            "responsabile_name_raw": name,
            "responsabile_role_raw": role,
        }
        add_row(result, T_AREAS, record, row)
