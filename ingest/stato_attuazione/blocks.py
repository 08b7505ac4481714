"""Stage 1: read the document's lines into blocks (no records yet).

One pass splits the document into sections by their opening line: the title (every line
before the first section), one objective block per "Obiettivo di performance / di PEG"
group header, and the trailing tables (raccordo, missioni/programmi, catalogs). Each section
is read into small dataclasses that keep, for every value, its cells and line numbers. Lines
that are not data (headings, table headers, markdown separators) and lines that fit no
structure become :class:`Claim` s for the ledger; whether a row makes a valid record is
decided later, when records are emitted.
"""

from __future__ import annotations

from ingest.common import BOILERPLATE, UNPARSED, SourceDocument
from ingest.repairs import collect_continued_row, is_markdown_separator, trim_cells

from .model import (
    Blocks,
    CatalogRow,
    Claim,
    Incidence,
    ObjectiveBlock,
    Percorso,
    RaccordoRow,
    Row,
    StepTable,
    TotalRow,
)
from .patterns import (
    OBJ_HEADER_FIRST,
    RE_CATALOG_TITLE,
    RE_INCIDENCE_LABEL,
    RE_MP_TITLE,
    RE_NOTE,
    RE_OBJ_CODE,
    RE_OBJ_GROUP,
    RE_PCT,
    RE_PERCORSO_GROUP,
    RE_PERCORSO_HEADER,
    RE_RACCORDO_HEADER,
    RE_RACCORDO_TITLE,
    RE_STEP_CODE,
    RE_STEPS_GROUP,
    RE_YEAR,
    head,
    header_columns,
    kind_of,
    line_cells,
    norm,
    starts_structure,
    total_label_column,
)

OBJECTIVE_ROLES = {
    "code": r"^cod",
    "title": r"^titolo",
    "situazione_attuale": r"^situazione attuale",
    "criticita": r"^critic",
    "situazione_attesa": r"^situazione attesa",
    "vantaggi": r"^vantaggi",
}
PERCORSO_ROLES = {
    "azioni": r"^descrizione sintetica",
    "operatori": r"^operatori",
    "costi": r"^costi",
    "indicatore_raggiungimento": r"^indicatore",
}
RACCORDO_ROLES = {
    "strategic": r"^obiettivo strategico",
    "operational": r"^obiettivo operativo",
    "performance": r"^obiettivi di performance",
    "peg": r"^obiettivi di peg",
    "missioni": r"^missioni",
    "programmi": r"^programmi",
}
MISSIONI_HEADER_WORDS = {"missioni", "programmi", "missione", "programma"}


# --- section starts -----------------------------------------------------------------------


def section_start(cells: list[str]) -> tuple[str, str | None] | None:
    """(section, kind) when a line opens a section: objective / raccordo / missioni / catalog."""
    first = head(cells)
    m = RE_OBJ_GROUP.match(first)
    if m:
        return "objective", kind_of(m.group(1))
    if RE_RACCORDO_TITLE.match(first):
        return "raccordo", None
    if RE_MP_TITLE.match(first):
        return "missioni", None
    m = RE_CATALOG_TITLE.match(first)
    if m:
        return "catalog", kind_of(m.group(1))
    return None


def debris_rule(line: str, cells: list[str]) -> str | None:
    """The boilerplate rule of a line that is only export debris: a markdown table separator
    (``--<TAB>--<TAB>---``, ``| --- |``), or markup with no text (``**``, ``<b></b>``)."""
    if is_markdown_separator(line):
        return "markdown_separator"
    if not any(cells):
        return "markup_debris"
    return None


def heading_rule(section: str, repeated: bool) -> str:
    """Boilerplate rule of a section heading: its first occurrence is the section heading,
    later ones are the title the export repeats at the top of each page."""
    if not repeated:
        return "section_heading"
    return "page_title" if section == "catalog" else "repeated_page_title"


# --- objective blocks ---------------------------------------------------------------------


def label_incidence_value(cells: list[str], inline: str | None) -> str | None:
    """The value of an incidence label line: written in the label cell itself, or the only
    other cell when it is a percentage; None when the value is on the next line."""
    if inline:
        return inline
    others = [c for c in cells[1:] if c]
    if len(others) == 1 and RE_PCT.match(others[0]):
        return others[0]
    return None


def incidence_value_line(cells: list[str], pending_label: int | None) -> bool:
    """Whether a line is the value of the incidence label just above it ("5%" alone on its
    line): the export writes the label and its value on two lines of their own."""
    return (
        pending_label is not None
        and bool(RE_PCT.match(head(cells)))
        and len(trim_cells(cells)) == 1
    )


