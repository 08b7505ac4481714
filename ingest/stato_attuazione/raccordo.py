"""Stage 2c: the "TABELLA DI RACCORDO CON IL PIANO PROGRAMMA" (``sa_raccordo``).

Each row links a strategic objective (code and title) and an operational objective (code
and title) to objective codes of the plan (letters: performance; numbers: PEG), missioni and
programmi. A row without a strategic / operational code continues the ones above it.

The export breaks this table badly: cells leave their columns (shifted left or right, a
programma alone on a line in another column). A row whose every cell sits in a column whose
format it matches is read through the header (``evident``); any other row is read by the
format of each cell and flagged ``uncertain`` with a note saying how.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.common import ParseResult
from ingest.repairs import cell_at

from .model import RaccordoRow
from .patterns import (
    RE_R_LETTERS,
    RE_R_MISSIONE,
    RE_R_NUMBER,
    RE_R_NUMBERS,
    RE_R_OPERATIONAL,
    RE_R_PADDED,
    RE_R_PROGRAMMA,
    RE_R_STRATEGIC,
    T_RACCORDO,
    clean,
)

ROLES = (
    "strategic",
    "strategic_title",
    "operational",
    "operational_title",
    "performance",
    "peg",
    "missioni",
    "programmi",
)
FORMATS = {
    "strategic": RE_R_STRATEGIC,
    "operational": RE_R_OPERATIONAL,
    "performance": RE_R_LETTERS,
    "peg": RE_R_NUMBERS,
    "missioni": RE_R_MISSIONE,
    "programmi": RE_R_PROGRAMMA,
}
BY_FORMAT_NOTE = (
    "cells not in their columns: read by the format of each cell "
    "(op. code NNX, letters = performance, list of numbers = PEG, "
    "0N = programma, number after PEG = missione)"
)
Values = dict[str, str | None]


def evident_values(cells: list[str], cols: dict[str, int]) -> Values | None:
    """The row's values when every cell sits in a column whose format it matches (a title
    right after its code); None when any cell is out of place."""
    title_cols = {
        f"{role}_title": cols[role] + 1 for role in ("strategic", "operational") if role in cols
    }
    known = {cols[r] for r in FORMATS if r in cols} | set(title_cols.values())
    if any(c for i, c in enumerate(cells) if c and i not in known):
        return None
    out: Values = {}
    for role, pattern in FORMATS.items():
        value = cell_at(cells, cols.get(role))
        if value and not pattern.match(value):
            return None
        out[role] = value or None
    for role in ("strategic_title", "operational_title"):
        value = clean(cell_at(cells, title_cols.get(role)))
        code = out[role.removesuffix("_title")]
        if value and (code is None or RE_R_NUMBERS.match(value)):
            return None  # a title without its code, or a code in a title column
        if code is not None and not value:
            return None  # a code without its title
        out[role] = value
    return out


def values_by_format(cells: list[str]) -> tuple[Values, list[str]]:
    """Repairs a row whose cells left their columns: (values read by the format of each
    cell, the cells that fit no free role).

    In order: "NNX" is an operational code, letters are performance codes, "0N" is a
    programma; a lone number is the strategic code before an operational code or a title,
    else the PEG codes after performance/operational codes, else the missione after the PEG
    codes; a list of numbers is PEG codes; text after a strategic/operational code is its
    title.
    """
    out: Values = dict.fromkeys(ROLES)
    vals = [c for c in cells if c]
    unplaced: list[str] = []
    last_code: str | None = None
    for i, v in enumerate(vals):
        nxt = vals[i + 1] if i + 1 < len(vals) else None
        nxt_is_text = nxt is not None and not (
            RE_R_OPERATIONAL.match(nxt) or RE_R_LETTERS.match(nxt) or RE_R_NUMBERS.match(nxt)
        )
        slot: str | None = None
        if RE_R_OPERATIONAL.match(v):
            slot = "operational"
        elif RE_R_LETTERS.match(v):
            slot = "performance"
        elif RE_R_PADDED.match(v):
            slot = "programmi"
        elif RE_R_NUMBER.match(v):
            if nxt is not None and (RE_R_OPERATIONAL.match(nxt) or nxt_is_text):
                slot = "strategic"
            elif out["peg"] is None and (out["performance"] or out["operational"]):
                slot = "peg"
            elif out["peg"] is not None and out["missioni"] is None:
                slot = "missioni"
        elif RE_R_NUMBERS.match(v):
            slot = "peg"
        elif last_code in ("strategic", "operational"):
            slot = f"{last_code}_title"
        if slot is None or out[slot] is not None:
            unplaced.append(v)
            last_code = None
            continue
        out[slot] = v
        last_code = slot if slot in ("strategic", "operational") else None
    return out, unplaced


def by_format_note(unplaced: list[str]) -> str:
    note = BY_FORMAT_NOTE
    if unplaced:
        note += "; cells not attributable: " + ", ".join(repr(c) for c in unplaced)
    return note


def operational_extends_strategic(operational: str, strategic: str | None) -> bool:
    """Whether an operational code ("3B") extends the strategic code in force ("3").
    A row where it does not is flagged uncertain."""
    if not strategic:
        return True
    prefix = re.match(r"\d+", operational)
    return prefix is not None and prefix.group() == strategic


def inherits_uncertain_context(ctx: dict[str, Any]) -> bool:
    """Whether the strategic or operational objective a row continues was read from an
    uncertain row (then the row, although in place, is uncertain too)."""
    return bool(ctx.get("strategic_uncertain") or ctx.get("operational_uncertain"))


def next_context(ctx: dict[str, Any], values: Values, evident: bool) -> tuple[dict, str]:
    """(context for this and the next rows, row kind): a strategic code opens a new context,
    an operational code updates it, a row with neither continues it."""
    new = dict(ctx)
    row_kind = "continuation"
    if values["strategic"]:
        new = {
            "strategic": values["strategic"],
            "strategic_title": values["strategic_title"],
            "strategic_uncertain": not evident,
        }
        row_kind = "strategic"
    if values["operational"]:
        new.update(
            operational=values["operational"],
            operational_title=values["operational_title"],
            operational_uncertain=not evident,
        )
        if row_kind != "strategic":
            row_kind = "operational"
    return new, row_kind


def raccordo_reading(row: RaccordoRow) -> tuple[Values, str, str | None]:
    """(values, attribution, note) of one row, before its context is applied."""
    evident = evident_values(row.cells, row.columns)
    if evident is not None:
        return evident, "evident", None
    values, unplaced = values_by_format(row.cells)
    return values, "uncertain", by_format_note(unplaced)


def emit_raccordo(result: ParseResult, rows: list[RaccordoRow]) -> None:
    """Add one ``sa_raccordo`` record per row, in order, each with the strategic and
    operational objective it belongs to."""
    ctx: dict[str, Any] = {}
    for seq, row in enumerate(rows, start=1):
        values, attribution, note = raccordo_reading(row)
        ctx, row_kind = next_context(ctx, values, attribution == "evident")
        if values["operational"] and not operational_extends_strategic(
            values["operational"], ctx.get("strategic")
        ):
            attribution = "uncertain"
            note = "; ".join(
                p for p in (note, "operational code does not extend the strategic code") if p
            )
        if attribution == "evident" and inherits_uncertain_context(ctx):
            attribution = "uncertain"
            note = "row in place, but its strategic/operational context came from an uncertain row"
        record = {
            "row_seq": seq,
            "strategic_code": ctx.get("strategic"),
            "strategic_title": ctx.get("strategic_title"),
            "operational_code": ctx.get("operational"),
            "operational_title": ctx.get("operational_title"),
            "performance_codes": values["performance"],
            "peg_codes": values["peg"],
            "missioni": values["missioni"],
            "programmi": values["programmi"],
            "raw_cells": " | ".join(row.cells),
            "attribution": attribution,
            "row_kind": row_kind,
            "attribution_note": note,
        }
        result.add(T_RACCORDO, record, row.line)
