"""Parser for the performance section of a PIAO (Piano integrato di attività e organizzazione).

Layout ``piao_performance`` (sample: Unione dei Comuni del Sorbara, PIAO 2023-2025, Allegato
Sottosezione 2.1 Performance). Document structure, in order::

    title lines ("PIAO 2023 - 2025", "Allegato Sottosezione 2.1 Performance"), "Indice" + TOC
    narrative (Sezione I), then tables:
      LIVELLO DI PERFORMANCE ORGANIZZATIVA <TAB> PERCENTUALE        -> piao_weights
      INDICATORE <TAB> DEFINIZIONE <TAB> TARGET (after "a livello generale di ente" /
        "a livello di struttura organizzativa")                      -> piao_org_indicators
    Sezione II, per area:
      Area <NAME>; CENTRO DI COSTO <TAB> SERVIZIO <TAB> RESPONSABILE -> piao_areas
      Servizio <NAME>; OBIETTIVI OPERATIVI SPECIFICI <year>
      MISSIONE nn ... - PROGRAMMA nn ... [OBIETTIVO STRATEGICO: ...]
      OBIETTIVO STRATEGICO: ... / OBIETTIVO: ...                    -> piao_objectives
      DESCRIZIONE <TAB> INDICATORE DI RISULTATO <year> <TAB> RESPONSABILE [<TAB> RISCHIO ...]
                                                                     -> piao_objective_rows
      PARAMETRI + "- ..." items                                      -> piao_parametri
      INDICATORI [title] / title; Dimensione di performance <TAB> Denominazione indicatore
        <TAB> Formula <TAB> Standard [<TAB> RISCHIO ...]             -> piao_service_indicators

Context (area, servizio, missione/programma, strategic objective) carries down to the
following objectives until changed: a new Area resets everything below it, a new Servizio
resets missione/programma and the strategic objective, a new MISSIONE heading resets the
strategic objective (unless the same line names one).

Rules for the defects of the export (each one visible in the output):

* Wrapped rows: a logical table row spans several physical lines. A line continues the row
  above (each non-empty cell appended, with a space, to the same column) unless it evidently
  starts a new row:

  - objective tables: a risk value (BASSA/MEDIA/...) while the current row already has one,
    or with a description that starts with a capital; a filled label column ("a)", "b) c)");
    a list item ("1) ...") with its own indicator cell (one record per item, linked to the
    introductory row ending with ":" by ``parent_row_seq``; the responsabile / rischio cells
    of the items are empty in the document and stay None); in tables without a risk column,
    a description starting with a capital or digit;
  - org-indicator tables: a first cell that starts with a capital (a first cell starting in
    lowercase is the wrapped tail of the indicator name);
  - service-indicator tables: a filled "Dimensione" cell;
  - area tables: a filled centro cell; an empty centro with a service adds a second service
    to the same centro (``cost_center`` None, ``parent_cost_center`` the centro in force);
    a responsabile cell in parentheses on such a line is the role of the responsabile above
    and is appended to it.

* Table headers split over several lines ("RISCHIO" / "CORRUTTIVO" / "VALUTAZIONE" /
  "CRITICITA'", "Dimensione di" / "performance", "CENTRO" / "PEG") -> boilerplate
  ``table_header``; a header repeated while its table is still open (page break) ->
  boilerplate ``repeated_table_header`` and the table goes on. Columns are positional, so a
  header with a missing cell ("DESCRIZIONE<TAB>DESCRIZIONE INDICATORI ...<TAB><TAB>RISCHIO")
  or a leading empty cell (label column) reads the same way. The year of an objective table
  is read from its own header ("INDICATORE DI RISULTATO 2022" gives 2022, reported as is).
* Cell split mid-word in the label column ("Verifica sul f<TAB>unzionamento del servizio"):
  when the label cell is not a list label, it is the head of the description; the two
  pieces are concatenated with no character added only when the cut is evident (the label's
  last word is a lowercase fragment ending in a consonant that is not an Italian word and the
  next cell starts in lowercase), else joined with a space. ``split_cell_raw`` keeps the
  exported cells.
* Cells in the wrong column (text in the risk column that is not a risk value, or cells beyond
  the header's width): the line, and the following continuation lines of the same row, are
  not distributed over the columns; they are kept as written in ``misaligned_text_raw`` (TABs
  shown as " | ") on the row they continue.
* Garbled export text (word-fragment cells, OCR-like noise): inside an org-indicator table,
  lines with cells beyond the header's width form one record flagged ``garbled`` whose
  ``raw_text`` keeps the lines as written (no name/definition/target is guessed); between an
  OBIETTIVO heading and its table, lines are attached as written to that objective in
  ``extra_text_raw``. Garbled text inside a cell is kept as written (never "fixed").
* Glued titles ("Servizio UNICO DEL PERSONALE OBIETTIVI OPERATIVI SPECIFICI 2023") are split.
* Underlined comparison signs exported as ``<u><</u>`` are kept as written (``strip_markup``
  would turn an underlined "<" (≤) into "<").
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
    strip_markup,
    try_parse_it_decimal,
)

FAMILY = "piao"
LAYOUT = "piao_performance"

T_WEIGHTS = "piao_weights"
T_ORG = "piao_org_indicators"
T_AREAS = "piao_areas"
T_OBJ = "piao_objectives"
T_ROWS = "piao_objective_rows"
T_SVC = "piao_service_indicators"
T_PARAM = "piao_parametri"

_UP = "A-ZÀ-Ý"
_TITLE_PERIOD_RE = re.compile(r"\bPIAO\s+(\d{4})\s*[-–]\s*(\d{4})\b")
_SOTTOSEZIONE_RE = re.compile(r"\b(Sottosezione\s+\d+(?:\.\d+)*\.?\s+\S.*)$", re.IGNORECASE)
_INDICE_RE = re.compile(r"^(Indice|INDICE|Sommario|SOMMARIO)$")
_AREA_RE = re.compile(rf"^(?:Area|AREA)\s+(?P<name>[{_UP}][{_UP}0-9'’ ,.\-–/()]*)$")
_SERVIZIO_RE = re.compile(
    rf"^(?:Servizio|SERVIZIO)\s+(?P<name>[{_UP}0-9][{_UP}0-9'’ ,.\-–/()]*?)"
    r"(?:\s+OBIETTIVI\s+OPERATIVI\s+SPECIFICI\s+(?P<year>\d{4}))?$"
)
_MISSIONE_RE = re.compile(r"^MISSIONE\s+(?P<code>\d{1,2})\b\s*[:.\-–]?\s*(?P<rest>.*)$")
_PROGRAMMA_RE = re.compile(
    r"\s*[-–]?\s*\bPROGRAMMA\s+(?P<code>\d{1,2})\b\s*[:.\-–]?\s*(?P<name>.*)$"
)
_INLINE_STRATEGIC_RE = re.compile(r"\s*\bOBIETTIVO\s+STRATEGICO\s*:?\s*(?P<title>.*)$")
_STRATEGIC_RE = re.compile(r"^OBIETTIVO\s+STRATEGICO\s*:?\s*(?P<title>.+)$", re.IGNORECASE)
_OBJECTIVE_RE = re.compile(
    r"^(?:OBIETTIVO\s*:|Obiettivo\s*:|OBIETTIVO\s+(?!STRATEGICO\b))\s*(?P<title>\S.*)$"
)
_OBIETTIVI_YEAR_RE = re.compile(r"^OBIETTIVI\s+OPERATIVI\s+SPECIFICI\s+(?P<year>\d{4})$")
_INDICATORI_RE = re.compile(r"^INDICATORI(?:\s+(?P<title>\S.*))?$")
_PARAMETRI_RE = re.compile(r"^PARAMETRI\s*:?$")
_SEZIONE_RE = re.compile(r"^SEZIONE\s+[IVX\d]+$")
_LIST_ITEM_RE = re.compile(r"^[-–•*]\s+(?P<text>\S.*)$")
_PARAM_VALUE_RE = re.compile(r"\((?P<value>\d{1,3}(?:\.\d{3})+|\d+)\s+al\s+(?P<date>[\d./]+)\)")
_PARAM_DATE_RE = re.compile(r"\bal\s+(?P<date>\d{1,2}[./]\d{1,2}[./]\d{2,4})\b")
_PCT_RE = re.compile(r"^\d+(?:,\d+)?\s*%$")
_YEAR_RE = re.compile(r"\b(20\d{2})\b")
_RISK_RE = re.compile(
    r"^(?:(?:RISCHIO|CORRUTTIVO|VALUTAZIONE|CRITICIT(?:A['’]|À))\s*)*"
    r"(?P<risk>BASSA|BASSO|MEDIA|MEDIO|ALTA|ALTO)$",
    re.IGNORECASE,
)
_HEADER_WORDS = {
    "RISCHIO",
    "CORRUTTIVO",
    "VALUTAZIONE",
    "CRITICITA'",
    "CRITICITA’",
    "CRITICITÀ",
    "PERFORMANCE",
    "PEG",
    "RESPONSABILE",
}
_LABEL_RE = re.compile(r"^(?:(?:\d{1,2}|[a-z])\)\s*)+$")
_ITEM_RE = re.compile(r"^(?P<label>(?:\d{1,2}|[a-z])\))\s+\S")
_BULLETS = {"•", "-", "–", "❖", "●", "▪", "*"}
_UNDERLINED_SIGN_RE = re.compile(r"<u>\s*[<>=≤≥]\s*</u>", re.IGNORECASE)
_VOWELS = set("aeiouàèéìíòóùú")
# Italian words ending in a consonant: a fragment equal to one of them is not a cut word.
_CONSONANT_WORDS = {
    "il", "al", "del", "dal", "nel", "sul", "col", "per", "con", "non", "in", "un", "bar",
    "gas", "sport", "pc", "pec", "web", "on", "line", "social", "network", "part", "time",
}  # fmt: skip


# --- small helpers ------------------------------------------------------------------------


def _clean(text: str | None) -> str | None:
    """Markup debris removed, spaces collapsed; None when nothing is left.

    An underlined comparison sign (``<u><</u>``, i.e. "≤") is kept as written: removing the
    tags would change the figure's operator.
    """
    if text is None:
        return None
    if _UNDERLINED_SIGN_RE.search(text):
        s = re.sub(r"[ \u00a0]+", " ", text).strip()
    else:
        s = strip_markup(text)
    return s or None


def _as_is(text: str) -> str:
    """A line kept as written, TABs shown as ' | ' (trailing empty cells dropped, leading ones
    kept so the column of each piece stays visible)."""
    cells = [c.strip() for c in text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(cells).strip()


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def _width(cells: list[str]) -> int:
    """Index of the last non-empty cell + 1."""
    for i in range(len(cells) - 1, -1, -1):
        if cells[i]:
            return i + 1
    return 0


def _starts_upper(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _is_header_continuation(cells: list[str]) -> bool:
    words = " ".join(c for c in cells if c).upper().split()
    return bool(words) and all(w in _HEADER_WORDS for w in words)


def _risk(cell: str) -> str | None:
    m = _RISK_RE.match(cell.strip())
    return m.group("risk") if m else None


def _glue(left: str, right: str) -> str:
    """Rejoin a description cut by a TAB: no character added when the cut is evidently inside
    a word, else a space."""
    words = left.split()
    last = words[-1] if words else ""
    cut = (
        bool(right)
        and right[0].islower()
        and last.isalpha()
        and last.islower()
        and last[-1] not in _VOWELS
        and last not in _CONSONANT_WORDS
    )
    return left + right if cut else f"{left} {right}".strip()


def _slug(text: str) -> str:
    s = re.sub(r"^LIVELLO\s+DI\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^0-9a-zà-ÿ]+", "_", s.lower()).strip("_")


def _code(raw: str | None) -> str | None:
    """Missione / programma code as a two-digit string ('6' -> '06'); raw kept by caller."""
    return raw.zfill(2) if raw else None


def _is_section_heading(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and s == s.upper() and len(s) <= 150


def _is_narrative(s: str) -> bool:
    return (
        len(s.split()) >= 4
        or s.endswith((".", ":", ";"))
        or s[:1] in _BULLETS
        or s.startswith("- ")
    )


# --- intermediate structures --------------------------------------------------------------


@dataclass
class _Row:
    """A logical table row assembled from one or more physical lines."""

    first: int
    cols: dict[str, list[str]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    label: str | None = None
    parent: _Row | None = None
    cost_center: str | None = None
    parent_cost_center: str | None = None
    misaligned: list[str] = field(default_factory=list)
    garbled: list[str] = field(default_factory=list)
    split_cell_raw: str | None = None
    seq: int = 0

    def __post_init__(self) -> None:
        self.touch(self.first)

    @property
    def last(self) -> int:
        return max(self.lines)

    def touch(self, line: int) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def put(self, col: str, text: str, line: int) -> None:
        if text:
            self.cols.setdefault(col, []).append(text)
        self.touch(line)

    def get(self, col: str) -> str | None:
        parts = self.cols.get(col)
        return _clean(" ".join(parts)) if parts else None


@dataclass
class _Table:
    kind: str  # weights | org | areas | objective | service
    header_line: int
    width: int
    offset: int = 0
    has_risk: bool = False
    year: int | None = None
    header_raw: str | None = None
    scope: str | None = None
    group: str | None = None
    title: str | None = None
    title_line: int | None = None
    rows: list[_Row] = field(default_factory=list)
    data_seen: bool = False
    intro: _Row | None = None
    centro: str | None = None


# --- the parser ---------------------------------------------------------------------------


class _Parser:
    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.result = ParseResult(
            document_id=doc.document_id, family=FAMILY, layout=LAYOUT, ledger=Ledger(doc)
        )
        self.ledger = self.result.ledger
        self.front = True
        self.toc = False
        self.toc_first: str | None = None
        self.toc_titles: set[str] = set()
        self.prev: tuple[int, str] | None = None
        self.sottosezione: str | None = None
        # context
        self.area: str | None = None
        self.area_line: int | None = None
        self.servizio: str | None = None
        self.servizio_line: int | None = None
        self.missione: dict[str, Any] | None = None
        self.missione_line: int | None = None
        self.strategic_seq: int | None = None
        self.section: str | None = None
        self.plan_year: int | None = None
        self.plan_year_line: int | None = None
        self.cur_obj: dict[str, Any] | None = None
        self.cur_obj_has_table = False
        self.obj_seq = 0
        self.ind_section = False
        self.pending_title: tuple[str, int] | None = None
        self.parametri = False
        self.param_seq = 0
        self.table: _Table | None = None
        self.org_seq: dict[str | None, int] = {}
        self.svc_table_seq = 0
        self.tables_found = 0

    # -- driver --------------------------------------------------------------------------

    def run(self) -> ParseResult:
        for n, text in self.doc.numbered():
            if not text.strip():
                continue
            self.handle(n, text)
            self.prev = (n, text.strip())
        self.close_table()
        if not self.tables_found:
            raise ParseError(
                self.doc.source_file, None, "no PIAO performance table found (piao_performance)"
            )
        return self.result

    def add(self, table: str, record: dict[str, Any], lines: int | tuple[int, int]) -> dict:
        self.result.add(table, record, lines)
        return self.result.tables[table][-1]

    def add_row(self, table: str, record: dict[str, Any], row: _Row) -> None:
        """Add a record spanning its row's lines; only the row's own lines are mapped (a
        repeated header or another row's line inside the span keeps its own status)."""
        stored = self.add(table, record, row.first)
        stored["source_line_end"] = row.last
        for n in row.lines:
            self.ledger.map(n, table)

    def use_context(self, table: str, *, missione: bool = True) -> None:
        """Map the context headings whose values a record carries."""
        for line in (self.area_line, self.servizio_line, missione and self.missione_line):
            if line:
                self.ledger.map(line, table)

    def handle(self, n: int, text: str) -> None:
        s = text.strip()
        has_tab = "\t" in text
        if self.front and self.front_line(n, s, has_tab):
            return
        if self.toc:
            if self.toc_line(n, s, has_tab):
                return
            self.toc = False
        if has_tab:
            cells = self.doc.cells(n)
            kind = _header_kind(cells)
            if kind:
                self.on_header(n, kind, cells)
                return
            if self.table is not None:
                self.table_line(n, cells, text)
                return
            self.close_table()
            self.tabbed_outside(n, text)
            return
        self.close_table()
        self.plain(n, s)

    # -- title block and table of contents -------------------------------------------------

    def front_line(self, n: int, s: str, has_tab: bool) -> bool:
        if _INDICE_RE.match(s):
            self.front = False
            self.toc = True
            self.ledger.boilerplate(n, "table_of_contents")
            return True
        if has_tab or len(s) > 120 or _is_known_heading(s):
            self.front = False
            return False
        m = _TITLE_PERIOD_RE.search(s)
        if m and self.result.period_start_year is None:
            self.result.period_start_year = int(m.group(1))
            self.result.period_end_year = int(m.group(2))
        m2 = _SOTTOSEZIONE_RE.search(s)
        if m2 and self.sottosezione is None:
            self.sottosezione = m2.group(1).strip()
        self.ledger.boilerplate(n, "document_title")
        return True

    def toc_line(self, n: int, s: str, has_tab: bool) -> bool:
        if has_tab:
            cells = self.doc.cells(n)
            if not cells[0] or not all(c == "" or c.isdigit() for c in cells[1:]):
                return False
            if self.toc_first is None:
                self.toc_first = cells[0]
            self.toc_titles.add(cells[0].upper())
        else:
            if self.toc_first is None or s.upper() == self.toc_first.upper() or len(s) > 100:
                return False
            self.toc_titles.add(s.upper())
        self.ledger.boilerplate(n, "table_of_contents")
        return True

    # -- headers and tables ----------------------------------------------------------------

    def on_header(self, n: int, kind: str, cells: list[str]) -> None:
        t = self.table
        if t is not None and t.kind == kind and t.data_seen:
            self.ledger.boilerplate(n, "repeated_table_header")
            t.data_seen = False  # its split continuation lines may follow
            return
        self.close_table()
        self.tables_found += 1
        width = _width(cells)
        t = _Table(kind=kind, header_line=n, width=width, header_raw=_as_is(self.doc.line(n)))
        self.ledger.boilerplate(n, "table_header")
        if kind == "weights":
            t.group = _slug(cells[0])
            self.ledger.map(n, T_WEIGHTS)
        elif kind == "org":
            t.scope = self.org_scope()
        elif kind == "objective":
            t.offset = 1 if not cells[0] else 0
            t.width = max(width, t.offset + 3)
            t.has_risk = any("RISCHIO" in c.upper() for c in cells)
            if t.has_risk:
                t.width = max(t.width, t.offset + 4)
            for c in cells:
                if "INDICATOR" in c.upper():
                    t.header_raw = c
                    m = _YEAR_RE.search(c)
                    t.year = int(m.group(1)) if m else None
                    break
            self.cur_obj_has_table = True
        elif kind == "service":
            t.has_risk = any("RISCHIO" in c.upper() for c in cells)
            t.width = max(width, 5 if t.has_risk else 4)
            if self.pending_title:
                t.title, t.title_line = self.pending_title
                self.pending_title = None
        self.table = t

    def org_scope(self) -> str | None:
        """'ente' / 'struttura' from the sentence introducing the table (then mapped)."""
        if self.prev is None:
            return None
        n, s = self.prev
        low = s.lower()
        scope = None
        if "livello di struttura" in low or "struttura organizzativa" in low:
            scope = "struttura"
        elif re.search(r"livello\s+generale\s+di\s+ente|\bdi\s+ente\b", low):
            scope = "ente"
        if scope:
            self.ledger.map(n, T_ORG)
        return scope

    def table_line(self, n: int, cells: list[str], text: str) -> None:
        t = self.table
        assert t is not None
        if not t.data_seen and _is_header_continuation(cells):
            self.ledger.boilerplate(n, "table_header")
            return
        t.data_seen = True
        handler = {
            "weights": self.weights_line,
            "org": self.org_line,
            "areas": self.areas_line,
            "objective": self.objective_line,
            "service": self.service_line,
        }[t.kind]
        handler(t, n, cells, text)

    def close_table(self) -> None:
        t = self.table
        if t is None:
            return
        self.table = None
        {
            "weights": lambda _t: None,
            "org": self.flush_org,
            "areas": self.flush_areas,
            "objective": self.flush_objective,
            "service": self.flush_service,
        }[t.kind](t)

    # weights ------------------------------------------------------------------------------

    def weights_line(self, t: _Table, n: int, cells: list[str], text: str) -> None:
        values = [c for c in cells if c]
        if len(values) != 2 or not _PCT_RE.match(values[1]):
            self.ledger.unparsed(n, "weights row without an item and a percentage")
            return
        item, raw = _clean(values[0]), values[1]
        record = {
            "weight_group": t.group,
            "item": item,
            "weight_raw": raw,
            "weight_pct": try_parse_it_decimal(raw),
        }
        self.add(T_WEIGHTS, record, n)

    # org indicators -----------------------------------------------------------------------

    def org_line(self, t: _Table, n: int, cells: list[str], text: str) -> None:
        cur = t.rows[-1] if t.rows else None
        if any(c for c in cells[t.width :]):  # word-fragment cells: garbled export
            if cur is not None and cur.garbled:
                cur.garbled.append(_as_is(text))
                cur.touch(n)
            else:
                t.rows.append(_Row(first=n, garbled=[_as_is(text)]))
            return
        cells = _pad(cells, t.width)
        if cur is None or _starts_upper(cells[0]):
            cur = _Row(first=n)
            t.rows.append(cur)
        elif cur.garbled:
            cur.garbled.append(_as_is(text))
            cur.touch(n)
            return
        for col, text_ in zip(("name", "definition", "target"), cells[:3], strict=True):
            cur.put(col, text_, n)

    def flush_org(self, t: _Table) -> None:
        for row in t.rows:
            seq = self.org_seq.get(t.scope, 0) + 1
            self.org_seq[t.scope] = seq
            garbled = bool(row.garbled)
            record = {
                "scope": t.scope,
                "indicator_seq": seq,
                "name": row.get("name"),
                "definition": row.get("definition"),
                "target_raw": row.get("target"),
                "garbled": garbled,
                "raw_text": "\n".join(row.garbled) if garbled else None,
            }
            self.add_row(T_ORG, record, row)

    # areas --------------------------------------------------------------------------------

    def areas_line(self, t: _Table, n: int, cells: list[str], text: str) -> None:
        cells = _pad(cells, 3)
        centro, service, resp = cells[0], cells[1], " ".join(c for c in cells[2:] if c)
        cur = t.rows[-1] if t.rows else None
        if centro:
            t.centro = centro
            row = _Row(first=n, cost_center=centro)
            t.rows.append(row)
        elif service and (cur is None or _starts_upper(service)):
            row = _Row(first=n, parent_cost_center=t.centro)
            t.rows.append(row)
            if resp.startswith("(") and cur is not None:
                cur.put("role", resp, n)
                resp = ""
        elif cur is not None:
            row = cur  # wrapped service name or responsabile
        else:
            self.ledger.unparsed(n, "area table line with no centro and no service")
            return
        row.put("service", service, n)
        if resp.startswith("(") and row.cols.get("responsabile"):
            row.put("role", resp, n)
        else:
            row.put("responsabile", resp, n)

    def flush_areas(self, t: _Table) -> None:
        if t.rows and self.area_line:
            self.ledger.map(self.area_line, T_AREAS)
        for seq, row in enumerate(t.rows, start=1):
            name, role = row.get("responsabile"), row.get("role")
            full = " ".join(p for p in (name, role) if p) or None
            record = {
                "area_name": self.area,
                "cost_center": row.cost_center,
                "service": row.get("service"),
                "responsabile_raw": full,
                "row_seq": seq,
                "parent_cost_center": row.parent_cost_center,
                "responsabile_name_raw": name,
                "responsabile_role_raw": role,
            }
            self.add_row(T_AREAS, record, row)

    # objective rows -----------------------------------------------------------------------

    def objective_line(self, t: _Table, n: int, cells: list[str], text: str) -> None:
        off = t.offset
        extra = any(c for c in cells[t.width :])
        cells = _pad(cells, t.width)
        label = cells[0] if off else ""
        desc, ind, resp = cells[off], cells[off + 1], cells[off + 2]
        risk_cell = cells[off + 3] if t.has_risk else ""
        risk = _risk(risk_cell) if risk_cell else None
        split_raw = None
        if label and not _LABEL_RE.match(label):
            split_raw = f"{label} | {desc}"
            desc = _glue(label, desc)
            label = ""
        if desc in _BULLETS:
            label, desc = label or desc, ""
        cur = t.rows[-1] if t.rows else None
        misaligned = extra or bool(risk_cell and not risk)
        item = _ITEM_RE.match(desc)
        is_item = bool(item and ind and not risk)  # a list item with its own indicator cell
        cur_risk = bool(cur and cur.cols.get("rischio"))
        new = (
            cur is None
            or bool(risk and (cur_risk or _starts_upper(desc)))
            or bool(off and label)
            or is_item
            or (not t.has_risk and _starts_upper(desc))
        )
        if cur is not None and (misaligned or (cur.misaligned and not new)):
            cur.misaligned.append(_as_is(text))
            cur.touch(n)
            return
        if misaligned:
            self.ledger.unparsed(n, "objective table row with cells outside the header's columns")
            return
        if new:
            cur = _Row(first=n, label=label or None, split_cell_raw=split_raw)
            if is_item and item:
                cur.label = cur.label or item.group("label")
                if t.intro is not None and (t.intro.get("description") or "").endswith(":"):
                    cur.parent = t.intro
            else:
                t.intro = cur
            t.rows.append(cur)
        assert cur is not None
        cur.put("description", desc, n)
        cur.put("indicator", ind, n)
        cur.put("responsabile", resp, n)
        cur.put("rischio", risk_cell, n)

    def flush_objective(self, t: _Table) -> None:
        if not t.rows:
            return
        self.ledger.map(t.header_line, T_ROWS)
        obj_seq = self.cur_obj["objective_seq"] if self.cur_obj else None
        for seq, row in enumerate(t.rows, start=1):
            row.seq = seq
            risk_raw = row.get("rischio")
            record = {
                "objective_seq": obj_seq,
                "row_seq": seq,
                "description": row.get("description"),
                "indicator_raw": row.get("indicator"),
                "year": t.year,
                "responsabile_raw": row.get("responsabile"),
                "rischio": _risk(risk_raw) if risk_raw else None,
                "rischio_raw": risk_raw,
                "label": row.label,
                "parent_row_seq": row.parent.seq if row.parent else None,
                "indicator_header_raw": t.header_raw,
                "split_cell_raw": row.split_cell_raw,
                "misaligned_text_raw": "\n".join(row.misaligned) or None,
            }
            self.add_row(T_ROWS, record, row)

    # service indicators -------------------------------------------------------------------

    def service_line(self, t: _Table, n: int, cells: list[str], text: str) -> None:
        extra = any(c for c in cells[t.width :])
        cells = _pad(cells, t.width)
        risk_cell = cells[4] if t.has_risk else ""
        risk = _risk(risk_cell) if risk_cell else None
        misaligned = extra or bool(risk_cell and not risk)
        cur = t.rows[-1] if t.rows else None
        if cur is not None and (misaligned or (cur.misaligned and not cells[0])):
            cur.misaligned.append(_as_is(text))
            cur.touch(n)
            return
        if misaligned or (cur is None and not cells[0]):
            self.ledger.unparsed(n, "indicator table line that fits no column")
            return
        if cells[0] or cur is None:
            cur = _Row(first=n)
            t.rows.append(cur)
        for col, text_ in zip(
            ("dimension", "name", "formula", "standard", "rischio"), cells[:5], strict=False
        ):
            cur.put(col, text_, n)

    def flush_service(self, t: _Table) -> None:
        if not t.rows:
            return
        self.svc_table_seq += 1
        if t.title_line:
            self.ledger.map(t.title_line, T_SVC)
        self.use_context(T_SVC, missione=False)
        for seq, row in enumerate(t.rows, start=1):
            risk_raw = row.get("rischio")
            record = {
                "area_name": self.area,
                "servizio": self.servizio,
                "table_title": t.title,
                "indicator_seq": seq,
                "dimension": row.get("dimension"),
                "name": row.get("name"),
                "formula": row.get("formula"),
                "standard_raw": row.get("standard"),
                "rischio": _risk(risk_raw) if risk_raw else None,
                "rischio_raw": risk_raw,
                "table_seq": self.svc_table_seq,
                "misaligned_text_raw": "\n".join(row.misaligned) or None,
            }
            self.add_row(T_SVC, record, row)

    # -- lines outside tables ----------------------------------------------------------------

    def tabbed_outside(self, n: int, text: str) -> None:
        if self.attach_to_objective(n, text):
            return
        self.ledger.unparsed(n, "tabbed line outside any table")

    def attach_to_objective(self, n: int, text: str) -> bool:
        """Text between an OBIETTIVO heading and its table: kept as written on the objective."""
        if self.cur_obj is None or self.cur_obj_has_table:
            return False
        previous = self.cur_obj.get("extra_text_raw")
        line = _as_is(text)
        self.cur_obj["extra_text_raw"] = f"{previous}\n{line}" if previous else line
        self.cur_obj["source_line_end"] = n
        self.ledger.map(n, T_OBJ)
        return True

    def plain(self, n: int, s: str) -> None:
        if self.parametri:
            m = _LIST_ITEM_RE.match(s)
            if m:
                self.parametro(n, m.group("text"))
                return
            self.parametri = False
        for handler in (
            self.area_heading,
            self.servizio_heading,
            self.missione_heading,
            self.strategic_heading,
            self.objective_heading,
            self.other_heading,
        ):
            if handler(n, s):
                return
        if self.ind_section and len(s) <= 80 and not s.endswith((".", ":", ";")):
            self.pending_title = (s, n)
            self.ledger.boilerplate(n, "table_title")
            return
        if self.attach_to_objective(n, s):
            return
        if _is_section_heading(s) and (s.upper() in self.toc_titles or _SEZIONE_RE.match(s)):
            self.end_blocks()
            self.section = s
            self.area = self.area_line = self.servizio = self.servizio_line = None
            self.reset_missione()
            self.ledger.boilerplate(n, "section_heading")
            return
        if _is_narrative(s):
            self.ledger.boilerplate(n, "narrative_text")
            return
        self.ledger.unparsed(n, "unrecognised line")

    def reset_missione(self) -> None:
        self.missione = None
        self.missione_line = None
        self.strategic_seq = None
        self.cur_obj = None

    def end_blocks(self) -> None:
        self.ind_section = False
        self.pending_title = None
        self.parametri = False
        self.cur_obj = None

    def area_heading(self, n: int, s: str) -> bool:
        m = _AREA_RE.match(s)
        if not m:
            return False
        self.end_blocks()
        self.area, self.area_line = m.group("name").strip(), n
        self.servizio = self.servizio_line = None
        self.section = None
        self.reset_missione()
        self.ledger.boilerplate(n, "area_heading")
        return True

    def servizio_heading(self, n: int, s: str) -> bool:
        m = _SERVIZIO_RE.match(s)
        if not m:
            return False
        self.end_blocks()
        self.servizio, self.servizio_line = m.group("name").strip(), n
        if m.group("year"):
            self.plan_year, self.plan_year_line = int(m.group("year")), n
        self.reset_missione()
        self.ledger.boilerplate(n, "servizio_heading")
        return True

    def missione_heading(self, n: int, s: str) -> bool:
        m = _MISSIONE_RE.match(s)
        if not m:
            return False
        self.end_blocks()
        self.reset_missione()
        rest = m.group("rest")
        strategic = None
        sm = _INLINE_STRATEGIC_RE.search(rest)
        if sm:
            strategic = sm.group("title").strip() or None
            rest = rest[: sm.start()]
        pm = _PROGRAMMA_RE.search(rest)
        if pm:
            name = rest[: pm.start()].strip(" -–:")
            p_raw, p_name = pm.group("code"), pm.group("name").strip(" -–:") or None
        else:
            name, p_raw, p_name = rest.strip(" -–:"), None, None
        self.missione = {
            "missione_code": _code(m.group("code")),
            "missione_code_raw": m.group("code"),
            "missione_name": name or None,
            "programma_code": _code(p_raw),
            "programma_code_raw": p_raw,
            "programma_name": p_name,
            "missione_raw": s,
        }
        self.missione_line = n
        self.ledger.boilerplate(n, "missione_heading")
        if strategic:
            self.add_objective(n, "strategico", strategic, s)
        return True

    def strategic_heading(self, n: int, s: str) -> bool:
        m = _STRATEGIC_RE.match(s)
        if not m:
            return False
        self.end_blocks()
        self.add_objective(n, "strategico", m.group("title"), s)
        return True

    def objective_heading(self, n: int, s: str) -> bool:
        m = _OBJECTIVE_RE.match(s)
        if not m:
            return False
        self.end_blocks()
        self.add_objective(n, "operativo", m.group("title"), s)
        return True

    def add_objective(self, n: int, level: str, title: str, heading: str) -> None:
        self.obj_seq += 1
        mis = self.missione or {}
        record = {
            "objective_seq": self.obj_seq,
            "level": level,
            "title": _clean(title),
            "parent_objective_seq": self.strategic_seq if level == "operativo" else None,
            "area_name": self.area,
            "servizio": self.servizio,
            "missione_code": mis.get("missione_code"),
            "missione_name": mis.get("missione_name"),
            "programma_code": mis.get("programma_code"),
            "programma_name": mis.get("programma_name"),
            "missione_raw": mis.get("missione_raw"),
            "missione_code_raw": mis.get("missione_code_raw"),
            "programma_code_raw": mis.get("programma_code_raw"),
            "plan_year": self.plan_year,
            "section_heading": self.section,
            "heading_raw": heading,
            "extra_text_raw": None,
        }
        row = self.add(T_OBJ, record, n)
        self.use_context(T_OBJ)
        if self.plan_year_line:
            self.ledger.map(self.plan_year_line, T_OBJ)
        if level == "strategico":
            self.strategic_seq = self.obj_seq
            self.cur_obj = None
        else:
            self.cur_obj = row
            self.cur_obj_has_table = False

    def other_heading(self, n: int, s: str) -> bool:
        m = _OBIETTIVI_YEAR_RE.match(s)
        if m:
            self.end_blocks()
            self.plan_year, self.plan_year_line = int(m.group("year")), n
            self.ledger.boilerplate(n, "section_heading")
            return True
        m = _INDICATORI_RE.match(s)
        if m:
            self.end_blocks()
            self.ind_section = True
            if m.group("title"):
                self.pending_title = (m.group("title").strip(), n)
            self.ledger.boilerplate(n, "section_heading")
            return True
        if _PARAMETRI_RE.match(s):
            self.end_blocks()
            self.parametri = True
            self.param_seq = 0
            self.ledger.boilerplate(n, "section_heading")
            return True
        return False

    def parametro(self, n: int, text: str) -> None:
        self.param_seq += 1
        value_raw = date_raw = None
        m = _PARAM_VALUE_RE.search(text)
        if m:
            value_raw, date_raw = m.group("value"), m.group("date")
        else:
            md = _PARAM_DATE_RE.search(text)
            date_raw = md.group("date") if md else None
        value: Decimal | None = try_parse_it_decimal(value_raw)
        record = {
            "servizio": self.servizio,
            "item_seq": self.param_seq,
            "text": _clean(text),
            "area_name": self.area,
            "value_raw": value_raw,
            "value": value,
            "reference_date_raw": date_raw,
            "reference_date": parse_it_date(date_raw),
        }
        self.add(T_PARAM, record, n)
        self.use_context(T_PARAM, missione=False)

    # -- title -----------------------------------------------------------------------------

    def finish(self) -> None:
        r = self.result
        if r.period_start_year is not None:
            title = f"PIAO {r.period_start_year} - {r.period_end_year}"
            r.doc_title = f"{title} - {self.sottosezione}" if self.sottosezione else title


def _is_known_heading(s: str) -> bool:
    """A heading of the plan's body: it ends the title block."""
    patterns = (
        _AREA_RE,
        _SERVIZIO_RE,
        _MISSIONE_RE,
        _STRATEGIC_RE,
        _OBJECTIVE_RE,
        _OBIETTIVI_YEAR_RE,
        _INDICATORI_RE,
        _PARAMETRI_RE,
        _SEZIONE_RE,
    )
    return any(p.match(s) for p in patterns)


def _header_kind(cells: list[str]) -> str | None:
    up = [c.upper() for c in cells]
    values = [c for c in up if c]
    if not values:
        return None
    if up[0].startswith("LIVELLO DI PERFORMANCE") and "PERCENTUALE" in up:
        return "weights"
    if values == ["INDICATORE", "DEFINIZIONE", "TARGET"]:
        return "org"
    if up[0] in ("CENTRO DI COSTO", "CENTRO") and "RESPONSABILE" in up:
        return "areas"
    first = next(i for i, c in enumerate(up) if c)
    if first <= 1 and up[first] == "DESCRIZIONE" and any("INDICATOR" in c for c in up):
        return "objective"
    if up[0].startswith("DIMENSIONE DI") and len(up) > 1 and up[1].startswith("DENOMINAZIONE"):
        return "service"
    return None


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a PIAO performance section (layout ``piao_performance``)."""
    parser = _Parser(doc)
    result = parser.run()
    parser.finish()
    return result
