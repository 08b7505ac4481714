"""Stage 2a: one ``sa_objectives`` record per objective block.

The record is the objective row (read through its "cod. | titolo | ..." header), its
incidence on the whole plan, the row of its "Percorso e metodo generale" table and its note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingest.common import ParseResult, SourceDocument
from ingest.repairs import cell_at, strip_heading_marker

from .model import ObjectiveBlock, Percorso
from .patterns import RE_INCIDENCE_IN_TITLE, T_OBJECTIVES, clean, pct

PERCORSO_FIELDS = ("azioni", "operatori", "costi", "indicatore_raggiungimento")


@dataclass(frozen=True)
class IncidenceValue:
    raw: str
    line: int
    source: str  # "own_lines" | "title_cell"
    label_line: int | None = None


def split_title_incidence(title_raw: str | None) -> tuple[str | None, str | None]:
    """(title, incidence value) of a title cell.

    Repairs: the export glues the incidence at the end of the title cell ("Progetto
    Intereg- Alcotra ... Prossimità Solidale incidenza obiettivo su totale piano 5%",
    objectives E, 2, 3 and 9 of the sample) instead of writing it on lines of its own. The
    title is kept without it (``title_raw`` keeps the cell as written).
    """
    if not title_raw:
        return title_raw, None
    m = RE_INCIDENCE_IN_TITLE.search(title_raw)
    if not m:
        return title_raw, None
    return title_raw[: m.start()].strip() or None, m.group("val")


def incidence_values(block: ObjectiveBlock, title_value: str | None) -> list[IncidenceValue]:
    """Every incidence value of a block, in the order of its lines (the first one counts)."""
    assert block.row is not None
    found = [IncidenceValue(i.raw, i.line, "own_lines", i.label_line) for i in block.incidences]
    if title_value is not None:
        found.append(IncidenceValue(title_value, block.row.first, "title_cell"))
    return sorted(found, key=lambda v: v.line)


def percorso_fields(percorso: Percorso | None) -> dict[str, Any]:
    """The objective's fields from the "Percorso e metodo generale" row: each role read
    through the table's header; cells under no header are kept in ``percorso_extra_raw``."""
    if percorso is None:
        return dict.fromkeys((*PERCORSO_FIELDS, "percorso_line", "percorso_extra_raw"))
    cells, cols = percorso.row.cells, percorso.columns
    out: dict[str, Any] = {role: clean(cell_at(cells, cols.get(role))) for role in PERCORSO_FIELDS}
    used = set(cols.values())
    extra = [c for i, c in enumerate(cells) if c and i not in used]
    out["percorso_line"] = percorso.row.first
    out["percorso_extra_raw"] = " | ".join(extra) if extra else None
    return out


def objective_plan_year(report_year: int | None, header_year: int | None) -> int | None:
    """The year the objective's figures are for: the report date's year ("AL 31/12/2020");
    without a report date in the title, the year its step table headers name."""
    return report_year if report_year is not None else header_year


def incidence_fields(value: IncidenceValue | None) -> dict[str, Any]:
    """The objective's incidence on the whole plan, raw and as a figure."""
    if value is None:
        return dict.fromkeys(
            ("incidence_raw", "incidence_pct", "incidence_line", "incidence_source")
        )
    raw, figure = pct(value.raw)
    return {
        "incidence_raw": raw,
        "incidence_pct": figure,
        "incidence_line": value.line,
        "incidence_source": value.source,
    }


def note_fields(doc: SourceDocument, line: int | None) -> dict[str, Any]:
    """The "NOTA: ..." line written after the objective's tables, as written."""
    if line is None:
        return {"note": None, "note_line": None}
    return {"note": clean(strip_heading_marker(doc.line(line))), "note_line": line}


def leave_seconds_unparsed(
    result: ParseResult, block: ObjectiveBlock, values: list[IncidenceValue]
) -> None:
    """An objective has one incidence, one percorso row and one note: the first one counts,
    any later one is left unparsed (never overwrites the first)."""
    for value in values[1:]:
        result.ledger.unparsed(value.line, "second incidence value for the same objective")
    for percorso in block.percorsi[1:]:
        for n in range(percorso.row.first, percorso.row.last + 1):
            result.ledger.unparsed(n, "second percorso row for the same objective")
    for n in block.notes[1:]:
        result.ledger.unparsed(n, "second note for the same objective")


def emit_objective(result: ParseResult, block: ObjectiveBlock, report_year: int | None) -> None:
    """Add the block's ``sa_objectives`` record and map the lines that feed it: the group
    header, the objective row, the incidence (label and value), the percorso row, the note."""
    doc = result.ledger.doc
    if block.row is None:
        result.ledger.unparsed(block.group_line, "objective header without an objective row")
        return
    cells, cols = block.row.cells, block.columns
    title_raw = clean(cell_at(cells, cols.get("title")))
    title, title_incidence = split_title_incidence(title_raw)
    values = incidence_values(block, title_incidence)
    percorso = block.percorsi[0] if block.percorsi else None
    note_line = block.notes[0] if block.notes else None
    leave_seconds_unparsed(result, block, values)
    p = percorso_fields(percorso)
    record: dict[str, Any] = {
        "objective_code": block.code,
        "objective_kind": block.kind,
        "title": title,
        "title_raw": title_raw,
        "situazione_attuale": clean(cell_at(cells, cols.get("situazione_attuale"))),
        "criticita": clean(cell_at(cells, cols.get("criticita"))),
        "situazione_attesa": clean(cell_at(cells, cols.get("situazione_attesa"))),
        "vantaggi": clean(cell_at(cells, cols.get("vantaggi"))),
        **incidence_fields(values[0] if values else None),
        **{role: p[role] for role in PERCORSO_FIELDS},
        "plan_year": objective_plan_year(report_year, block.header_year),
        "percorso_line": p["percorso_line"],
        "percorso_extra_raw": p["percorso_extra_raw"],
        **note_fields(doc, note_line),
    }
    result.add(T_OBJECTIVES, record, (block.row.first, block.row.last))
    lines = [block.group_line]
    lines += [v.label_line for v in values if v.label_line is not None]
    lines += [v.line for v in values[:1]]
    if percorso is not None:
        lines += range(percorso.row.first, percorso.row.last + 1)
    if note_line is not None:
        lines.append(note_line)
    for n in lines:
        if doc.line(n).strip():
            result.ledger.map(n, T_OBJECTIVES)
