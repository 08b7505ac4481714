"""Parser for the *Stato di attuazione* family (progress report of a Piano della performance).

Layout ``sa_piano_performance`` (e.g. CSSM Consorzio Monregalese, "STATO DI ATTUAZIONE AL
31/12/2020 DEL PIANO DELLA PERFORMANCE E PIANO DETTAGLIATO DEGLI OBIETTIVI 2020 - 2022"):

* a title in ``** **`` over a few lines (report date "AL dd/mm/yyyy" and the plan period);
* one block per objective: group header "Obiettivo di performance" / "Obiettivo di PEG", the
  header row "cod. | titolo | situazione attuale | criticità | situazione attesa | vantaggi",
  the objective row, its incidence on the whole plan (on two lines of its own, or glued at the
  end of the title cell), the "Percorso e metodo generale" table, then two "Sviluppo obiettivo
  per steps intermedi" tables (weights; verification and % achieved) and the "TOTALE <year>"
  row (whose label is found in whatever column the export put it);
* the "TABELLA DI RACCORDO CON IL PIANO PROGRAMMA" (strategic / operational objectives linked
  to objective codes, missioni and programmi; badly broken by the export: rows whose cells
  are not in their columns are read by the format of each cell and flagged ``uncertain``);
* the "TABELLA MISSIONI/PROGRAMMI" (continuation rows inherit the missione) and the two
  catalogs "TABELLA OBIETTIVI DI PERFORMANCE" / "TABELLA OBIETTIVI DI PEG".

Every non-blank line is mapped, classified as boilerplate by a named rule, or left unparsed
with a reason. Raw strings are kept beside every parsed figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ingest.common import (
    Ledger,
    ParseResult,
    SourceDocument,
    UnknownLayoutError,
    parse_it_date,
    strip_markup,
    try_parse_it_decimal,
)

FAMILY = "stato_attuazione"
LAYOUT = "sa_piano_performance"

T_OBJECTIVES = "sa_objectives"
T_STEPS = "sa_steps"
T_VERIFICATIONS = "sa_step_verifications"
T_TOTALS = "sa_totals"
T_RACCORDO = "sa_raccordo"
T_MISSIONI = "sa_missioni_programmi"
T_CATALOG = "sa_objective_catalog"
ALL_TABLES = (T_OBJECTIVES, T_STEPS, T_VERIFICATIONS, T_TOTALS, T_RACCORDO, T_MISSIONI, T_CATALOG)
T_DOCUMENTS = "documents"  # the title lines feed the document record (doc_title, period)

# --- line patterns -----------------------------------------------------------------------

RE_OBJ_GROUP = re.compile(r"^obiettivo di (performance|peg)$", re.IGNORECASE)
RE_OBJ_CODE = re.compile(r"^([A-Z]|\d{1,2})$")
RE_INCIDENCE_LABEL = re.compile(
    r"^incidenza obiettivo su totale piano\s*(?P<val>\d{1,3}(?:,\d+)?\s*%)?$", re.IGNORECASE
)
RE_INCIDENCE_IN_TITLE = re.compile(
    r"\s*\bincidenza obiettivo su totale piano\s*(?P<val>\d{1,3}(?:,\d+)?\s*%)\s*$",
    re.IGNORECASE,
)
RE_PCT = re.compile(r"^\d{1,3}(?:,\d+)?\s*%$")
RE_PERCORSO_GROUP = re.compile(r"^percorso e metodo generale$", re.IGNORECASE)
RE_PERCORSO_HEADER = re.compile(r"^descrizione sintetica", re.IGNORECASE)
RE_STEPS_GROUP = re.compile(r"^sviluppo obiettivo per steps? intermedi$", re.IGNORECASE)
RE_STEP_CODE = re.compile(r"^(?P<obj>[A-Z]|\d{1,2})\.(?P<seq>\d{1,2})$")
RE_TOTAL = re.compile(r"^TOTALE\s+(?P<year>\d{4})$", re.IGNORECASE)
RE_NOTE = re.compile(r"^NOTA\b", re.IGNORECASE)
RE_RACCORDO_TITLE = re.compile(r"^TABELLA DI RACCORDO\b", re.IGNORECASE)
RE_RACCORDO_HEADER = re.compile(r"^obiettivo strategico$", re.IGNORECASE)
RE_MP_TITLE = re.compile(r"^TABELLA MISSIONI\s*/\s*PROGRAMMI\b", re.IGNORECASE)
RE_CATALOG_TITLE = re.compile(r"^TABELLA OBIETTIVI DI (PERFORMANCE|PEG)\b", re.IGNORECASE)
RE_REPORT_DATE = re.compile(r"\bAL\s+(\d{1,2}/\d{1,2}/(\d{4}))", re.IGNORECASE)
RE_PERIOD = re.compile(r"\b(\d{4})\s*[-/]\s*(\d{4})\b")
RE_YEAR = re.compile(r"\b(\d{4})\b")

# raccordo cell formats
RE_R_STRATEGIC = re.compile(r"^[1-9]\d?$")
RE_R_OPERATIONAL = re.compile(r"^\d{1,2}[A-Z]$")
RE_R_LETTERS = re.compile(r"^[A-Z](?:\s+[A-Z])*$")
RE_R_NUMBERS = re.compile(r"^\d{1,2}(?:\s+\d{1,2})*$")
RE_R_NUMBER = re.compile(r"^\d{1,2}$")
RE_R_MISSIONE = re.compile(r"^[1-9]\d?$")
RE_R_PROGRAMMA = re.compile(r"^\d{2}$")
RE_R_PADDED = re.compile(r"^0\d$")


def _kind(text: str) -> str:
    return "performance" if text.lower().startswith("perf") else "peg"


def _clean(text: str | None) -> str | None:
    """A text cell as written (markup removed, spaces collapsed); None when empty."""
    if text is None:
        return None
    s = strip_markup(text)
    return s or None


def _pct(raw: str | None) -> tuple[str | None, Decimal | None]:
    """(raw as written or None when empty, Decimal or None when not a percentage)."""
    s = _clean(raw)
    if s is None:
        return None, None
    return s, try_parse_it_decimal(s) if RE_PCT.match(s) else None


def _trim(cells: list[str]) -> list[str]:
    """Cells without the trailing empty ones."""
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    return out


def _cell(cells: list[str], idx: int | None) -> str:
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", strip_markup(text)).strip().lower()


# --- accumulated state -------------------------------------------------------------------


@dataclass
class _Objective:
    kind: str
    group_line: int
    code: str | None = None
    row_first: int | None = None
    row_last: int | None = None
    record: dict[str, Any] = field(default_factory=dict)
    year: int | None = None  # year named by its step tables' headers
    extra_lines: list[int] = field(default_factory=list)


@dataclass
class _StepTable:
    kind: str  # "weights" | "verification"
    header_line: int
    columns: dict[str, int]
    year: int | None
    width: int
    rows: int = 0


class _Parser:
    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.n_lines = len(doc.lines)
        self.ledger = Ledger(doc)
        self.result = ParseResult(
            document_id=doc.document_id, family=FAMILY, layout=LAYOUT, ledger=self.ledger
        )
        self.plan_year: int | None = None
        self.mode = "title"
        self.title_lines: list[int] = []
        # objective block state
        self.obj: _Objective | None = None
        self.obj_header: dict[str, int] | None = None
        self.obj_header_width = 6
        self.pending_incidence: int | None = None
        self.percorso_header: dict[str, int] | None = None
        self.percorso_width = 4
        self.expect_percorso = False
        self.step_table: _StepTable | None = None
        self.steps_by_code: dict[tuple[str | None, str], dict[str, Any]] = {}
        self.verif_texts: dict[str, str] = {}
        # trailing tables state
        self.seen_headings: set[str] = set()
        self.raccordo_cols: dict[str, int] | None = None
        self.raccordo_seq = 0
        self.ctx: dict[str, Any] = {}
        self.missione: tuple[str, str | None] | None = None
        self.catalog_kind: str | None = None

    # -- helpers ----------------------------------------------------------------------

    def cells(self, n: int) -> list[str]:
        return self.doc.cells(n)

    def first(self, n: int) -> str:
        return strip_markup(self.cells(n)[0])

    def nonempty(self, n: int) -> list[str]:
        return [c for c in self.cells(n) if c]

    def heading(self, n: int, key: str, rule_first: str, rule_repeat: str) -> None:
        rule = rule_repeat if key in self.seen_headings else rule_first
        self.seen_headings.add(key)
        self.ledger.boilerplate(n, rule)

    def is_recognized(self, cells: list[str]) -> bool:
        """Whether a line starts a known structure (so it is not a continuation line)."""
        head = strip_markup(cells[0]) if cells else ""
        if any(RE_TOTAL.match(strip_markup(c)) for c in cells):
            return True
        patterns = (
            RE_OBJ_GROUP,
            RE_INCIDENCE_LABEL,
            RE_PERCORSO_GROUP,
            RE_PERCORSO_HEADER,
            RE_STEPS_GROUP,
            RE_STEP_CODE,
            RE_NOTE,
            RE_RACCORDO_TITLE,
            RE_MP_TITLE,
            RE_CATALOG_TITLE,
            RE_PCT,
        )
        if any(p.match(head) for p in patterns):
            return True
        if head.lower() in ("cod.", "cod", "step"):
            return True
        return bool(RE_OBJ_CODE.match(head) and len(_trim(cells)) >= 2)

    def collect_row(self, n: int, width: int) -> tuple[list[str], int]:
        """The cells of the row starting at line n, with its continuation lines merged.

        A row broken by a page break continues on the next non-blank line(s) that do not start
        any known structure; the first cell of a continuation line completes the last cell of
        the row so far. Lines are merged only while the row keeps at most ``width`` cells.
        """
        cells = self.cells(n)
        last = n
        j = n + 1
        while j <= self.n_lines and len(_trim(cells)) < width:
            if not self.doc.line(j).strip():
                j += 1
                continue
            nxt = self.cells(j)
            if self.is_recognized(nxt):
                break
            glued = " ".join(p for p in (cells[-1], nxt[0]) if p)
            merged = cells[:-1] + [glued] + nxt[1:]
            if len(_trim(merged)) > width:
                break
            cells, last = merged, j
            j += 1
        return cells, last

    # -- driver -----------------------------------------------------------------------

    def run(self) -> ParseResult:
        n = 1
        while n <= self.n_lines:
            if not self.doc.line(n).strip():
                n += 1
                continue
            n = self.dispatch(n) + 1
        self.flush_objective()
        self.finish_title()
        if not any(self.result.tables.get(t) for t in ALL_TABLES):
            raise UnknownLayoutError(
                self.doc.source_file,
                None,
                "no objective block ('Obiettivo di performance' / 'Obiettivo di PEG') nor "
                f"raccordo / missioni / catalog table found: not a {LAYOUT} document",
            )
        return self.result

    def dispatch(self, n: int) -> int:
        """Handle line n (and any continuation lines); return the last line consumed."""
        head = self.first(n)
        if RE_OBJ_GROUP.match(head):
            self.start_objective(n, _kind(RE_OBJ_GROUP.match(head).group(1)))
            return n
        if RE_RACCORDO_TITLE.match(head):
            self.flush_objective()
            self.mode = "raccordo"
            self.heading(n, "raccordo", "section_heading", "repeated_page_title")
            return n
        if RE_MP_TITLE.match(head):
            self.flush_objective()
            self.mode = "missioni"
            self.heading(n, "missioni", "section_heading", "repeated_page_title")
            return n
        if RE_CATALOG_TITLE.match(head):
            self.flush_objective()
            self.mode = "catalog"
            self.catalog_kind = _kind(RE_CATALOG_TITLE.match(head).group(1))
            self.heading(n, f"catalog_{self.catalog_kind}", "section_heading", "page_title")
            return n
        if self.mode == "title":
            self.title_lines.append(n)
            return n
        if self.mode == "objective":
            return self.objective_line(n)
        if self.mode == "raccordo":
            self.raccordo_line(n)
            return n
        if self.mode == "missioni":
            self.missioni_line(n)
            return n
        if self.mode == "catalog":
            self.catalog_line(n)
            return n
        self.ledger.unparsed(n, f"line outside any known section (mode {self.mode})")
        return n

    # -- title --------------------------------------------------------------------------

    def title_block(self) -> list[int]:
        """The lines of the bold ``** ... **`` title, else every line before the first block."""
        block: list[int] = []
        for n in self.title_lines:
            text = self.doc.line(n).strip()
            if not block and not text.startswith("**"):
                continue
            block.append(n)
            # the closing "**" (on the opening line only when it holds both markers)
            if text.endswith("**") and (len(block) > 1 or text.count("**") >= 2):
                break
        return block or list(self.title_lines)

    def finish_title(self) -> None:
        block = self.title_block()
        for n in self.title_lines:
            if n not in block:
                self.ledger.unparsed(n, "text before the first objective block, outside the title")
        if not block:
            return
        text = strip_markup(" ".join(self.doc.line(n) for n in block))
        self.result.doc_title = text or None
        m = RE_PERIOD.search(RE_REPORT_DATE.sub("", text))
        if m:
            self.result.period_start_year = int(m.group(1))
            self.result.period_end_year = int(m.group(2))
        for n in block:
            self.ledger.map(n, T_DOCUMENTS)

    def report_year(self) -> int | None:
        if self.plan_year is None and self.title_lines:
            text = strip_markup(" ".join(self.doc.line(n) for n in self.title_block()))
            m = RE_REPORT_DATE.search(text)
            if m:
                self.plan_year = int(m.group(2))
        return self.plan_year

    # -- objective blocks ---------------------------------------------------------------

    def start_objective(self, n: int, kind: str) -> None:
        self.flush_objective()
        self.report_year()
        self.mode = "objective"
        self.obj = _Objective(kind=kind, group_line=n)
        self.obj_header = None
        self.pending_incidence = None
        self.percorso_header = None
        self.expect_percorso = False
        self.step_table = None

    def flush_objective(self) -> None:
        obj, self.obj = self.obj, None
        if obj is None:
            return
        if self.pending_incidence is not None:
            self.ledger.unparsed(self.pending_incidence, "incidence label without a value")
            self.pending_incidence = None
        if obj.code is None:
            self.ledger.unparsed(obj.group_line, "objective header without an objective row")
            return
        if obj.record.get("plan_year") is None:
            # no report date in the title: the year of the step tables' headers
            obj.record["plan_year"] = obj.year
        self.result.add(T_OBJECTIVES, obj.record, (obj.row_first, obj.row_last))
        for line in [obj.group_line, *obj.extra_lines]:
            self.ledger.map(line, T_OBJECTIVES)

    def objective_line(self, n: int) -> int:
        cells = self.cells(n)
        head = self.first(n)
        obj = self.obj
        assert obj is not None
        low = head.lower()

        total_idx = next((i for i, c in enumerate(cells) if RE_TOTAL.match(strip_markup(c))), None)
        if total_idx is not None:
            self.total_line(n, total_idx)
            return n
        if low in ("cod.", "cod") and obj.code is not None:
            self.ledger.boilerplate(n, "repeated_table_header")
            return n
        if low in ("cod.", "cod"):
            self.obj_header = self.header_columns(
                cells,
                {
                    "code": r"^cod",
                    "title": r"^titolo",
                    "situazione_attuale": r"^situazione attuale",
                    "criticita": r"^critic",
                    "situazione_attesa": r"^situazione attesa",
                    "vantaggi": r"^vantaggi",
                },
            )
            self.obj_header_width = len(_trim(cells))
            self.ledger.boilerplate(n, "table_header")
            return n
        if obj.code is None and RE_OBJ_CODE.match(head):
            return self.objective_row(n)
        m = RE_INCIDENCE_LABEL.match(head)
        if m:
            return self.incidence_label(n, m.group("val"))
        if RE_PCT.match(head) and len(self.nonempty(n)) == 1 and self.pending_incidence:
            self.set_incidence(head, n, "own_lines")
            obj.extra_lines.append(self.pending_incidence)
            self.pending_incidence = None
            return n
        if RE_PERCORSO_GROUP.match(head):
            self.ledger.boilerplate(n, "section_heading")
            return n
        if RE_PERCORSO_HEADER.match(head):
            self.percorso_header = self.header_columns(
                cells,
                {
                    "azioni": r"^descrizione sintetica",
                    "operatori": r"^operatori",
                    "costi": r"^costi",
                    "indicatore_raggiungimento": r"^indicatore",
                },
            )
            self.percorso_width = len(_trim(cells))
            self.expect_percorso = True
            self.ledger.boilerplate(n, "table_header")
            return n
        if RE_STEPS_GROUP.match(head):
            self.ledger.boilerplate(n, "section_heading")
            self.step_table = None
            self.expect_percorso = False
            return n
        if low == "step":
            self.step_header(n)
            return n
        if RE_STEP_CODE.match(head):
            return self.step_row(n)
        if RE_NOTE.match(head):
            if obj.record.get("note") is None:
                obj.record["note"] = _clean(self.doc.line(n))
                obj.record["note_line"] = n
                obj.extra_lines.append(n)
            else:
                self.ledger.unparsed(n, "second note for the same objective")
            return n
        if self.expect_percorso and obj.code is not None:
            self.expect_percorso = False
            return self.percorso_row(n)
        self.ledger.unparsed(n, "unrecognised line inside an objective block")
        return n

    @staticmethod
    def header_columns(cells: list[str], roles: dict[str, str]) -> dict[str, int]:
        cols: dict[str, int] = {}
        for i, c in enumerate(cells):
            text = _norm(c)
            for role, pat in roles.items():
                if role not in cols and re.search(pat, text):
                    cols[role] = i
                    break
        return cols

    def objective_row(self, n: int) -> int:
        obj = self.obj
        assert obj is not None
        cols = self.obj_header or {
            "code": 0,
            "title": 1,
            "situazione_attuale": 2,
            "criticita": 3,
            "situazione_attesa": 4,
            "vantaggi": 5,
        }
        cells, last = self.collect_row(n, self.obj_header_width)
        title_raw = _clean(_cell(cells, cols.get("title")))
        title = title_raw
        obj.code = strip_markup(_cell(cells, cols.get("code")))
        obj.row_first, obj.row_last = n, last
        obj.record = {
            "objective_code": obj.code,
            "objective_kind": obj.kind,
            "title": title,
            "title_raw": title_raw,
            "situazione_attuale": _clean(_cell(cells, cols.get("situazione_attuale"))),
            "criticita": _clean(_cell(cells, cols.get("criticita"))),
            "situazione_attesa": _clean(_cell(cells, cols.get("situazione_attesa"))),
            "vantaggi": _clean(_cell(cells, cols.get("vantaggi"))),
            "incidence_raw": None,
            "incidence_pct": None,
            "incidence_line": None,
            "incidence_source": None,
            "azioni": None,
            "operatori": None,
            "costi": None,
            "indicatore_raggiungimento": None,
            "plan_year": self.plan_year,
            "percorso_line": None,
            "percorso_extra_raw": None,
            "note": None,
            "note_line": None,
        }
        if title_raw:
            m = RE_INCIDENCE_IN_TITLE.search(title_raw)
            if m:
                obj.record["title"] = title_raw[: m.start()].strip() or None
                self.set_incidence(m.group("val"), n, "title_cell")
        return last

    def set_incidence(self, raw: str, line: int, source: str) -> None:
        assert self.obj is not None
        rec = self.obj.record
        if rec.get("incidence_raw") is not None:
            self.ledger.unparsed(line, "second incidence value for the same objective")
            return
        raw_s, pct = _pct(raw)
        rec.update(
            incidence_raw=raw_s, incidence_pct=pct, incidence_line=line, incidence_source=source
        )
        self.obj.extra_lines.append(line)

    def incidence_label(self, n: int, inline_value: str | None) -> int:
        others = [c for c in self.cells(n)[1:] if c]
        value = inline_value or (
            others[0] if len(others) == 1 and RE_PCT.match(others[0]) else None
        )
        if value is not None:
            self.set_incidence(value, n, "own_lines")
        else:
            self.pending_incidence = n
        return n

    def percorso_row(self, n: int) -> int:
        obj = self.obj
        assert obj is not None and self.percorso_header is not None
        cells, last = self.collect_row(n, self.percorso_width)
        cols = self.percorso_header
        for role in ("azioni", "operatori", "costi", "indicatore_raggiungimento"):
            obj.record[role] = _clean(_cell(cells, cols.get(role)))
        used = set(cols.values())
        extra = [c for i, c in enumerate(cells) if c and i not in used]
        obj.record["percorso_extra_raw"] = " | ".join(extra) if extra else None
        obj.record["percorso_line"] = n
        obj.extra_lines.extend(range(n, last + 1))
        return last

    # -- steps --------------------------------------------------------------------------

    def step_header(self, n: int) -> None:
        cells = self.cells(n)
        cols: dict[str, int] = {}
        year: int | None = None
        for i, c in enumerate(cells):
            t = _norm(c)
            if not t:
                continue
            if t == "step":
                cols["step"] = i
            elif t.startswith("descrizione"):
                cols["description"] = i
            elif t.startswith("termine"):
                cols["deadline"] = i
            elif t.startswith("indicatore"):
                cols["indicator"] = i
            elif t.startswith("peso step/obiettivo"):
                cols["w_obj"] = i
            elif t.startswith("peso step/"):
                cols["w_year"] = i
                m = RE_YEAR.search(t)
                year = int(m.group(1)) if m else year
            elif "raggiungimento" in t:
                cols["achievement"] = i
                m = RE_YEAR.search(t)
                year = int(m.group(1)) if m else year
            elif t.startswith("veri"):
                cols["verification"] = i
        if "achievement" in cols and "verification" not in cols:
            # a header cell with an unexpected spelling just before '% raggiungimento'
            cand = cols["achievement"] - 1
            if cand not in cols.values():
                cols["verification"] = cand
        if "w_obj" in cols or "w_year" in cols:
            kind = "weights"
        elif "achievement" in cols or "verification" in cols:
            kind = "verification"
        else:
            self.ledger.unparsed(n, "step table header with neither weights nor verification")
            return
        if self.obj is not None and self.obj.year is None:
            self.obj.year = year
        current = self.step_table
        if current is not None and current.kind == kind and current.rows:
            self.ledger.boilerplate(n, "repeated_table_header")
            return
        self.step_table = _StepTable(
            kind=kind,
            header_line=n,
            columns=cols,
            year=year if year is not None else self.plan_year,
            width=len(_trim(cells)),
        )
        # the header gives the year of the weights / achievements
        self.ledger.map(n, T_STEPS if kind == "weights" else T_VERIFICATIONS)

    def step_row(self, n: int) -> int:
        table = self.step_table
        obj = self.obj
        if table is None or obj is None:
            self.ledger.unparsed(n, "step row outside a step table")
            return n
        cells, last = self.collect_row(n, table.width)
        cols = table.columns
        code = strip_markup(cells[0])
        m = RE_STEP_CODE.match(code)
        assert m is not None
        cells_missing = len(cells) < table.width
        extra = [c for c in cells[table.width :] if c]
        base = {
            "objective_code": obj.code,
            "step_code": code,
            "step_seq": int(m.group("seq")),
        }
        flags = {
            "step_prefix_matches": m.group("obj") == obj.code,
            "cells_missing": cells_missing,
            "extra_cells_raw": " | ".join(extra) if extra else None,
        }
        description = _clean(_cell(cells, cols.get("description")))
        deadline_raw = _clean(_cell(cells, cols.get("deadline")))
        indicator = _clean(_cell(cells, cols.get("indicator")))
        table.rows += 1
        if table.kind == "weights":
            w_obj_raw, w_obj = _pct(_cell(cells, cols.get("w_obj")))
            w_year_raw, w_year = _pct(_cell(cells, cols.get("w_year")))
            rec = {
                **base,
                "description": description,
                "deadline_raw": deadline_raw,
                "deadline": parse_it_date(deadline_raw),
                "indicator": indicator,
                "weight_in_objective_raw": w_obj_raw,
                "weight_in_objective_pct": w_obj,
                "weight_in_year_raw": w_year_raw,
                "weight_in_year_pct": w_year,
                "year": table.year,
                **flags,
            }
            self.steps_by_code[(obj.code, code)] = rec
            self.result.add(T_STEPS, rec, (n, last))
            return last
        verification = _clean(_cell(cells, cols.get("verification")))
        ach_raw, ach = _pct(_cell(cells, cols.get("achievement")))
        step = self.steps_by_code.get((obj.code, code))
        differs = None
        if step is not None:
            differs = (description, deadline_raw, indicator) != (
                step["description"],
                step["deadline_raw"],
                step["indicator"],
            )
        same_as = None
        if verification:
            key = _norm(verification)
            same_as = self.verif_texts.get(key)
            self.verif_texts.setdefault(key, code)
        rec = {
            **base,
            "verification": verification,
            "achievement_raw": ach_raw,
            "achievement_pct": ach,
            "year": table.year,
            "description": description,
            "deadline_raw": deadline_raw,
            "indicator": indicator,
            "step_text_differs": differs,
            "verification_same_text_as": same_as,
            **flags,
        }
        self.result.add(T_VERIFICATIONS, rec, (n, last))
        return last

    def total_line(self, n: int, label_idx: int) -> None:
        obj = self.obj
        cells = self.cells(n)
        label = strip_markup(cells[label_idx])
        values = [(i, c) for i, c in enumerate(cells) if c and i != label_idx]
        if obj is None or obj.code is None:
            self.ledger.unparsed(n, "total row outside an objective block")
            return
        if len(values) != 1:
            self.ledger.unparsed(n, f"total row with {len(values)} value cells (expected 1)")
            return
        value_idx, value = values[0]
        raw, pct = _pct(value)
        m = RE_TOTAL.match(label)
        assert m is not None
        self.result.add(
            T_TOTALS,
            {
                "objective_code": obj.code,
                "label": label,
                "year": int(m.group("year")),
                "total_raw": raw,
                "total_pct": pct,
                "label_column": label_idx,
                "value_column": value_idx,
            },
            n,
        )

    # -- raccordo -----------------------------------------------------------------------

    def raccordo_line(self, n: int) -> None:
        cells = self.cells(n)
        head = self.first(n)
        if RE_RACCORDO_HEADER.match(head):
            cols = self.header_columns(
                cells,
                {
                    "strategic": r"^obiettivo strategico",
                    "operational": r"^obiettivo operativo",
                    "performance": r"^obiettivi di performance",
                    "peg": r"^obiettivi di peg",
                    "missioni": r"^missioni",
                    "programmi": r"^programmi",
                },
            )
            if self.raccordo_cols is None:
                self.ledger.boilerplate(n, "table_header")
            else:
                self.ledger.boilerplate(n, "repeated_table_header")
            self.raccordo_cols = cols
            return
        if self.raccordo_cols is None:
            self.ledger.unparsed(n, "raccordo line before the table header")
            return
        if not any(cells):
            return
        evident = self.raccordo_evident(cells)
        if evident is not None:
            self.add_raccordo(n, cells, evident, "evident", None)
            return
        reading, unplaced = self.raccordo_by_format(cells)
        note = (
            "cells not in their columns: read by the format of each cell "
            "(op. code NNX, letters = performance, list of numbers = PEG, "
            "0N = programma, number after PEG = missione)"
        )
        if unplaced:
            note += "; cells not attributable: " + ", ".join(repr(c) for c in unplaced)
        self.add_raccordo(n, cells, reading, "uncertain", note)

    def raccordo_evident(self, cells: list[str]) -> dict[str, str | None] | None:
        """The row's values when every cell sits in a column whose format it matches."""
        cols = self.raccordo_cols
        assert cols is not None
        spec = {
            "strategic": (cols.get("strategic"), RE_R_STRATEGIC),
            "operational": (cols.get("operational"), RE_R_OPERATIONAL),
            "performance": (cols.get("performance"), RE_R_LETTERS),
            "peg": (cols.get("peg"), RE_R_NUMBERS),
            "missioni": (cols.get("missioni"), RE_R_MISSIONE),
            "programmi": (cols.get("programmi"), RE_R_PROGRAMMA),
        }
        title_cols = {
            "strategic_title": None if spec["strategic"][0] is None else spec["strategic"][0] + 1,
            "operational_title": None
            if spec["operational"][0] is None
            else spec["operational"][0] + 1,
        }
        known = {i for i, _ in spec.values() if i is not None}
        known |= {i for i in title_cols.values() if i is not None}
        if any(c for i, c in enumerate(cells) if c and i not in known):
            return None
        out: dict[str, str | None] = {}
        for role, (idx, pat) in spec.items():
            value = strip_markup(_cell(cells, idx))
            if value and not pat.match(value):
                return None
            out[role] = value or None
        for role, idx in title_cols.items():
            value = _clean(_cell(cells, idx))
            code_role = role.removesuffix("_title")
            if value and (out[code_role] is None or RE_R_NUMBERS.match(value)):
                return None  # a title without its code, or a code in a title column
            if out[code_role] is not None and not value:
                return None  # a code without its title
            out[role] = value
        return out

    @staticmethod
    def raccordo_by_format(cells: list[str]) -> tuple[dict[str, str | None], list[str]]:
        """Read a row whose cells left their columns, from the format of each cell."""
        out: dict[str, str | None] = dict.fromkeys(
            (
                "strategic",
                "strategic_title",
                "operational",
                "operational_title",
                "performance",
                "peg",
                "missioni",
                "programmi",
            )
        )
        vals = [strip_markup(c) for c in cells if c]
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

    def add_raccordo(
        self,
        n: int,
        cells: list[str],
        values: dict[str, str | None],
        attribution: str,
        note: str | None,
    ) -> None:
        ctx = self.ctx
        row_kind = "continuation"
        if values["strategic"]:
            ctx.clear()
            ctx.update(
                strategic=values["strategic"],
                strategic_title=values["strategic_title"],
                strategic_uncertain=attribution != "evident",
            )
            row_kind = "strategic"
        if values["operational"]:
            ctx.update(
                operational=values["operational"],
                operational_title=values["operational_title"],
                operational_uncertain=attribution != "evident",
            )
            if row_kind != "strategic":
                row_kind = "operational"
            strategic = ctx.get("strategic")
            prefix = re.match(r"\d+", values["operational"])
            if strategic and (prefix is None or prefix.group() != strategic):
                attribution = "uncertain"
                note = "; ".join(
                    p for p in (note, "operational code does not extend the strategic code") if p
                )
        if attribution == "evident" and (
            ctx.get("strategic_uncertain") or ctx.get("operational_uncertain")
        ):
            attribution = "uncertain"
            note = "row in place, but its strategic/operational context came from an uncertain row"
        self.raccordo_seq += 1
        self.result.add(
            T_RACCORDO,
            {
                "row_seq": self.raccordo_seq,
                "strategic_code": ctx.get("strategic"),
                "strategic_title": ctx.get("strategic_title"),
                "operational_code": ctx.get("operational"),
                "operational_title": ctx.get("operational_title"),
                "performance_codes": values["performance"],
                "peg_codes": values["peg"],
                "missioni": values["missioni"],
                "programmi": values["programmi"],
                "raw_cells": " | ".join(strip_markup(c) for c in cells),
                "attribution": attribution,
                "row_kind": row_kind,
                "attribution_note": note,
            },
            n,
        )

    # -- missioni / programmi -------------------------------------------------------------

    def missioni_line(self, n: int) -> None:
        cells = [strip_markup(c) for c in self.cells(n)]
        cells += [""] * (4 - len(cells))
        m_code, m_name, p_code, p_name = cells[:4]
        extra = [c for c in cells[4:] if c]
        words = {c.lower() for c in cells if c}
        if words and words <= {"missioni", "programmi", "missione", "programma"}:
            self.ledger.boilerplate(n, "table_header")
            return
        if extra or not RE_R_NUMBER.match(p_code) or not p_name:
            self.ledger.unparsed(n, "missioni/programmi row without a programma code and name")
            return
        inherited = False
        if m_code:
            if not RE_R_NUMBER.match(m_code):
                self.ledger.unparsed(n, f"missione code {m_code!r} is not a number")
                return
            self.missione = (m_code, m_name or None)
        elif m_name:
            self.ledger.unparsed(n, "missione name without its code")
            return
        else:
            inherited = True
        if self.missione is None:
            self.ledger.unparsed(n, "programma row before any missione")
            return
        self.result.add(
            T_MISSIONI,
            {
                "missione_code": self.missione[0],
                "missione_name": self.missione[1],
                "programma_code": p_code,
                "programma_name": p_name,
                "missione_inherited": inherited,
            },
            n,
        )

    # -- catalogs -----------------------------------------------------------------------

    def catalog_line(self, n: int) -> None:
        cells = _trim([strip_markup(c) for c in self.cells(n)])
        if cells and cells[0].lower().rstrip(".") == "cod":
            self.ledger.boilerplate(n, "table_header")
            return
        if len(cells) == 2 and RE_OBJ_CODE.match(cells[0]) and cells[1]:
            self.result.add(
                T_CATALOG,
                {
                    "objective_kind": self.catalog_kind,
                    "objective_code": cells[0],
                    "title": cells[1],
                },
                n,
            )
            return
        self.ledger.unparsed(n, "catalog line is not 'code | title'")


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a *stato di attuazione* document (layout ``sa_piano_performance``)."""
    return _Parser(doc).run()
