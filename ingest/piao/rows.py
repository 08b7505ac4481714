"""Stage 3: the lines of one table assembled into logical rows.

A logical row spans one or more physical lines (a row wrapped by the export or broken by a
page break): each continuation line appends its non-empty cells, with a space, to the same
columns. What starts a new row depends on the table (see :mod:`ingest.piao.defects`). Each
``assemble_*`` function is pure: it receives the table's header and data lines and returns
its rows and the notes for lines that fit no column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.common import ParseResult
from ingest.piao.defects import (
    bullet_as_label,
    is_garbled_line,
    is_introduction,
    is_misaligned,
    is_role,
    is_second_service,
    list_item_label,
    risk_value,
    split_label_cell,
    starts_objective_row,
    starts_org_row,
    starts_service_row,
)
from ingest.piao.headers import Header
from ingest.piao.lines import Line, Note, as_written, clean_value, pad, unparsed
from ingest.piao.patterns import PCT_RE


@dataclass
class Row:
    """A logical table row assembled from one or more physical lines."""

    first: int
    cols: dict[str, list[str]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    label: str | None = None
    parent: int | None = None  # index of the row introducing this list item
    cost_center: str | None = None
    parent_cost_center: str | None = None
    misaligned: list[str] = field(default_factory=list)
    garbled: list[str] = field(default_factory=list)
    split_cell_raw: str | None = None

    def __post_init__(self) -> None:
        self.touch(self.first)

    @property
    def last(self) -> int:
        return max(self.lines)

    def touch(self, line: int) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def put(self, col: str, text: str, line: int) -> None:
        """Append a cell's text to a column (a continuation line goes on with the row)."""
        if text:
            self.cols.setdefault(col, []).append(text)
        self.touch(line)

    def keep_as_written(self, line: Line, where: list[str]) -> None:
        where.append(as_written(line.text))
        self.touch(line.n)

    def get(self, col: str) -> str | None:
        parts = self.cols.get(col)
        return clean_value(" ".join(parts)) if parts else None


@dataclass(frozen=True)
class WeightRow:
    line: int
    item: str | None
    raw: str


def assemble_weights(lines: list[Line]) -> tuple[list[WeightRow], list[Note]]:
    """One row per line: an item and its percentage, nothing else."""
    rows: list[WeightRow] = []
    notes: list[Note] = []
    for line in lines:
        values = [c for c in line.cells if c]
        if len(values) != 2 or not PCT_RE.match(values[1]):
            notes.append(unparsed(line.n, "weights row without an item and a percentage"))
            continue
        rows.append(WeightRow(line.n, clean_value(values[0]), values[1]))
    return rows, notes


def assemble_org(header: Header, lines: list[Line]) -> tuple[list[Row], list[Note]]:
    """INDICATORE / DEFINIZIONE / TARGET rows; garbled lines form one record of their own."""
    rows: list[Row] = []
    for line in lines:
        cells = line.cells
        cur = rows[-1] if rows else None
        if is_garbled_line(cells, header.width):
            if cur is not None and cur.garbled:
                cur.keep_as_written(line, cur.garbled)
            else:
                rows.append(Row(first=line.n, garbled=[as_written(line.text)]))
            continue
        cells = pad(cells, header.width)
        if cur is None or starts_org_row(cells[0]):
            cur = Row(first=line.n)
            rows.append(cur)
        elif cur.garbled:
            cur.keep_as_written(line, cur.garbled)
            continue
        for col, text in zip(("name", "definition", "target"), cells[:3], strict=True):
            cur.put(col, text, line.n)
    return rows, []


