"""The blocks a PEG document is read into (data only, no logic).

PegDocument
├── FrontPage                      title, year, PEG code, area, CDR list
└── parts, in document order:
    ├── CdrSection                 '<code> - <name>', Dirigente, summary table rows
    │   └── CdrRow*                one project row or 'Totale X' row, read by content
    └── Sheet                      one project sheet (or the part of one after a page cut)
        ├── SheetHeader            code, name, description, strategic references
        ├── Objective*             type line, code, title (or inferred from an indicator)
        ├── Indicator*             code, name, target, its Nota
        ├── Phase*                 order, objective, dates, its Nota
        ├── BudgetBlock*           column header, Cap. lines (as read), Totale row
        └── StaffRow*
"""

from __future__ import annotations

from dataclasses import dataclass, field

Context = tuple[str | None, str | None, str | None]  # indirizzo, obiettivo, azione
NO_CONTEXT: Context = (None, None, None)


# --- front page and CDR sections -------------------------------------------------------


@dataclass
class FrontPage:
    title: str | None = None
    year: int | None = None
    document_code: str | None = None
    allegato: str | None = None
    area: str | None = None
    elaboration_date_raw: str | None = None
    lines: list[int] = field(default_factory=list)  # lines of the peg_document record
    cdrs: dict[str, tuple[str, int]] = field(default_factory=dict)  # code -> (name, line)


@dataclass(frozen=True)
class CdrRowCells:
    """A CDR table row as its cells say, before the context is carried down."""

    kind: str  # project | totale_azione | totale_obiettivo | totale_indirizzo | totale_cdr
    context_cells: tuple[str, ...]  # text cells before the project code (project rows)
    code: str | None
    name: str | None
    budget_raw: str | None
    absorption_raw: str | None


@dataclass(frozen=True)
class CdrRow:
    line: int
    seq: int
    cells: CdrRowCells
    context: Context


@dataclass
class CdrSection:
    code: str
    name: str
    line: int
    dirigente: str | None
    dirigente_line: int
    year: int | None  # the document year known when the section starts
    front_line: int | None  # where the front page lists this CDR
    rows: list[CdrRow] = field(default_factory=list)


@dataclass(frozen=True)
class Listing:
    """How a CDR table lists a project (used when its sheet header is lost)."""

    cdr_code: str
    project_name: str | None
    context: Context


# --- project sheets ---------------------------------------------------------------------


@dataclass(frozen=True)
class TypeLine:
    type_raw: str  # 'Obiettivo di miglioramento'
    code_text: str | None  # the objective code and what follows it, when on the same line


@dataclass
class SheetHeader:
    code: str
    line: int
    lines: list[int]
    name: str | None
    description: str | None
    refs: dict[str, str | None]  # Indirizzo, Obiettivo Strategico, Azione


@dataclass
class Objective:
    line: int
    lines: list[int]
    code: str
    type_raw: str | None
    title: str | None
    inferred: bool  # named only by an indicator code (its block was lost)


@dataclass
class Indicator:
    line: int
    code: str
    objective_code: str | None
    name: str | None
    year: int | None
    target_raw: str | None
    objective_inferred: bool
    note: str | None = None
    note_line: int | None = None


@dataclass(frozen=True)
class PhaseCells:
    order: int
    objective_code: str
    description: str | None
    status: str | None
    start_raw: str | None
    end_raw: str | None


@dataclass
class Phase:
    line: int
    cells: PhaseCells
    note: str | None = None
    note_line: int | None = None


@dataclass(frozen=True)
class BudgetRow:
    """A line of a budget block as read: a 'Cap.' line, a continuation, or a Totale row that
    does not fit the header."""

    line: int
    kind: str  # cap | continuation | unaligned_total
    cells: list[str]


@dataclass
class BudgetBlock:
    seq: int  # 1, 2, ... within the sheet
    header_line: int
    columns: dict[int, str]  # tab position -> 'Spese Correnti'
    rows: list[BudgetRow] = field(default_factory=list)
    total: BudgetRow | None = None


@dataclass
class CapLine:
    """One capitolo/articolo line as the document meant it (maybe over several lines)."""

    lines: list[int]
    cap_raw: str
    cap: str
    art: str
    description: str | None
    amounts: list[tuple[int, str]]  # (tab position, raw amount)


@dataclass(frozen=True)
class Unread:
    lines: list[int]
    reason: str


@dataclass(frozen=True)
class StaffRow:
    line: int
    name: str
    relation: str | None
    allocation_raw: str


@dataclass
class Sheet:
    code: str | None  # None: lines before the first project header of a section
    cdr: str | None
    dirigente: str | None
    line: int | None = None  # where it starts
    header: SheetHeader | None = None
    listing: Listing | None = None  # the CDR table row known when the sheet starts
    header_lost: bool = False  # started by an indicator of another project: emit from listing
    objectives: list[Objective] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    budgets: list[BudgetBlock] = field(default_factory=list)
    staff: list[StaffRow] = field(default_factory=list)


@dataclass
class PegDocument:
    front: FrontPage
    parts: list[CdrSection | Sheet]
    year: int | None  # front page year, else the first indicator header's
    has_content: bool  # a CDR section or a project sheet was found
