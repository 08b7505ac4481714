"""Parser for the PEG family: Piano Esecutivo di Gestione, "Allegato B" layout.

The document (a text export of a PDF) is organised as:

* a front page (ALLEGATO B, "Piano Esecutivo di Gestione <year>", PEG_<year>, the area, the
  elaboration date, the list of Centri di Responsabilità);
* per CDR: "<code> - <name>", "Dirigente: <name>", then the CDR summary table (Indirizzo,
  Obiettivo, Azione, Codice Progetto, Progetto, Budget, % di assorbimento) with subtotal rows;
* "Prodotto" + "Dirigente: ..." followed by the project sheets of that CDR. A sheet holds the
  project code and name, a description, the strategic references (Indirizzo / Obiettivo
  Strategico / Azione), objectives with their indicator tables, a phase table, a budget block
  (capitolo/articolo lines in Entrate/Spese Correnti/Investimenti columns) and a staff table.

Cells of the CDR summary table are identified by their content (project-code pattern, "Totale X"
label, amount and percent formats), never by absolute column index, because the export shifts
rows left and right. Budget amounts are placed in the column the block header declares at the
same tab position; a "Totale" row that lost its leading empty cell is realigned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ingest.common import (
    Ledger,
    ParseError,
    ParseResult,
    SourceDocument,
    parse_it_date,
    parse_it_decimal,
    strip_markup,
)

FAMILY = "peg"
LAYOUT = "peg_allegato_b"

# --- patterns -----------------------------------------------------------------------------

_PROJECT_CODE = r"(?:\d{4}_P[A-Z]_[0-9A-Z]+|[A-Z]_\d{3,})"
RE_PROJECT_CELL = re.compile(rf"^{_PROJECT_CODE}$")
RE_PROJECT_LINE = re.compile(rf"^\**({_PROJECT_CODE})(?![0-9A-Za-z_])(.*)$")
RE_OBJECTIVE = re.compile(r"^\**(\d{4}_OB_[0-9A-Z]+_[0-9A-Z]+)(?![0-9A-Za-z_])(.*)$")
RE_OBJECTIVE_CELL = re.compile(r"^\d{4}_OB_[0-9A-Z]+_[0-9A-Z]+$")
RE_INDICATOR = re.compile(r"^([A-Z])_([0-9A-Z]+)_([0-9A-Z]+)_([0-9A-Z]+)$")
RE_TYPE_LINE = re.compile(r"^Obiettivo\s+(?!Strategico\b)([^\t*]+?)\s*(\*\*.*)?$")
RE_CDR_HEADER = re.compile(r"^([0-9A-Z]{1,4}) - (\S.*)$")
RE_TITLE = re.compile(r"^Piano Esecutivo di Gestione\s+(\d{4})$", re.IGNORECASE)
RE_PEG_CODE = re.compile(r"^PEG_(\d{4})$")
RE_ALLEGATO = re.compile(r"^ALLEGATO\s+\S+$", re.IGNORECASE)
RE_ELABORATION = re.compile(r"^Elaborazione del\s+(\S+)$", re.IGNORECASE)
RE_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
RE_PERCENT = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%$")
RE_TOTALE_CDR = re.compile(r"^Totale\s+(Azione|Obiettivo|Indirizzo|CDR)$", re.IGNORECASE)
RE_CAP = re.compile(r"^Cap\.\s*([0-9A-Z]+)\s+Art\.\s*([0-9A-Z]+)$", re.IGNORECASE)
RE_BUDGET_COLUMN = re.compile(
    r"^(Entrate|Spese)\s+(Correnti|Investimenti|in conto capitale|conto capitale|c/capitale)$",
    re.IGNORECASE,
)
RE_SEPARATOR = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")
RE_INDICATOR_YEAR = re.compile(r"(\d{4})")
RE_STRATEGIC_LABEL = re.compile(r"^(Indirizzo|Obiettivo Strategico|Azione)(?:[\t ]+(.*\S))?\s*$")

STRATEGIC_HEADING = "Indirizzo Strategico di riferimento"
CDR_TABLE_HEADER = ("Indirizzo", "Obiettivo", "Azione")
STAFF_HEADER = ("Nome Soggetto", "Relazione Personale", "Impegno Personale")
PHASE_HEADER_FIRST = "Ordine Fase"
INDICATOR_HEADER = ("Codice indicatore", "Indicatore")

T_DOCUMENT = "peg_document"
T_CDR = "peg_cdr"
T_CDR_ROWS = "peg_cdr_rows"
T_PROJECTS = "peg_projects"
T_OBJECTIVES = "peg_objectives"
T_INDICATORS = "peg_indicators"
T_PHASES = "peg_phases"
T_BUDGET_LINES = "peg_budget_lines"
T_BUDGET_TOTALS = "peg_budget_totals"
T_STAFF = "peg_staff"


# --- small helpers ------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("\t")]


def _nonempty(cells: list[str]) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(cells) if c]


def _is_amount(cell: str) -> bool:
    return bool(RE_AMOUNT.match(cell))


def _is_percent(cell: str) -> bool:
    return bool(RE_PERCENT.match(cell))


def objective_type_from_raw(raw: str | None) -> str | None:
    """'Obiettivo di miglioramento' -> 'miglioramento'; 'Obiettivo Prioritario' -> 'prioritario'."""
    if not raw:
        return None
    s = re.sub(r"^Obiettivo\s+", "", raw.strip(), flags=re.IGNORECASE).lower()
    s = re.sub(r"^di\s+", "", s)
    return re.sub(r"\s+", " ", s).strip() or None


def budget_column_kind(column_name: str) -> tuple[str | None, str | None]:
    """Flow and nature of a budget column.

    'Spese Correnti' -> ('spesa', 'corrente'); 'Entrate Correnti' -> ('entrata', 'corrente');
    'Spese Investimenti' -> ('spesa', 'investimento').
    """
    low = column_name.lower()
    flow = "entrata" if low.startswith("entrat") else "spesa" if low.startswith("spes") else None
    if "corrent" in low:
        nature = "corrente"
    elif "investiment" in low or "capitale" in low:
        nature = "investimento"
    else:
        nature = None
    return flow, nature


def _is_cdr_table_header(cells: list[str]) -> bool:
    ne = [c for c in cells if c]
    return tuple(ne[:3]) == CDR_TABLE_HEADER and any(c.startswith("Codice Progetto") for c in ne)


def _is_indicator_header(cells: list[str]) -> bool:
    ne = [c for c in cells if c]
    return (
        len(ne) >= 3 and tuple(ne[:2]) == INDICATOR_HEADER and ne[2].startswith("Valore previsto")
    )


def _is_staff_header(cells: list[str]) -> bool:
    return tuple(c for c in cells if c)[:3] == STAFF_HEADER


def _is_phase_header(cells: list[str]) -> bool:
    ne = [c for c in cells if c]
    return bool(ne) and ne[0] == PHASE_HEADER_FIRST


def _budget_header_columns(cells: list[str]) -> dict[int, str] | None:
    ne = _nonempty(cells)
    if ne and all(RE_BUDGET_COLUMN.match(c) for _, c in ne):
        return {i: c for i, c in ne}
    return None


def _is_nota(cells: list[str]) -> bool:
    ne = [c for c in cells if c]
    return bool(ne) and re.match(r"^Nota\s*:", ne[0]) is not None


@dataclass
class _BudgetBlock:
    project_code: str | None
    block_seq: int
    columns: dict[int, str]
    header_line: int | None
    # per column index: sum of the line amounts (to check a realigned Totale row)
    sums: dict[int, Decimal] = field(default_factory=dict)
    has_total: bool = False
    last_line_records: list[dict[str, Any]] = field(default_factory=list)
    # a "Cap." line without amounts, waiting for its continuation: (lines, cap, art, desc)
    pending: tuple[list[int], str, str, str] | None = None


# --- the parser ---------------------------------------------------------------------------


class _PegParser:
    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.n_lines = len(doc.lines)
        self.result = ParseResult(
            document_id=doc.document_id,
            family=FAMILY,
            layout=LAYOUT,
            ledger=Ledger(doc),
        )
        self.ledger = self.result.ledger
        # document level
        self.year: int | None = None
        self.doc_title: str | None = None
        self.document: dict[str, Any] = {}
        self.document_lines: list[int] = []
        self.front_cdrs: dict[str, tuple[str, int]] = {}
        self.mode = "front"
        # CDR level
        self.cdr: str | None = None
        self.cdr_codes: list[str] = []
        self.row_seq = 0
        self.context: list[str | None] = [None, None, None]
        self.cdr_header_seen = False
        self.listed: dict[str, dict[str, Any]] = {}  # project code -> CDR table row
        # sheet level
        self.sheet_dirigente: str | None = None
        self.project: str | None = None
        self.projects_seen: set[str] = set()
        self.objective: str | None = None
        self.objective_open = False
        self.objectives_seen: set[str] = set()
        self.table: str | None = None  # ind | phase | budget | budget_done | staff
        self.header_seen = False
        self.last_rec: dict[str, Any] | None = None
        self.last_rec_table: str | None = None
        self.last_rec_noted = False
        self.budget: _BudgetBlock | None = None
        self.block_seq = 0
        self.header_year: int | None = None

    # -- line access --------------------------------------------------------------------

    def text(self, n: int) -> str:
        return self.doc.line(n)

    def peek(self, n: int) -> int | None:
        """First non-blank line number >= n."""
        while n <= self.n_lines:
            if self.text(n).strip():
                return n
            n += 1
        return None

    def add(self, table: str, record: dict[str, Any], first: int, last: int | None = None) -> dict:
        """Add a record spanning first..last while mapping only ``first`` (and ``last``).

        Lines in between (a repeated header between an indicator and its Nota) keep their own
        classification.
        """
        self.result.add(table, record, first)
        rec = self.result.tables[table][-1]
        if last is not None and last != first:
            rec["source_line_end"] = last
            self.ledger.map(last, table)
        return rec

    # -- classification helpers ---------------------------------------------------------

    def is_cdr_header(self, n: int) -> re.Match[str] | None:
        t = self.text(n)
        if "\t" in t:
            return None
        m = RE_CDR_HEADER.match(t.strip())
        if not m:
            return None
        k = self.peek(n + 1)
        if k is not None and self.text(k).strip().startswith("Dirigente:"):
            return m
        return None

    def is_project_line(self, n: int) -> re.Match[str] | None:
        t = self.text(n)
        if "\t" in t:
            return None
        return RE_PROJECT_LINE.match(t.strip())

    def is_type_line(self, n: int) -> bool:
        t = self.text(n)
        if "\t" in t:
            return False
        m = RE_TYPE_LINE.match(t.strip())
        if not m:
            return False
        glued = m.group(2)
        if glued and RE_OBJECTIVE.match(glued.strip()):
            return True
        if glued and glued.strip("* "):
            return False
        k = self.peek(n + 1)
        return (
            k is not None
            and "\t" not in self.text(k)
            and bool(RE_OBJECTIVE.match(self.text(k).strip()))
        )

    def is_objective_line(self, n: int) -> bool:
        t = self.text(n)
        return "\t" not in t and bool(RE_OBJECTIVE.match(t.strip()))

    def is_structural(self, n: int) -> bool:
        """A line that starts a new part of a sheet (ends a name or description)."""
        t = self.text(n).strip()
        cells = _cells(self.text(n))
        plain = strip_markup(t)
        return bool(
            plain == STRATEGIC_HEADING
            or plain == "Prodotto"
            or plain.startswith("Fasi/")
            or plain == "Budget previsto"
            or t.startswith("Dirigente:")
            or self.is_cdr_header(n)
            or self.is_project_line(n)
            or self.is_type_line(n)
            or self.is_objective_line(n)
            or _is_indicator_header(cells)
            or _is_staff_header(cells)
            or _is_phase_header(cells)
            or _budget_header_columns(cells) is not None
            or RE_CAP.match(cells[0])
            or RE_INDICATOR.match(cells[0])
        )

    def is_description_heading(self, n: int) -> bool:
        plain = strip_markup(self.text(n).strip())
        return plain == "Descrizione" or plain.startswith("Descrizione ")

    # -- main loop ------------------------------------------------------------------------

    def run(self) -> ParseResult:
        n = 1
        while n <= self.n_lines:
            t = self.text(n)
            if not t.strip():
                n += 1
                continue
            n = self.dispatch(n)
        self.finish()
        return self.result

    def dispatch(self, n: int) -> int:
        t = self.text(n)
        if RE_SEPARATOR.match(t):
            self.ledger.boilerplate(n, "markdown_separator")
            return n + 1
        m = self.is_cdr_header(n)
        if m:
            return self.start_cdr(n, m)
        if self.mode == "front" and (
            strip_markup(t.strip()) == "Prodotto" or self.is_project_line(n)
        ):
            self.mode = "sheets"  # no front page / CDR table before the sheets
        if self.mode == "front":
            return self.front_line(n)
        if self.mode == "cdr":
            if t.strip() == "Prodotto" or ("\t" not in t and self.is_project_line(n)):
                self.mode = "sheets"
                return self.sheet_line(n)
            return self.cdr_row(n)
        return self.sheet_line(n)

    # -- front page -----------------------------------------------------------------------

    def front_line(self, n: int) -> int:
        t = self.text(n).strip()
        if m := RE_TITLE.match(t):
            self.doc_title = t
            self.year = int(m.group(1))
            self.document_lines.append(n)
        elif m := RE_PEG_CODE.match(t):
            self.document["document_code"] = t
            self.document_lines.append(n)
            if self.year is None:
                self.year = int(m.group(1))
        elif RE_ALLEGATO.match(t):
            self.document["allegato"] = t
            self.document_lines.append(n)
        elif m := RE_ELABORATION.match(t):
            self.document["elaboration_date_raw"] = m.group(1)
            self.document["elaboration_date"] = parse_it_date(m.group(1))
            self.document_lines.append(n)
        elif strip_markup(t).lower().startswith("centro di responsabilit"):
            self.ledger.boilerplate(n, "section_heading")
        elif "\t" not in t and (m := RE_CDR_HEADER.match(t)):
            self.front_cdrs.setdefault(m.group(1), (m.group(2).strip(), n))
        elif "\t" not in t and self.document.get("area") is None:
            self.document["area"] = t
            self.document_lines.append(n)
        elif t == self.document.get("area"):
            self.ledger.boilerplate(n, "repeated_front_page_heading")
        else:
            self.ledger.unparsed(n, "unrecognised front-page line")
        return n + 1

    # -- CDR sections ---------------------------------------------------------------------

    def start_cdr(self, n: int, m: re.Match[str]) -> int:
        code, name = m.group(1), m.group(2).strip()
        d = self.peek(n + 1)
        assert d is not None  # is_cdr_header checked it
        dirigente = self.text(d).strip()[len("Dirigente:") :].strip() or None
        self.cdr = code
        self.sheet_dirigente = dirigente
        self.cdr_codes.append(code)
        front = self.front_cdrs.get(code)
        self.add(
            T_CDR,
            {
                "cdr_code": code,
                "cdr_name": name,
                "dirigente_raw": dirigente,
                "year": self.year,
                "listed_on_front_page": front is not None,
            },
            n,
            d,
        )
        if front is not None:
            self.ledger.map(front[1], T_CDR)
        self.mode = "cdr"
        self.row_seq = 0
        self.context = [None, None, None]
        self.cdr_header_seen = False
        self.project = None
        self.objective = None
        self.objective_open = False
        self.table = None
        self.budget = None
        return d + 1

    def cdr_row(self, n: int) -> int:
        cells = _cells(self.text(n))
        if _is_cdr_table_header(cells):
            if self.cdr_header_seen:
                self.ledger.boilerplate(n, "repeated_table_header")
            else:
                self.ledger.map(n, T_CDR_ROWS)
                self.cdr_header_seen = True
            return n + 1
        ne = _nonempty(cells)
        totals = [(i, c) for i, c in ne if RE_TOTALE_CDR.match(c)]
        codes = [(i, c) for i, c in ne if RE_PROJECT_CELL.match(c)]
        if totals and not codes:
            self.cdr_total_row(n, ne, totals)
        elif len(codes) == 1 and not totals:
            self.cdr_project_row(n, ne, codes[0][0])
        else:
            self.ledger.unparsed(n, "CDR table row without a single project code or Totale label")
        return n + 1

    def _figures(self, cells: list[tuple[int, str]]) -> tuple[list[str], list[str], list[str]]:
        amounts = [c for _, c in cells if _is_amount(c)]
        pcts = [c for _, c in cells if _is_percent(c)]
        texts = [c for _, c in cells if not _is_amount(c) and not _is_percent(c)]
        return amounts, pcts, texts

    def cdr_total_row(self, n: int, ne: list[tuple[int, str]], totals: list) -> None:
        if len(totals) != 1:
            self.ledger.unparsed(n, "CDR table row with more than one Totale label")
            return
        label_idx, label = totals[0]
        others = [(i, c) for i, c in ne if i != label_idx]
        amounts, pcts, texts = self._figures(others)
        if texts or len(amounts) > 1 or len(pcts) > 1:
            self.ledger.unparsed(n, "CDR Totale row with unexpected cells")
            return
        level = RE_TOTALE_CDR.match(label).group(1).lower()  # type: ignore[union-attr]
        ind, obj, az = self.context
        ctx = {
            "azione": (ind, obj, az),
            "obiettivo": (ind, obj, None),
            "indirizzo": (ind, None, None),
            "cdr": (None, None, None),
        }[level]
        self.cdr_record(n, f"totale_{level}", ctx, None, None, amounts, pcts)

    def cdr_project_row(self, n: int, ne: list[tuple[int, str]], code_idx: int) -> None:
        before = [(i, c) for i, c in ne if i < code_idx]
        after = [(i, c) for i, c in ne if i > code_idx]
        b_amounts, b_pcts, ctx_cells = self._figures(before)
        amounts, pcts, texts = self._figures(after)
        if b_amounts or b_pcts or len(ctx_cells) > 3:
            self.ledger.unparsed(n, "CDR project row with unexpected cells before the code")
            return
        if len(texts) > 1 or len(amounts) > 1 or len(pcts) > 1:
            self.ledger.unparsed(n, "CDR project row with unexpected cells after the code")
            return
        # Context cells fill the hierarchy from the right: the cell nearest the project code is
        # the Azione, then the Obiettivo, then the Indirizzo; higher levels are carried down.
        k = len(ctx_cells)
        if k:
            self.context = self.context[: 3 - k] + list(ctx_cells)
        code = dict(ne)[code_idx]
        name = texts[0] if texts else None
        rec = self.cdr_record(n, "project", tuple(self.context), code, name, amounts, pcts)
        self.listed.setdefault(code, dict(rec, cdr_code=self.cdr))

    def cdr_record(
        self,
        n: int,
        kind: str,
        ctx: tuple,
        code: str | None,
        name: str | None,
        amounts: list[str],
        pcts: list[str],
    ) -> dict[str, Any]:
        self.row_seq += 1
        budget_raw = amounts[0] if amounts else None
        pct_raw = pcts[0] if pcts else None
        return self.add(
            T_CDR_ROWS,
            {
                "cdr_code": self.cdr,
                "row_seq": self.row_seq,
                "row_kind": kind,
                "indirizzo": ctx[0],
                "obiettivo_strategico": ctx[1],
                "azione": ctx[2],
                "project_code": code,
                "project_name": name,
                "budget_raw": budget_raw,
                "budget": parse_it_decimal(budget_raw),
                "absorption_raw": pct_raw,
                "absorption_pct": parse_it_decimal(pct_raw),
            },
            n,
        )

    # -- project sheets -------------------------------------------------------------------

    def sheet_line(self, n: int) -> int:
        t = self.text(n)
        s = t.strip()
        cells = _cells(t)
        plain = strip_markup(s)
        if plain == "Prodotto":
            self.ledger.boilerplate(n, "section_heading")
            k = self.peek(n + 1)
            if k is not None and self.text(k).strip().startswith("Dirigente:"):
                self.sheet_dirigente = self.text(k).strip()[len("Dirigente:") :].strip() or None
                self.ledger.map(k, T_PROJECTS)
                return k + 1
            return n + 1
        if self.is_project_line(n):
            return self.project_header(n)
        if self.is_type_line(n):
            return self.objective_block(n, typed=True)
        if self.is_objective_line(n):
            return self.objective_block(n, typed=False)
        if _is_indicator_header(cells):
            return self.indicator_header(n, cells)
        if RE_INDICATOR.match(cells[0]):
            return self.indicator_row(n, cells)
        if _is_nota(cells):
            return self.nota(n, cells)
        if plain.startswith("Fasi/"):
            self.ledger.boilerplate(n, "section_heading")
            self.table = "phase"
            self.objective_open = False
            return n + 1
        if _is_phase_header(cells):
            self.ledger.map(n, T_PHASES)
            self.table = "phase"
            self.objective_open = False
            return n + 1
        if self.table == "phase" and self.phase_row(n, cells):
            return n + 1
        if plain == "Budget previsto":
            self.ledger.boilerplate(n, "section_heading")
            return n + 1
        columns = _budget_header_columns(cells)
        if columns is not None:
            return self.budget_header(n, columns)
        if RE_CAP.match(cells[0]):
            return self.budget_line(n, cells)
        if cells[0] == "Totale" and self.table in ("budget", "budget_done"):
            return self.budget_total(n, cells)
        if _is_staff_header(cells):
            return self.staff_header(n)
        if self.table == "staff":
            return self.staff_row(n, cells)
        if self.table == "budget" and self.budget is not None:
            return self.budget_continuation(n, cells)
        self.ledger.unparsed(n, "unrecognised line in project sheet")
        return n + 1

    def _reset_project(self, code: str | None) -> None:
        self.project = code
        self.objective = None
        self.objective_open = False
        self.table = None
        self.header_seen = False
        self.last_rec = None
        self.budget = None
        self.block_seq = 0

    def project_header(self, n: int) -> int:
        m = self.is_project_line(n)
        assert m is not None
        code = m.group(1)
        used = [n]
        name_parts: list[str] = []
        strategic = False
        for seg in (s.strip() for s in m.group(2).split("**")):
            if not seg:
                continue
            if seg == STRATEGIC_HEADING:
                strategic = True
            else:
                name_parts.append(seg)
        j = n + 1
        # name on the following line(s) when not on the code line
        if not name_parts and not strategic:
            while (k := self.peek(j)) is not None and not (
                self.is_structural(k) or self.is_description_heading(k)
            ):
                name_parts.append(strip_markup(self.text(k).strip()))
                used.append(k)
                j = k + 1
        description: list[str] = []
        refs: dict[str, str | None] = {"Indirizzo": None, "Obiettivo Strategico": None}
        refs["Azione"] = None
        desc_done = False
        while True:
            k = self.peek(j)
            if k is None:
                break
            if not strategic and not desc_done and self.is_description_heading(k):
                desc_done = True
                used.append(k)
                rest = strip_markup(self.text(k).strip())[len("Descrizione") :].strip()
                if rest:
                    description.append(rest)
                j = k + 1
                while (p := self.peek(j)) is not None and not self.is_structural(p):
                    description.append(self.text(p).strip())
                    used.append(p)
                    j = p + 1
                continue
            if strategic or strip_markup(self.text(k).strip()) == STRATEGIC_HEADING:
                if not strategic:
                    used.append(k)
                    j = k + 1
                strategic = False
                j = self.strategic_block(j, refs, used)
                continue
            break
        listed = self.listed.get(code)
        name = strip_markup(" ".join(name_parts)) if name_parts else None
        self.add(
            T_PROJECTS,
            {
                "project_code": code,
                "project_name": name,
                "cdr_code": self.cdr,
                "dirigente_raw": self.sheet_dirigente,
                "description": "\n".join(description) if description else None,
                "indirizzo": refs["Indirizzo"],
                "obiettivo_strategico": refs["Obiettivo Strategico"],
                "azione": refs["Azione"],
                "cdr_code_listed": listed["cdr_code"] if listed else None,
                "sheet_header_missing": False,
            },
            n,
            max(used),
        )
        for u in used:
            self.ledger.map(u, T_PROJECTS)
        self._reset_project(code)
        self.projects_seen.add(code)
        return max(used) + 1

    def strategic_block(self, j: int, refs: dict[str, str | None], used: list[int]) -> int:
        while (k := self.peek(j)) is not None:
            m = RE_STRATEGIC_LABEL.match(self.text(k).strip())
            if not m:
                break
            label, value = m.group(1), m.group(2)
            used.append(k)
            j = k + 1
            if value is None:
                v = self.peek(j)
                if (
                    v is not None
                    and not RE_STRATEGIC_LABEL.match(self.text(v).strip())
                    and not self.is_structural(v)
                ):
                    value = self.text(v).strip()
                    used.append(v)
                    j = v + 1
            refs[label] = strip_markup(value) if value else None
        return j

    # -- objectives and indicators ----------------------------------------------------------

    def objective_block(self, n: int, typed: bool) -> int:
        s = self.text(n).strip()
        used = [n]
        type_raw: str | None = None
        if typed:
            m = RE_TYPE_LINE.match(s)
            assert m is not None
            type_raw = s.split("**", 1)[0].strip()
            glued = m.group(2)
            if glued and glued.strip("* "):
                code_line, code_text = n, glued
            else:
                code_line = self.peek(n + 1)  # type: ignore[assignment]
                code_text = self.text(code_line).strip()
                used.append(code_line)
        else:
            code_line, code_text = n, s
        mo = RE_OBJECTIVE.match(code_text.strip())
        assert mo is not None
        code = mo.group(1)
        balance_text = self.text(code_line)
        parts = [mo.group(2)]
        last = code_line
        if not strip_markup(mo.group(2)):
            k = self.peek(last + 1)
            if k is not None and not self.is_structural(k):
                parts = [self.text(k).strip()]
                balance_text = self.text(k)
                used.append(k)
                last = k
        # a title wrapped in ** ... ** may continue on the next lines
        while balance_text.count("**") % 2 == 1 and last + 1 <= self.n_lines:
            nxt = last + 1
            if not self.text(nxt).strip() or self.is_structural(nxt):
                break
            parts.append(self.text(nxt).strip())
            balance_text += self.text(nxt)
            used.append(nxt)
            last = nxt
        title = strip_markup(" ".join(parts)) or None
        self.add(
            T_OBJECTIVES,
            {
                "project_code": self.project,
                "objective_code": code,
                "objective_type": objective_type_from_raw(type_raw),
                "objective_type_raw": type_raw,
                "title": title,
                "inferred_from_indicator": False,
            },
            n,
            max(used),
        )
        for u in used:
            self.ledger.map(u, T_OBJECTIVES)
        self.objective = code
        self.objective_open = True
        self.objectives_seen.add(code)
        self.table = None
        self.header_seen = False
        return max(used) + 1

    def indicator_header(self, n: int, cells: list[str]) -> int:
        ne = [c for c in cells if c]
        m = RE_INDICATOR_YEAR.search(ne[2])
        if m:
            self.header_year = int(m.group(1))
            if self.year is None:
                self.year = self.header_year
        if self.table == "ind" and self.header_seen:
            self.ledger.boilerplate(n, "repeated_table_header")
        else:
            self.ledger.map(n, T_INDICATORS)
        self.table = "ind"
        self.header_seen = True
        return n + 1

    def _project_for_suffix(self, suffix: str) -> str | None:
        known = list(self.listed) + sorted(self.projects_seen - set(self.listed))
        hits = [c for c in known if c.split("_")[-1] == suffix]
        return hits[0] if len(set(hits)) == 1 else None

    def indicator_row(self, n: int, cells: list[str]) -> int:
        ne = [c for c in cells if c]
        m = RE_INDICATOR.match(cells[0])
        assert m is not None
        if len(ne) > 3:
            self.ledger.unparsed(n, "indicator row with more than three cells")
            return n + 1
        code = cells[0]
        suffix, obj_n = m.group(2), m.group(3)
        same_project = self.project is not None and self.project.split("_")[-1] == suffix
        objective_code = self.objective
        inferred = False
        if not (self.objective_open and same_project):
            # An indicator outside an objective block: its project/objective header was lost
            # (page cut). Attach it to the project and objective its code names.
            project = self.project if same_project else self._project_for_suffix(suffix)
            if project != self.project:
                self.switch_to_unheaded_project(project, n)
            prefix = (project or "").split("_")[0]
            year = prefix if prefix.isdigit() else str(self.year or self.header_year or "")
            objective_code = f"{year}_OB_{suffix}_{obj_n}"
            if objective_code not in self.objectives_seen:
                inferred = True
                self.add(
                    T_OBJECTIVES,
                    {
                        "project_code": self.project,
                        "objective_code": objective_code,
                        "objective_type": None,
                        "objective_type_raw": None,
                        "title": None,
                        "inferred_from_indicator": True,
                    },
                    n,
                )
                self.objectives_seen.add(objective_code)
            self.objective = objective_code
            self.objective_open = True
            self.table = "ind"
            self.header_seen = True
        target = ne[2] if len(ne) >= 3 else None
        rec = self.add(
            T_INDICATORS,
            {
                "project_code": self.project,
                "objective_code": objective_code,
                "indicator_code": code,
                "name": ne[1] if len(ne) >= 2 else None,
                "year": self.header_year,
                "target_raw": target,
                "note": None,
                "objective_inferred": inferred,
            },
            n,
        )
        self.last_rec, self.last_rec_table, self.last_rec_noted = rec, T_INDICATORS, False
        self.table = "ind"
        return n + 1

    def switch_to_unheaded_project(self, project: str | None, n: int) -> None:
        """Start a project whose sheet header was lost, using the CDR table listing."""
        self._reset_project(project)
        if project is None or project in self.projects_seen:
            return
        listed = self.listed.get(project, {})
        self.add(
            T_PROJECTS,
            {
                "project_code": project,
                "project_name": listed.get("project_name"),
                "cdr_code": self.cdr,
                "dirigente_raw": self.sheet_dirigente,
                "description": None,
                "indirizzo": listed.get("indirizzo"),
                "obiettivo_strategico": listed.get("obiettivo_strategico"),
                "azione": listed.get("azione"),
                "cdr_code_listed": listed.get("cdr_code"),
                "sheet_header_missing": True,
            },
            n,
        )
        self.projects_seen.add(project)

    def nota(self, n: int, cells: list[str]) -> int:
        ne = [c for c in cells if c]
        first = re.sub(r"^Nota\s*:", "", ne[0]).strip()
        note = " ".join([p for p in [first, *ne[1:]] if p]).strip() or None
        expected = {"ind": T_INDICATORS, "phase": T_PHASES}.get(self.table or "")
        if self.last_rec is None or self.last_rec_noted or self.last_rec_table != expected:
            self.ledger.unparsed(n, "Nota line without a preceding indicator or phase")
            return n + 1
        self.last_rec["note"] = note
        self.last_rec["source_line_end"] = n
        self.ledger.map(n, expected)
        self.last_rec_noted = True
        return n + 1

    # -- phases -----------------------------------------------------------------------------

    def phase_row(self, n: int, cells: list[str]) -> bool:
        ne = _nonempty(cells)
        if not ne or not ne[0][1].isdigit():
            return False
        obj = [(i, c) for i, c in ne if RE_OBJECTIVE_CELL.match(c)]
        if len(obj) != 1:
            return False
        obj_idx = obj[0][0]
        dates = [(i, c) for i, c in ne if i > obj_idx and parse_it_date(c)]
        texts = [c for i, c in ne if i > obj_idx and not parse_it_date(c)]
        start_raw = dates[0][1] if len(dates) >= 1 else None
        end_raw = dates[1][1] if len(dates) >= 2 else None
        if len(dates) > 2 or len(texts) > 2:
            self.ledger.unparsed(n, "phase row with unexpected cells")
            return True
        rec = self.add(
            T_PHASES,
            {
                "project_code": self.project,
                "phase_order": int(ne[0][1]),
                "objective_code": obj[0][1],
                "description": texts[0] if texts else None,
                "status": texts[1] if len(texts) > 1 else None,
                "start_date_raw": start_raw,
                "start_date": parse_it_date(start_raw),
                "end_date_raw": end_raw,
                "end_date": parse_it_date(end_raw),
                "note": None,
            },
            n,
        )
        self.last_rec, self.last_rec_table, self.last_rec_noted = rec, T_PHASES, False
        return True

    # -- budget -----------------------------------------------------------------------------

    def budget_header(self, n: int, columns: dict[int, str]) -> int:
        b = self.budget
        if (
            b is not None
            and self.table == "budget"
            and not b.has_total
            and b.project_code == self.project
            and b.columns == columns
        ):
            self.ledger.boilerplate(n, "repeated_table_header")
            return n + 1
        self.block_seq += 1
        self.budget = _BudgetBlock(self.project, self.block_seq, columns, n)
        self.ledger.map(n, T_BUDGET_LINES)
        self.table = "budget"
        self.objective_open = False
        return n + 1

    def _place(
        self, amounts: list[tuple[int, str]], columns: dict[int, str]
    ) -> tuple[int, list[int]] | None:
        """Offsets under which every amount falls in a declared column (0 first)."""
        fits = [k for k in (0, 1, -1) if all((i + k) in columns for i, _ in amounts)]
        return (fits[0], fits) if fits else None

    def budget_line(self, n: int, cells: list[str]) -> int:
        b = self.budget
        if b is None or b.project_code != self.project or self.table != "budget":
            self.ledger.unparsed(n, "budget line without a column header in this project")
            return n + 1
        self._flush_pending()
        cap, art = RE_CAP.match(cells[0]).groups()  # type: ignore[union-attr]
        rest = [(i, c) for i, c in _nonempty(cells) if i > 0]
        amounts = [(i, c) for i, c in rest if _is_amount(c)]
        desc = " ".join(c for _, c in rest if not _is_amount(c)) or None
        if not amounts:
            b.pending = ([n], cap, art, desc or "")
            b.last_line_records = []
            return n + 1
        return self._emit_lines(n, n, cells[0], cap, art, desc, amounts)

    def _emit_lines(
        self,
        first: int,
        last: int,
        cap_raw: str,
        cap: str,
        art: str,
        desc: str | None,
        amounts: list[tuple[int, str]],
    ) -> int:
        b = self.budget
        assert b is not None
        placed = self._place(amounts, b.columns)
        if placed is None:
            self.ledger.unparsed(first, "budget amount outside the declared columns")
            if last != first:
                self.ledger.unparsed(last, "budget amount outside the declared columns")
            return last + 1
        k = placed[0]
        recs = []
        for i, raw in amounts:
            col = b.columns[i + k]
            flow, nature = budget_column_kind(col)
            amount = parse_it_decimal(raw)
            b.sums[i + k] = b.sums.get(i + k, Decimal(0)) + (amount or Decimal(0))
            recs.append(
                self.add(
                    T_BUDGET_LINES,
                    {
                        "project_code": self.project,
                        "block_seq": b.block_seq,
                        "capitolo": cap,
                        "articolo": art,
                        "capitolo_description": desc,
                        "column_name": col,
                        "flow": flow,
                        "nature": nature,
                        "amount_raw": raw,
                        "amount": amount,
                        "cap_raw": cap_raw,
                        "shift_corrected": k != 0,
                    },
                    first,
                    last,
                )
            )
        b.last_line_records = recs
        return last + 1

    def _flush_pending(self) -> None:
        b = self.budget
        if b is not None and b.pending is not None:
            for line in b.pending[0]:
                self.ledger.unparsed(line, "budget line without an amount")
            b.pending = None

    def budget_continuation(self, n: int, cells: list[str]) -> int:
        """A budget line broken over two lines (description and/or amounts continue)."""
        b = self.budget
        assert b is not None
        ne = _nonempty(cells)
        amounts = [(i, c) for i, c in ne if _is_amount(c)]
        text = " ".join(c for _, c in ne if not _is_amount(c))
        if b.pending is not None:
            lines, cap, art, desc = b.pending
            b.pending = None
            full_desc = " ".join(p for p in (desc, text) if p) or None
            if not amounts:
                b.pending = ([*lines, n], cap, art, full_desc or "")
                return n + 1
            for line in lines[1:]:
                self.ledger.map(line, T_BUDGET_LINES)
            cap_raw = self.doc.cells(lines[0])[0]
            return self._emit_lines(lines[0], n, cap_raw, cap, art, full_desc, amounts)
        if b.last_line_records and text and not amounts:
            for rec in b.last_line_records:
                rec["capitolo_description"] = " ".join(
                    p for p in (rec["capitolo_description"], text) if p
                )
                rec["source_line_end"] = n
            self.ledger.map(n, T_BUDGET_LINES)
            return n + 1
        self.ledger.unparsed(n, "unrecognised line in budget block")
        return n + 1

    def budget_total(self, n: int, cells: list[str]) -> int:
        b = self.budget
        if b is None or b.has_total or b.project_code != self.project:
            self.ledger.unparsed(n, "budget Totale row without an open budget block")
            return n + 1
        self._flush_pending()
        amounts = [(i, c) for i, c in _nonempty(cells) if i > 0 and _is_amount(c)]
        others = [c for i, c in _nonempty(cells) if i > 0 and not _is_amount(c)]
        placed = self._place(amounts, b.columns)
        if others or placed is None:
            self.ledger.unparsed(n, "budget Totale row that cannot be aligned with its header")
            return n + 1
        # Several offsets may fit: prefer the one under which totals equal the line sums.
        candidates = placed[1]

        def score(k: int) -> int:
            return sum(1 for i, raw in amounts if b.sums.get(i + k) == parse_it_decimal(raw))

        k = max(candidates, key=lambda c: (score(c), c == 0))
        by_col = {i + k: raw for i, raw in amounts}
        for idx, col in sorted(b.columns.items()):
            raw = by_col.get(idx)
            flow, nature = budget_column_kind(col)
            self.add(
                T_BUDGET_TOTALS,
                {
                    "project_code": self.project,
                    "block_seq": b.block_seq,
                    "column_name": col,
                    "flow": flow,
                    "nature": nature,
                    "amount_raw": raw,
                    "amount": parse_it_decimal(raw),
                    "shift_corrected": k != 0,
                },
                n,
            )
        b.has_total = True
        self.table = "budget_done"
        return n + 1

    # -- staff ------------------------------------------------------------------------------

    def staff_header(self, n: int) -> int:
        self._flush_pending()
        k = self.peek(n + 1)
        has_rows = k is not None and self._staff_cells(_cells(self.text(k))) is not None
        if has_rows:
            self.ledger.map(n, T_STAFF)
        else:
            self.ledger.boilerplate(n, "empty_staff_table")
        self.table = "staff"
        self.objective_open = False
        return n + 1

    @staticmethod
    def _staff_cells(cells: list[str]) -> tuple[str, str | None, str] | None:
        ne = [c for c in cells if c]
        if len(ne) in (2, 3) and _is_percent(ne[-1]) and not _is_percent(ne[0]):
            return ne[0], (ne[1] if len(ne) == 3 else None), ne[-1]
        return None

    def staff_row(self, n: int, cells: list[str]) -> int:
        parsed = self._staff_cells(cells)
        if parsed is None or self.project is None:
            self.ledger.unparsed(n, "unrecognised line in staff table")
            return n + 1
        name, relation, alloc = parsed
        self.add(
            T_STAFF,
            {
                "project_code": self.project,
                "person_name": name,
                "relation": relation,
                "allocation_raw": alloc,
                "allocation_pct": parse_it_decimal(alloc),
            },
            n,
        )
        return n + 1

    # -- end --------------------------------------------------------------------------------

    def finish(self) -> None:
        self._flush_pending()
        for code, (name, line) in self.front_cdrs.items():
            if code not in self.cdr_codes:
                self.add(
                    T_CDR,
                    {
                        "cdr_code": code,
                        "cdr_name": name,
                        "dirigente_raw": None,
                        "year": self.year,
                        "listed_on_front_page": True,
                    },
                    line,
                )
        if not self.cdr_codes and not self.projects_seen:
            raise ParseError(self.doc.source_file, None, "no PEG CDR table or project sheet found")
        if self.document_lines:
            first = min(self.document_lines)
            self.add(
                T_DOCUMENT,
                {
                    "doc_title": self.doc_title,
                    "year": self.year,
                    "document_code": self.document.get("document_code"),
                    "allegato": self.document.get("allegato"),
                    "area": self.document.get("area"),
                    "elaboration_date_raw": self.document.get("elaboration_date_raw"),
                    "elaboration_date": self.document.get("elaboration_date"),
                },
                first,
                max(self.document_lines),
            )
            for u in self.document_lines:
                self.ledger.map(u, T_DOCUMENT)
        self.result.doc_title = self.doc_title
        self.result.period_start_year = self.year
        self.result.period_end_year = self.year


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a PEG "Allegato B" export into the peg_* tables."""
    return _PegParser(doc).run()