def assemble_areas(lines: list[Line]) -> tuple[list[Row], list[Note]]:
    """CENTRO DI COSTO / SERVIZIO / RESPONSABILE rows; a centro may have several services."""
    rows: list[Row] = []
    notes: list[Note] = []
    centro: str | None = None
    for line in lines:
        n = line.n
        cells = pad(line.cells, 3)
        cell_centro, service = cells[0], cells[1]
        resp = " ".join(c for c in cells[2:] if c)
        cur = rows[-1] if rows else None
        if cell_centro:
            centro = cell_centro
            row = Row(first=n, cost_center=cell_centro)
            rows.append(row)
        elif is_second_service(cell_centro, service, cur is not None):
            row = Row(first=n, parent_cost_center=centro)
            rows.append(row)
            if is_role(resp) and cur is not None:
                cur.put("role", resp, n)
                resp = ""
        elif cur is not None:
            row = cur  # wrapped service name or responsabile
        else:
            notes.append(unparsed(n, "area table line with no centro and no service"))
            continue
        row.put("service", service, n)
        if is_role(resp) and row.cols.get("responsabile"):
            row.put("role", resp, n)
        else:
            row.put("responsabile", resp, n)
    return rows, notes


def assemble_objective(header: Header, lines: list[Line]) -> tuple[list[Row], list[Note]]:
    """DESCRIZIONE / INDICATORE DI RISULTATO / RESPONSABILE [/ RISCHIO] rows, with an optional
    label column before them."""
    rows: list[Row] = []
    notes: list[Note] = []
    intro: int | None = None  # the last row that is not a list item
    off = header.offset
    for line in lines:
        n = line.n
        cells = pad(line.cells, header.width)
        label = cells[0] if off else ""
        desc, ind, resp = cells[off], cells[off + 1], cells[off + 2]
        risk_cell = cells[off + 3] if header.has_risk else ""
        risk = risk_value(risk_cell) if risk_cell else None
        label, desc, split_raw = split_label_cell(label, desc)
        label, desc = bullet_as_label(label, desc)
        cur = rows[-1] if rows else None
        misaligned = is_misaligned(line.cells, header.width, risk_cell)
        item_label = list_item_label(desc, ind, risk)
        new = cur is None or starts_objective_row(
            has_label_column=bool(off),
            has_risk_column=header.has_risk,
            label=label,
            description=desc,
            risk=risk,
            row_above_has_risk=bool(cur.cols.get("rischio")),
            is_item=item_label is not None,
        )
        if cur is not None and (misaligned or (cur.misaligned and not new)):
            cur.keep_as_written(line, cur.misaligned)
            continue
        if misaligned:
            notes.append(unparsed(n, "objective table row with cells outside the header's columns"))
            continue
        if new:
            cur = Row(first=n, label=label or None, split_cell_raw=split_raw)
            if item_label is not None:
                cur.label = cur.label or item_label
                if intro is not None and is_introduction(rows[intro].get("description")):
                    cur.parent = intro
            else:
                intro = len(rows)
            rows.append(cur)
        assert cur is not None
        cur.put("description", desc, n)
        cur.put("indicator", ind, n)
        cur.put("responsabile", resp, n)
        cur.put("rischio", risk_cell, n)
    return rows, notes


def assemble_service(header: Header, lines: list[Line]) -> tuple[list[Row], list[Note]]:
    """Dimensione / Denominazione / Formula / Standard [/ RISCHIO] rows."""
    rows: list[Row] = []
    notes: list[Note] = []
    for line in lines:
        n = line.n
        cells = pad(line.cells, header.width)
        risk_cell = cells[4] if header.has_risk else ""
        misaligned = is_misaligned(line.cells, header.width, risk_cell)
        cur = rows[-1] if rows else None
        if cur is not None and (misaligned or (cur.misaligned and not cells[0])):
            cur.keep_as_written(line, cur.misaligned)
            continue
        if misaligned or (cur is None and not cells[0]):
            notes.append(unparsed(n, "indicator table line that fits no column"))
            continue
        if cur is None or starts_service_row(cells[0]):
            cur = Row(first=n)
            rows.append(cur)
        for col, text in zip(
            ("dimension", "name", "formula", "standard", "rischio"), cells[:5], strict=False
        ):
            cur.put(col, text, n)
    return rows, notes


def add_row(result: ParseResult, table: str, record: dict[str, Any], row: Row) -> None:
    """Add a record spanning its row's lines; only the row's own lines are mapped (a
    repeated header or another row's line inside the span keeps its own status)."""
    result.add(table, record, row.first)
    result.tables[table][-1]["source_line_end"] = row.last
    for n in row.lines:
        result.ledger.map(n, table)
