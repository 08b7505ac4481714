"""The context a record carries: area, servizio, missione/programma, strategic objective,
plan year and section, carried down from the headings above it until changed.

A new Area resets everything below it; a new Servizio resets missione/programma and the
strategic objective; a new MISSIONE heading resets the strategic objective (unless the same
line names one); a section heading resets area, servizio and missione. Each transition is a
pure function returning a new :class:`Context`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.common import Ledger
from ingest.piao.headings import AreaHeading, Missione, MissioneHeading, ServizioHeading


@dataclass(frozen=True)
class Context:
    area: str | None = None
    area_line: int | None = None
    servizio: str | None = None
    servizio_line: int | None = None
    missione: Missione | None = None
    missione_line: int | None = None
    strategic_seq: int | None = None
    section: str | None = None
    plan_year: int | None = None
    plan_year_line: int | None = None


_NO_MISSIONE = {"missione": None, "missione_line": None, "strategic_seq": None}


def in_area(ctx: Context, h: AreaHeading) -> Context:
    return replace(
        ctx,
        area=h.name,
        area_line=h.n,
        servizio=None,
        servizio_line=None,
        section=None,
        **_NO_MISSIONE,
    )


def in_servizio(ctx: Context, h: ServizioHeading) -> Context:
    ctx = replace(ctx, servizio=h.name, servizio_line=h.n, **_NO_MISSIONE)
    return in_plan_year(ctx, h.year, h.n) if h.year else ctx


def in_missione(ctx: Context, h: MissioneHeading) -> Context:
    return replace(ctx, missione=h.missione, missione_line=h.n, strategic_seq=None)


def in_plan_year(ctx: Context, year: int, line: int) -> Context:
    return replace(ctx, plan_year=year, plan_year_line=line)


def in_section(ctx: Context, title: str) -> Context:
    return replace(
        ctx,
        section=title,
        area=None,
        area_line=None,
        servizio=None,
        servizio_line=None,
        **_NO_MISSIONE,
    )


def under_strategic(ctx: Context, seq: int) -> Context:
    return replace(ctx, strategic_seq=seq)


def map_context(ledger: Ledger, ctx: Context, table: str, *, missione: bool = True) -> None:
    """Map the heading lines whose values a record of ``table`` carries."""
    for line in (ctx.area_line, ctx.servizio_line, missione and ctx.missione_line):
        if line:
            ledger.map(line, table)
