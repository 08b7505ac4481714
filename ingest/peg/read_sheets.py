"""Reading stage 2b: a run of project sheets into Sheet blocks.

One pass over the lines of the run. What a line is comes from its content (patterns,
``lines``); where a line goes depends on the table being read, which the pass keeps in local
variables: ``table`` is the table the last header or row opened (``ind``, ``phase``,
``budget``, ``budget_done`` after its Totale row, ``staff``, or None after a head).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.common import Ledger
from ingest.peg.blocks import (
    BudgetBlock,
    BudgetRow,
    Indicator,
    Listing,
    Objective,
    Phase,
    Sheet,
    StaffRow,
)
from ingest.peg.lines import (
    Lines,
    dirigente_after,
    is_objective_line,
    is_prodotto,
    project_line,
    type_line,
)
from ingest.peg.patterns import (
    RE_CAP,
    RE_INDICATOR,
    T_BUDGET_LINES,
    T_INDICATORS,
    T_PHASES,
    T_PROJECTS,
    T_STAFF,
    budget_header_columns,
    filled,
    is_indicator_header,
    is_nota,
    is_phase_header,
    is_staff_header,
)
from ingest.peg.read_heads import read_objective_head, read_sheet_header
from ingest.peg.rules_budget import is_repeated_budget_header, place_amounts, total_amounts
from ingest.peg.rules_sheet import (
    has_staff_rows,
    indicator_header_year,
    inferred_objective_code,
    is_repeated_indicator_header,
    nota_target,
    nota_text,
    phase_cells,
    project_named_by,
    staff_cells,
)


@dataclass
class Known:
    """What the lines read so far tell the next ones, across sections."""

    year: int | None  # the document year (front page, else first indicator header)
    listed: dict[str, Listing] = field(default_factory=dict)  # CDR table rows, in order
    projects: set[str] = field(default_factory=set)  # project codes with a sheet
    objectives: set[str] = field(default_factory=set)  # objective codes read
    header_year: int | None = None  # year of the last indicator header

    def project_codes(self) -> list[str]:
        """Known project codes: CDR-listed ones in table order, then the others sorted."""
        return list(self.listed) + sorted(self.projects - set(self.listed))


def read_sheets(
    lv: Lines,
    lines: list[int],
    cdr: str | None,
    dirigente: str | None,
    known: Known,
    ledger: Ledger,
) -> list[Sheet]:
    """The sheets of one run (lines before its first project header go to a sheet of no
    project). Structural lines are claimed in the ledger here; records come later."""
    sheets = [Sheet(code=None, cdr=cdr, dirigente=dirigente)]
    table: str | None = None
    header_seen = False  # an indicator header was read since the last objective head
    objective: str | None = None
    objective_open = False  # indicators still belong to the last objective head
    last_row: Indicator | Phase | None = None
    budget: BudgetBlock | None = None
    done = 0  # lines up to here were consumed by a head

    def start_sheet(sheet: Sheet) -> None:
        nonlocal table, header_seen, objective, objective_open, last_row, budget
        sheets.append(sheet)
        table, header_seen, objective, objective_open = None, False, None, False
        last_row, budget = None, None

    for n in lines:
        if n <= done:
            continue
        sheet = sheets[-1]
        cells = lv.cells(n)
        if is_prodotto(lv, n):
            ledger.boilerplate(n, "section_heading")
            if (d := dirigente_after(lv, n)) is not None:
                dirigente, done = d[1], d[0]
                ledger.map(d[0], T_PROJECTS)
        elif project_line(lv, n):
            header = read_sheet_header(lv, n)
            done = max(header.lines)
            code = header.code
            start_sheet(Sheet(code, cdr, dirigente, n, header, known.listed.get(code)))
            known.projects.add(code)
        elif (typed := type_line(lv, n)) is not None or is_objective_line(lv, n):
            head = read_objective_head(lv, n, typed)
            done = max(head.lines)
            sheet.objectives.append(head)
            known.objectives.add(head.code)
            objective, objective_open = head.code, True
            table, header_seen = None, False
        elif is_indicator_header(cells):
            if (year := indicator_header_year(cells)) is not None:
                known.header_year = year
                if known.year is None:
                    known.year = year
            if is_repeated_indicator_header(table, header_seen):
                ledger.boilerplate(n, "repeated_table_header")
            else:
                ledger.map(n, T_INDICATORS)
            table, header_seen = "ind", True
        elif RE_INDICATOR.match(cells[0]):
            if len(filled(cells)) > 3:
                ledger.unparsed(n, "indicator row with more than three cells")
                continue
            code = cells[0]
            if objective_open and _names_project(code, sheet.code):
                objective_code, inferred = objective, False
            else:
                moved, objective_code, inferred = place_loose_indicator(
                    code, n, sheet, dirigente, known
                )
                if moved is not sheet:
                    start_sheet(moved)
                    sheet = moved
                objective, objective_open, header_seen = objective_code, True, True
            row = filled(cells)
            last_row = Indicator(
                line=n,
                code=code,
                objective_code=objective_code,
                name=row[1] if len(row) >= 2 else None,
                year=known.header_year,
                target_raw=row[2] if len(row) >= 3 else None,
                objective_inferred=inferred,
            )
            sheet.indicators.append(last_row)
            table = "ind"
        elif is_nota(cells):
            target = nota_target(last_row, table)
            if target is None:
                ledger.unparsed(n, "Nota line without a preceding indicator or phase")
            else:
                target.note, target.note_line = nota_text(cells), n
        elif lv.plain(n).startswith("Fasi/"):
            ledger.boilerplate(n, "section_heading")
            table, objective_open = "phase", False
        elif is_phase_header(cells):
            ledger.map(n, T_PHASES)
            table, objective_open = "phase", False
        elif table == "phase" and (ph := phase_cells(cells)) is not None:
            if isinstance(ph, str):
                ledger.unparsed(n, ph)
            else:
                last_row = Phase(n, ph)
                sheet.phases.append(last_row)
        elif lv.plain(n) == "Budget previsto":
            ledger.boilerplate(n, "section_heading")
        elif (columns := budget_header_columns(cells)) is not None:
            if is_repeated_budget_header(budget, table, columns):
                ledger.boilerplate(n, "repeated_table_header")
            else:
                budget = BudgetBlock(len(sheet.budgets) + 1, n, columns)
                sheet.budgets.append(budget)
                ledger.map(n, T_BUDGET_LINES)
                table, objective_open = "budget", False
        elif RE_CAP.match(cells[0]):
            if budget is None or table != "budget":
                ledger.unparsed(n, "budget line without a column header in this project")
            else:
                budget.rows.append(BudgetRow(n, "cap", cells))
        elif cells[0] == "Totale" and table in ("budget", "budget_done"):
            if budget is None or budget.total is not None:
                ledger.unparsed(n, "budget Totale row without an open budget block")
            elif (amounts := total_amounts(cells)) is not None and place_amounts(
                amounts, budget.columns
            ):
                budget.total = BudgetRow(n, "total", cells)
                table = "budget_done"
            else:
                budget.rows.append(BudgetRow(n, "unaligned_total", cells))
        elif is_staff_header(cells):
            k = lv.peek(n + 1)
            if has_staff_rows(lv.cells(k) if k is not None else None):
                ledger.map(n, T_STAFF)
            else:
                ledger.boilerplate(n, "empty_staff_table")
            table, objective_open = "staff", False
        elif table == "staff":
            parsed = staff_cells(cells)
            if parsed is None or sheet.code is None:
                ledger.unparsed(n, "unrecognised line in staff table")
            else:
                sheet.staff.append(StaffRow(n, *parsed))
        elif table == "budget" and budget is not None:
            budget.rows.append(BudgetRow(n, "continuation", cells))
        else:
            ledger.unparsed(n, "unrecognised line in project sheet")
    return sheets


def _names_project(indicator_code: str, project_code: str | None) -> bool:
    """'M_8906_1_2' names project '2021_PD_8906' (the code's second part is its suffix)."""
    m = RE_INDICATOR.match(indicator_code)
    return project_code is not None and m is not None and project_code.split("_")[-1] == m[2]


def place_loose_indicator(
    code: str, n: int, sheet: Sheet, dirigente: str | None, known: Known
) -> tuple[Sheet, str, bool]:
    """An indicator outside an objective block (after a phase, budget or staff table): its
    objective block, and maybe its project's sheet header, was lost at a page cut. It goes to
    the project and the objective its code names (rules ``project_named_by`` and
    ``inferred_objective_code``): returns the sheet it belongs to (a new sheet when its code
    names another project), its objective code, and whether that objective is known only
    from this indicator (it is then added to the sheet)."""
    if _names_project(code, sheet.code):
        project = sheet.code
    else:
        project = project_named_by(RE_INDICATOR.match(code)[2], known.project_codes())  # type: ignore[index]
    if project != sheet.code:
        new = project is not None and project not in known.projects
        listing = known.listed.get(project) if new and project else None
        sheet = Sheet(project, sheet.cdr, dirigente, n, None, listing, header_lost=new)
        if project is not None:
            known.projects.add(project)
    objective_code = inferred_objective_code(code, project, known.year or known.header_year)
    if objective_code in known.objectives:
        return sheet, objective_code, False
    sheet.objectives.append(Objective(n, [n], objective_code, None, None, inferred=True))
    known.objectives.add(objective_code)
    return sheet, objective_code, True
