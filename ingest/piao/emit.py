"""Stage 4: records emitted from the blocks, in document order, with the context carried down.

Walking the blocks is the only place where the context changes (see
:mod:`ingest.piao.context`); each kind of record is built by its own module.
"""

from __future__ import annotations

from ingest.common import ParseResult
from ingest.piao.blocks import Block, ObjectiveBlock, Parametro, SectionHeading, Table
from ingest.piao.context import (
    Context,
    in_area,
    in_missione,
    in_plan_year,
    in_section,
    in_servizio,
    under_strategic,
)
from ingest.piao.emit_areas import emit_areas
from ingest.piao.emit_objectives import emit_objective, emit_objective_rows
from ingest.piao.emit_organisation import emit_org_indicators, emit_weights
from ingest.piao.emit_services import emit_parametro, emit_service_indicators
from ingest.piao.headers import AREAS, OBJECTIVE, ORG, SERVICE, WEIGHTS
from ingest.piao.headings import (
    STRATEGICO,
    AreaHeading,
    MissioneHeading,
    ServizioHeading,
    YearHeading,
)


def emit(result: ParseResult, blocks: list[Block]) -> None:
    """Add the records of ``blocks`` to ``result`` (and map their lines)."""
    ctx = Context()
    org_seqs: dict[str | None, int] = {}  # indicator numbers go on per scope across tables
    service_tables = 0
    for block in blocks:
        if isinstance(block, AreaHeading):
            ctx = in_area(ctx, block)
        elif isinstance(block, ServizioHeading):
            ctx = in_servizio(ctx, block)
        elif isinstance(block, MissioneHeading):
            ctx = in_missione(ctx, block)
        elif isinstance(block, YearHeading):
            ctx = in_plan_year(ctx, block.year, block.n)
        elif isinstance(block, SectionHeading):
            ctx = in_section(ctx, block.title)
        elif isinstance(block, ObjectiveBlock):
            emit_objective(result, block, ctx)
            if block.heading.level == STRATEGICO:
                ctx = under_strategic(ctx, block.seq)
        elif isinstance(block, Parametro):
            emit_parametro(result, block, ctx)
        elif isinstance(block, Table):
            kind = block.header.kind
            if kind == WEIGHTS:
                emit_weights(result, block)
            elif kind == ORG:
                emit_org_indicators(result, block, org_seqs)
            elif kind == AREAS:
                emit_areas(result, block, ctx)
            elif kind == OBJECTIVE:
                emit_objective_rows(result, block)
            elif kind == SERVICE and block.rows:
                service_tables += 1
                emit_service_indicators(result, block, ctx, service_tables)