def continues_step_table(table: StepTable | None, kind: str) -> bool:
    """Whether a step table header repeats the header of the table being read.

    Repairs the header the export repeats after a page break: a header of the same kind as
    the current table, which already has rows, continues that table (its line is boilerplate
    ``repeated_table_header``). After a "Sviluppo obiettivo per steps intermedi" heading a
    header always opens a new table.
    """
    return table is not None and table.kind == kind and bool(table.rows)


def verification_column_by_position(cols: dict[str, int]) -> dict[str, int]:
    """Repairs a verification header with an unexpected spelling ("veridica" for "verifica"
    in objective 7 of the sample): the column just before "% raggiungimento" is the
    verification when no other role took it."""
    if "achievement" in cols and "verification" not in cols:
        cand = cols["achievement"] - 1
        if cand not in cols.values():
            return {**cols, "verification": cand}
    return cols


def read_step_header(cells: list[str]) -> tuple[str, dict[str, int], int | None] | None:
    """(kind, columns, year) of a step table header; None when it has neither weight nor
    verification columns. The year is the one written in "peso step/YYYY" or
    "% raggiungimento YYYY"."""
    cols: dict[str, int] = {}
    year: int | None = None
    for i, c in enumerate(cells):
        t = norm(c)
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
        elif t.startswith("peso step/") or "raggiungimento" in t:
            cols["w_year" if t.startswith("peso") else "achievement"] = i
            m = RE_YEAR.search(t)
            year = int(m.group(1)) if m else year
        elif t.startswith("veri"):
            cols["verification"] = i
    cols = verification_column_by_position(cols)
    if "w_obj" in cols or "w_year" in cols:
        return "weights", cols, year
    if "achievement" in cols or "verification" in cols:
        return "verification", cols, year
    return None


def read_objective(
    doc: SourceDocument,
    group_line: int,
    last_line: int,
    kind: str,
    row_width: int,
    claims: list[Claim],
) -> ObjectiveBlock:
    """Read the lines of one objective block (``group_line`` to ``last_line``).

    ``row_width`` is the width of the objective row when the block has no header of its own
    (the previous block's header). Rows broken by a page break are merged with their
    continuation lines (:func:`ingest.repairs.collect_continued_row`).
    """
    block = ObjectiveBlock(kind=kind, group_line=group_line)
    pending_label: int | None = None  # an incidence label whose value is on the next line
    percorso_cols: dict[str, int] = {}
    percorso_width = 4
    expect_percorso = False
    table: StepTable | None = None

    def claim(n: int, status: str, detail: str) -> None:
        claims.append(Claim(n, status, detail))

    def collect(n: int, width: int) -> Row:
        cells, last = collect_continued_row(
            doc, n, width, starts_structure, lambda j: line_cells(doc, j), last_line
        )
        return Row(n, last, cells)

    n = group_line + 1
    while n <= last_line:
        if not doc.line(n).strip():
            n += 1
            continue
        cells = line_cells(doc, n)
        first = head(cells)
        low = first.lower()
        label = RE_INCIDENCE_LABEL.match(first)
        row: Row | None = None
        if debris := debris_rule(doc.line(n), cells):
            claim(n, BOILERPLATE, debris)
        elif (total_col := total_label_column(cells)) is not None:
            block.totals.append(TotalRow(n, cells, total_col))
        elif low in OBJ_HEADER_FIRST and block.row is not None:
            claim(n, BOILERPLATE, "repeated_table_header")
        elif low in OBJ_HEADER_FIRST:
            block.columns = header_columns(cells, OBJECTIVE_ROLES)
            row_width = block.header_width = len(trim_cells(cells))
            claim(n, BOILERPLATE, "table_header")
        elif block.row is None and RE_OBJ_CODE.match(first):
            row = block.row = collect(n, row_width)
        elif label:
            value = label_incidence_value(cells, label.group("val"))
            if value is not None:
                block.incidences.append(Incidence(value, n))
            else:
                if pending_label is not None:
                    claim(pending_label, UNPARSED, "incidence label without a value")
                pending_label = n
        elif incidence_value_line(cells, pending_label):
            block.incidences.append(Incidence(first, n, pending_label))
            pending_label = None
        elif RE_PERCORSO_GROUP.match(first):
            claim(n, BOILERPLATE, "section_heading")
        elif RE_PERCORSO_HEADER.match(first):
            percorso_cols = header_columns(cells, PERCORSO_ROLES)
            percorso_width = len(trim_cells(cells))
            expect_percorso = True
            claim(n, BOILERPLATE, "table_header")
        elif RE_STEPS_GROUP.match(first):
            claim(n, BOILERPLATE, "section_heading")
            table = None
            expect_percorso = False
        elif low == "step":
            header = read_step_header(cells)
            if header is None:
                claim(n, UNPARSED, "step table header with neither weights nor verification")
            else:
                step_kind, cols, year = header
                if block.header_year is None:
                    block.header_year = year
                if continues_step_table(table, step_kind):
                    claim(n, BOILERPLATE, "repeated_table_header")
                else:
                    width = len(trim_cells(cells))
                    table = StepTable(step_kind, n, cols, year, width)
                    block.step_tables.append(table)
        elif RE_STEP_CODE.match(first):
            if table is None:
                claim(n, UNPARSED, "step row outside a step table")
            else:
                row = collect(n, table.width)
                table.rows.append(row)
        elif RE_NOTE.match(first):
            block.notes.append(n)
        elif expect_percorso and block.row is not None:
            expect_percorso = False
            row = collect(n, percorso_width)
            block.percorsi.append(Percorso(percorso_cols, row))
        else:
            claim(n, UNPARSED, "unrecognised line inside an objective block")
        n = (row.last if row is not None else n) + 1
    if pending_label is not None:
        claim(pending_label, UNPARSED, "incidence label without a value")
    return block


