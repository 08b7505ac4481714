"""The blocks a document is read into (stage 1's output, stage 2's input).

Small dataclasses that keep, for every value, its cells and line numbers, so that a record
can be followed back to its lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.repairs import cell_at

# the objective row's columns when its block has no "cod. | titolo | ..." header
DEFAULT_OBJECTIVE_COLUMNS = {
    "code": 0,
    "title": 1,
    "situazione_attuale": 2,
    "criticita": 3,
    "situazione_attesa": 4,
    "vantaggi": 5,
}


@dataclass(frozen=True)
class Claim:
    """A line that is not data: boilerplate by a named rule, or unparsed with a reason."""

    line: int
    status: str  # BOILERPLATE | UNPARSED
    detail: str


@dataclass
class Row:
    """One table row: its cells (continuation lines merged) and its first and last line."""

    first: int
    last: int
    cells: list[str]


@dataclass
class Incidence:
    """An "incidenza obiettivo su totale piano" value written on lines of its own."""

    raw: str
    line: int  # the line of the value
    label_line: int | None = None  # the label's line when the value is on the next line


@dataclass
class Percorso:
    """The row of the "Percorso e metodo generale" table, read through its header."""

    columns: dict[str, int]
    row: Row


@dataclass
class StepTable:
    """A "Sviluppo obiettivo per steps intermedi" table: weights or verification."""

    kind: str  # "weights" | "verification"
    header_line: int
    columns: dict[str, int]
    year: int | None  # the year its header names
    width: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class TotalRow:
    line: int
    cells: list[str]
    label_column: int


@dataclass
class ObjectiveBlock:
    """Everything between an "Obiettivo di performance / di PEG" line and the next section."""

    kind: str  # "performance" | "peg"
    group_line: int
    columns: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_OBJECTIVE_COLUMNS))
    row: Row | None = None
    incidences: list[Incidence] = field(default_factory=list)
    percorsi: list[Percorso] = field(default_factory=list)
    step_tables: list[StepTable] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    header_year: int | None = None  # the first year its step table headers name
    header_width: int | None = None  # cells of its "cod." header, when it has one

    @property
    def code(self) -> str | None:
        """The objective code: the code column of the objective row (None without a row)."""
        if self.row is None:
            return None
        return cell_at(self.row.cells, self.columns.get("code"))

    def code_at(self, line: int) -> str | None:
        """The objective code for a line of the block: None before the objective row."""
        return self.code if self.row is not None and self.row.first < line else None


@dataclass
class RaccordoRow:
    line: int
    cells: list[str]
    columns: dict[str, int]  # of the header in force


@dataclass
class CatalogRow:
    kind: str  # "performance" | "peg"
    line: int
    cells: list[str]


@dataclass
class Blocks:
    title_lines: list[int] = field(default_factory=list)  # every line before the first section
    objectives: list[ObjectiveBlock] = field(default_factory=list)
    raccordo: list[RaccordoRow] = field(default_factory=list)
    missioni: list[Row] = field(default_factory=list)
    catalog: list[CatalogRow] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
