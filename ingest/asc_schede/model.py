"""The blocks of an ASC schede document: schede, their two tables, the tables' rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class YearCol:
    """One year of a table: the Previsione (or AZIONI year) column, and the Risultato one."""

    header_raw: str
    col: int | None
    header_year: int | None
    actual_header_raw: str | None = None
    actual_col: int | None = None


@dataclass
class Row:
    lines: list[int]
    cells: list[str]
    number: str | None
    flags: list[str] = field(default_factory=list)


@dataclass
class Table:
    kind: str  # 'azioni' | 'indicatori'
    header_line: int
    header: list[str]
    width: int
    years: list[YearCol]
    no_col: int = 0
    desc_col: int | None = None
    innov_col: int | None = None
    result_col: int | None = None
    resp_col: int | None = None
    note_col: int | None = None
    rows: list[Row] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def cell(self, row: Row, col: int | None) -> str:
        if col is None or col >= len(row.cells):
            return ""
        return row.cells[col]


@dataclass
class Scheda:
    scheda_no: int
    lines: list[int]
    title: str | None = None
    title_raw: str | None = None
    period_raw: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    responsabile_raw: str | None = None
    altri_servizi: str | None = None
    azioni: Table | None = None
    indicatori: Table | None = None