# --- the whole document -------------------------------------------------------------------


def read_blocks(doc: SourceDocument) -> Blocks:
    """Read every line of the document into blocks and claims."""
    out = Blocks()
    sections: list[tuple[str, str | None, int]] = []  # (section, kind, opening line)
    for n in range(1, len(doc.lines) + 1):
        if not doc.line(n).strip():
            continue
        cells = line_cells(doc, n)
        start = section_start(cells)
        if start is not None:
            sections.append((*start, n))
        elif sections:
            continue
        elif debris := debris_rule(doc.line(n), cells):
            out.claims.append(Claim(n, BOILERPLATE, debris))
        else:
            out.title_lines.append(n)

    seen_headings: set[str] = set()
    row_width = 6  # of the objective row, until a "cod." header says otherwise
    raccordo_cols: dict[str, int] | None = None
    for i, (section, kind, opening) in enumerate(sections):
        last = sections[i + 1][2] - 1 if i + 1 < len(sections) else len(doc.lines)
        if section == "objective":
            assert kind is not None
            block = read_objective(doc, opening, last, kind, row_width, out.claims)
            out.objectives.append(block)
            if block.header_width is not None:
                row_width = block.header_width
            continue
        key = f"catalog_{kind}" if section == "catalog" else section
        out.claims.append(Claim(opening, BOILERPLATE, heading_rule(section, key in seen_headings)))
        seen_headings.add(key)
        for n in range(opening + 1, last + 1):
            if not doc.line(n).strip():
                continue
            cells = line_cells(doc, n)
            if debris := debris_rule(doc.line(n), cells):
                out.claims.append(Claim(n, BOILERPLATE, debris))
            elif section == "raccordo":
                if RE_RACCORDO_HEADER.match(head(cells)):
                    rule = "table_header" if raccordo_cols is None else "repeated_table_header"
                    out.claims.append(Claim(n, BOILERPLATE, rule))
                    raccordo_cols = header_columns(cells, RACCORDO_ROLES)
                elif raccordo_cols is None:
                    out.claims.append(Claim(n, UNPARSED, "raccordo line before the table header"))
                else:
                    out.raccordo.append(RaccordoRow(n, cells, raccordo_cols))
            elif is_trailing_table_header(section, cells):
                out.claims.append(Claim(n, BOILERPLATE, "table_header"))
            elif section == "missioni":
                out.missioni.append(Row(n, n, cells))
            else:
                assert kind is not None
                out.catalog.append(CatalogRow(kind, n, cells))
    return out


def is_trailing_table_header(section: str, cells: list[str]) -> bool:
    """The header row of the missioni/programmi table ("Missioni | Programmi") or of a
    catalog ("Cod. | Obiettivo")."""
    texts = cells
    if section == "missioni":
        words = {c.lower() for c in texts if c}
        return bool(words) and words <= MISSIONI_HEADER_WORDS
    return bool(texts) and texts[0].lower().rstrip(".") == "cod"
