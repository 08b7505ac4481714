"""One test per rule of the *stato di attuazione* parser (ingest/stato_attuazione/).

Every rule that repairs a defect of the export is a small named function; each is tested here
on real lines of data/raw/004_b40c0b7f81374021.txt (CSSM Monregalese, stato di attuazione al
31/12/2020), copied with their TABs (the line number of the sample is given beside each), or
on the verbatim excerpts in tests/fixtures/stato_attuazione/ (see test_parser_stato_attuazione).
The figures asserted were read off the document.

The last tests read the whole sample with its export debris removed, and with more debris
added, and require the same records.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest.common import ParseResult
from ingest.repairs import (
    collect_continued_row,
    glue_continuation,
    is_markdown_separator,
    strip_heading_marker,
)
from ingest.stato_attuazione import parse
from ingest.stato_attuazione.blocks import (
    continues_step_table,
    debris_rule,
    heading_rule,
    incidence_value_line,
    label_incidence_value,
    read_blocks,
    read_step_header,
    verification_column_by_position,
)
from ingest.stato_attuazione.catalogs import row_missione
from ingest.stato_attuazione.model import StepTable
from ingest.stato_attuazione.objectives import objective_plan_year, split_title_incidence
from ingest.stato_attuazione.patterns import line_cells, pct, starts_structure, total_label_column
from ingest.stato_attuazione.raccordo import (
    evident_values,
    inherits_uncertain_context,
    next_context,
    operational_extends_strategic,
    values_by_format,
)
from ingest.stato_attuazione.steps import (
    cells_missing,
    copied_verification,
    extra_cells_raw,
    step_prefix_matches,
    step_text_differs,
    table_year,
    total_value,
)
from ingest.stato_attuazione.title import plan_period, report_year, title_block
from tests.helpers import doc_from_text, sample

SAMPLE = "004_b40c0b7f81374021.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stato_attuazione"

# --- real lines of the sample (line number in the comment) ------------------------------

TITLE = [  # 5-8
    "**STATO DI ATTUAZIONE AL 31/12/2020",
    "DEL PIANO DELLA PERFORMANCE",
    "E PIANO DETTAGLIATO DEGLI OBIETTIVI",
    "2020 - 2022**",
]
INCIDENCE_LABEL = "incidenza obiettivo su totale piano\t\t\t\t\t"  # 13
INCIDENCE_VALUE = "5%\t\t\t\t\t"  # 14
PERCORSO_HEADER = (  # 17
    "descrizione sintetica azioni\toperatori coinvolti\tcosti\tindicatore raggiungimento\t"
)
STEPS_GROUP = "Sviluppo obiettivo per steps intermedi\t\t\t\t\t"  # 20
WEIGHTS_HEADER = "step\tdescrizione\ttermine\tindicatore\tpeso step/obiettivo\tpeso step/2020"
VERIFICATION_HEADER = "step\tdescrizione\ttermine\tindicatore\tverifica\t% raggiungimento 2020"
A1_WEIGHTS = (  # 22
    "A.1\tPresentazione dell'iniziativa ai 3 Comuni\t31/07/20\t"
    "Presentazione iniziative alle tre Amministrazioni\t10%\t14%"
)
C1_WEIGHTS = (  # 84
    "C.1\tAttivazione dei 22 posti mancanti al 31/12/2019\t31/07/20\t"
    "Raggiungimento dei 154 posti attivi\t10%\t10%"
)
TOTAL_FIRST_COLUMN = "TOTALE 2020\t\t\t\t\t100%"  # 35
TOTAL_FIFTH_COLUMN = "\t\t\t\tTOTALE 2020\t100%"  # 120
VERIDICA_HEADER = "step\tdescrizione\ttermine\tindicatore\tveridica\t% raggiungimento 2020"  # 340
W_11_2 = (  # 445
    "11.2\tRottamazione 8 veicoli di proprietà e richiesta rimborso quota tassa di proprietà e "
    "assicurazione 2020\t31/10/20\tRottamazione veicoli e inoltrare richieste di rimborso\t40%\t40%"
)
RACCORDO_TITLE = "TABELLA DI RACCORDO CON IL PIANO PROGRAMMA"  # 478, 499, 521, 542
RACCORDO_HEADER = (  # 480
    "Obiettivo strategico\t\tObiettivo operativo\t\tObiettivi di performance\t"
    "Obiettivi di PEG\tMissioni collegate\tProgrammi collegati"
)
RACCORDO_COLS = {
    "strategic": 0,
    "operational": 2,
    "performance": 4,
    "peg": 5,
    "missioni": 6,
    "programmi": 7,
}
R_CONTINUATION = "\t\t\t\tD\t\t\t02"  # 482
R_OPERATIONAL_1B = (  # 484
    "\t\t1B\tDal punto di vista finanziario, assicurare prioritariamente con le risorse stabili "
    "gli interventi consolidati, destinando agli ulteriori interventi solo le risorse non "
    "continuative.\tA\t3\t\t04"
)
R_SHIFTED_3A = (  # 488
    "\t\t\t\t3\t3A\tDefinire modalità strutturate di confronto periodiche nel tempo\tA"
)
R_SHIFTED_3B = (  # 490
    "3B\tIndividuare ambiti in cui sperimentare forme di co-progettazione sociale.\tA\t4 9\t\t12"
    "\t04\t"
)
R_IN_PLACE_C9 = "\t\t\t\tC\t9\t\t"  # 492
R_STRAY_03 = "\t\t\t\t03\t\t\t"  # 495
MISSIONI_TITLE = "TABELLA MISSIONI/PROGRAMMI DEL PIANO PROGRAMMA 2020/2022\t\t\t"  # 544
MISSIONI_HEADER = "<i>Missioni</i>\t\t<i>Programmi</i>\t"  # 545
MISSIONE_1 = "1\tServizi istituzionali, generali e di gestione\t01\tOrgani istituzionali"  # 546
MISSIONE_1_CONTINUED = "\t\t02\tSegreteria generale"  # 547
CATALOG_TITLE = "TABELLA OBIETTIVI DI PEG\t"  # 567
CATALOG_HEADER = "<i>Cod.</i>\t<i>Obiettivo</i>"  # 568
CATALOG_1 = (  # 569
    "1\tRevisione procedure trattamento dati e definizione dei criteri di conservazione e "
    "distruzione"
)


def cells(line: str) -> list[str]:
    return line_cells(doc_from_text(line), 1)


def fixture(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def parse_lines(lines: list[str]) -> ParseResult:
    return parse(doc_from_text("\n".join(lines)))


def one(result: ParseResult, table: str, **where: Any) -> dict[str, Any]:
    found = [r for r in result.tables.get(table, []) if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, f"{table} {where}: {len(found)} rows"
    return found[0]


def status(result: ParseResult, line: int) -> tuple[str, str] | None:
    st = result.ledger.status(line)
    return None if st is None else (st.status, st.detail)


# --- shared repairs (ingest/repairs.py) --------------------------------------------------


def test_markdown_separator_lines() -> None:
    assert is_markdown_separator("--\t--\t---")
    assert is_markdown_separator("| --- | :-: | ---: |")
    assert is_markdown_separator("|---|")
    # a dash written for "not applicable" (B.8's "% raggiungimento", line 66) is a value
    assert not is_markdown_separator("---")
    assert not is_markdown_separator(TOTAL_FIRST_COLUMN)
    assert not is_markdown_separator(R_STRAY_03)


def test_heading_marker_is_removed_from_the_line_only() -> None:
    assert strip_heading_marker("## " + RACCORDO_TITLE) == RACCORDO_TITLE
    assert strip_heading_marker("#\t" + STEPS_GROUP) == STEPS_GROUP
    assert strip_heading_marker("#1 non è un titolo") == "#1 non è un titolo"


def test_row_broken_by_page_break_is_glued_back() -> None:
    # A.1 (line 22) broken inside its indicator cell, as a page break does
    cut = A1_WEIGHTS.index("alle tre Amministrazioni")
    head, tail = A1_WEIGHTS[:cut].rstrip(), A1_WEIGHTS[cut:]
    assert glue_continuation(head.split("\t"), tail.split("\t")) == A1_WEIGHTS.split("\t")
    doc = doc_from_text("\n".join([head, "", tail, C1_WEIGHTS]))
    row, last = collect_continued_row(doc, 1, 6, starts_structure)
    assert row == A1_WEIGHTS.split("\t") and last == 3  # the blank line is skipped, C.1 not taken


def test_complete_row_does_not_swallow_the_next() -> None:
    doc = doc_from_text("\n".join([A1_WEIGHTS, "fine della riga"]))
    assert collect_continued_row(doc, 1, 6, starts_structure) == (A1_WEIGHTS.split("\t"), 1)


# --- reading lines into blocks (blocks.py, patterns.py) ----------------------------------


def test_cells_without_markup_and_heading_markers() -> None:
    assert cells(MISSIONI_HEADER) == ["Missioni", "", "Programmi", ""]
    assert cells("## **" + RACCORDO_TITLE + "**") == [RACCORDO_TITLE]


def test_debris_lines_are_boilerplate() -> None:
    assert debris_rule("--\t--\t--", cells("--\t--\t--")) == "markdown_separator"
    assert debris_rule("**", cells("**")) == "markup_debris"
    assert debris_rule("<b></b>\t", cells("<b></b>\t")) == "markup_debris"
    assert debris_rule(TOTAL_FIRST_COLUMN, cells(TOTAL_FIRST_COLUMN)) is None


def test_repeated_page_titles() -> None:
    assert heading_rule("raccordo", repeated=False) == "section_heading"
    assert heading_rule("raccordo", repeated=True) == "repeated_page_title"
    assert heading_rule("catalog", repeated=True) == "page_title"


def test_total_label_in_any_column() -> None:
    assert total_label_column(cells(TOTAL_FIRST_COLUMN)) == 0  # objective A, line 35
    assert total_label_column(cells(TOTAL_FIFTH_COLUMN)) == 4  # objective D, line 120
    assert total_label_column(cells(A1_WEIGHTS)) is None


def test_incidence_label_with_its_value_on_the_next_line() -> None:
    label = cells(INCIDENCE_LABEL)
    assert label_incidence_value(label, None) is None  # line 13: the value is not there
    assert incidence_value_line(cells(INCIDENCE_VALUE), pending_label=13)  # line 14
    assert not incidence_value_line(cells(INCIDENCE_VALUE), pending_label=None)
    # the same label with the value in its own cell, or in the next one
    assert label_incidence_value(cells("incidenza obiettivo su totale piano\t5%"), None) == "5%"
    assert label_incidence_value(label, "10%") == "10%"


def test_step_header_kind_and_year() -> None:
    assert read_step_header(cells(WEIGHTS_HEADER)) == (
        "weights",
        {"step": 0, "description": 1, "deadline": 2, "indicator": 3, "w_obj": 4, "w_year": 5},
        2020,
    )
    kind, cols, year = read_step_header(cells(VERIFICATION_HEADER)) or ("", {}, None)
    assert (kind, cols["verification"], cols["achievement"], year) == ("verification", 4, 5, 2020)
    assert read_step_header(cells(STEPS_GROUP)) is None


def test_misspelt_verification_header() -> None:
    """Objective 7 (line 340) writes "veridica": the column before % raggiungimento."""
    header = read_step_header(cells(VERIDICA_HEADER))
    assert header is not None and header[1]["verification"] == 4
    assert verification_column_by_position({"achievement": 5, "indicator": 4}) == {
        "achievement": 5,
        "indicator": 4,
    }  # the column is taken: nothing is guessed


def test_repeated_step_header_continues_the_table() -> None:
    table = StepTable("weights", 21, {}, 2020, 6)
    assert not continues_step_table(table, "weights")  # no row yet: a new table
    table.rows.append(object())  # type: ignore[arg-type]
    assert continues_step_table(table, "weights")
    assert not continues_step_table(table, "verification")
    assert not continues_step_table(None, "weights")


def test_blocks_of_an_objective() -> None:
    blocks = read_blocks(doc_from_text("\n".join(fixture("objective_9_note.txt"))))
    (block,) = blocks.objectives
    assert (block.kind, block.code, block.group_line) == ("peg", "9", 1)
    assert [t.kind for t in block.step_tables] == ["weights", "verification"]
    assert [len(t.rows) for t in block.step_tables] == [3, 3]
    assert [t.line for t in block.totals] == [20] and block.notes == [22]


# --- title (title.py) --------------------------------------------------------------------


def test_title_found_by_content_with_or_without_bold_markers() -> None:
    prelude = "Consorzio per i Servizi Socio Assistenziali del Monregalese"
    for title in (TITLE, [t.replace("**", "") for t in TITLE]):
        doc = doc_from_text("\n".join([prelude, *title]))
        assert title_block(doc, [1, 2, 3, 4, 5]) == [2, 3, 4, 5]
    assert plan_period(" ".join(TITLE)) == (2020, 2022)
    assert report_year(" ".join(TITLE)) == 2020


def test_text_before_the_title_is_left_unparsed() -> None:
    lines = [
        "Consorzio per i Servizi Socio Assistenziali del Monregalese",
        *fixture("title_and_objective_a.txt"),
    ]
    r = parse_lines(lines)
    assert r.doc_title.startswith("STATO DI ATTUAZIONE AL 31/12/2020")
    assert status(r, 1) == ("unparsed", "text before the first objective block, outside the title")


# --- objectives (objectives.py) ----------------------------------------------------------


def test_incidence_glued_in_the_title_cell() -> None:
    title = "Progetto Intereg- Alcotra PITEM PRO-SOL - Prossimità Solidale"  # line 380
    assert split_title_incidence(title + " incidenza obiettivo su totale piano 5%") == (
        title,
        "5%",
    )
    assert split_title_incidence(title) == (title, None)


def test_second_incidence_of_an_objective_is_unparsed() -> None:
    lines = fixture("objective_9_note.txt")  # the title cell of line 3 says 5%
    lines[3:3] = [INCIDENCE_LABEL, "10%\t\t\t\t\t"]
    r = parse_lines(lines)
    o = one(r, "sa_objectives", objective_code="9")
    assert (o["incidence_raw"], o["incidence_source"]) == ("5%", "title_cell")
    assert status(r, 5) == ("unparsed", "second incidence value for the same objective")


def test_incidence_label_without_a_value_is_unparsed() -> None:
    lines = fixture("title_and_objective_a.txt")
    del lines[13]  # "5%" under the label (line 14)
    r = parse_lines(lines)
    assert one(r, "sa_objectives", objective_code="A")["incidence_raw"] is None
    assert status(r, 13) == ("unparsed", "incidence label without a value")


def test_note_after_the_total_and_a_second_note() -> None:
    lines = fixture("objective_9_note.txt")  # "NOTA: obiettivo non raggiunto ..." (line 399)
    lines.append(lines[21])
    r = parse_lines(lines)
    o = one(r, "sa_objectives", objective_code="9")
    assert (o["note_line"], o["note"]) == (22, lines[21])
    assert status(r, 22) == ("mapped", "sa_objectives")
    assert status(r, len(lines)) == ("unparsed", "second note for the same objective")


def test_plan_year_from_the_report_date_else_the_step_headers() -> None:
    assert objective_plan_year(2020, 2021) == 2020
    assert objective_plan_year(None, 2020) == 2020


def test_percorso_cells_outside_the_header_are_kept() -> None:
    lines = fixture("title_and_objective_a.txt")
    lines[17] += "\tnota fuori colonna"  # line 18: the percorso row, one cell more
    a = one(parse_lines(lines), "sa_objectives", objective_code="A")
    assert a["percorso_extra_raw"] == "nota fuori colonna"
    assert a["costi"].startswith("Utilizzo di risorse interne e del finanziamento")


def test_second_percorso_row_is_unparsed() -> None:
    lines = fixture("title_and_objective_a.txt")
    lines[18:18] = [PERCORSO_HEADER, "Seconda riga\toperatori\tcosti\tindicatore"]
    r = parse_lines(lines)
    a = one(r, "sa_objectives", objective_code="A")
    assert a["azioni"].startswith("Costituzione di equipe unica socio-sanitaria")
    assert status(r, 20) == ("unparsed", "second percorso row for the same objective")


# --- steps and totals (steps.py) ---------------------------------------------------------


def test_step_row_with_missing_or_extra_cells() -> None:
    short = cells(A1_WEIGHTS)[:4]
    assert cells_missing(short, 6) and not cells_missing(cells(A1_WEIGHTS), 6)
    assert extra_cells_raw([*cells(A1_WEIGHTS), "", "x"], 6) == "x"
    assert extra_cells_raw(cells(A1_WEIGHTS), 6) is None


def test_step_prefix_matches_its_objective() -> None:
    assert step_prefix_matches("11.2", "11")
    assert not step_prefix_matches("11.2", "1")


def test_step_table_year() -> None:
    assert table_year(StepTable("weights", 1, {}, 2020, 6), 2021) == 2020
    assert table_year(StepTable("weights", 1, {}, None, 6), 2021) == 2021


def test_verification_copied_from_another_step() -> None:
    text = (  # C.1's verification (line 90), written again under D.1 (line 115)
        "Sono stati raggiunti i 154 posti attivi entro il termine previsto. "
        "L'ultima struttura è stata avviata in data 19/05/2020"
    )
    seen = {text.lower(): "C.1"}
    assert copied_verification(seen, text) == "C.1"
    assert copied_verification(seen, "Altro testo") is None
    assert copied_verification(seen, None) is None


def test_step_text_differs_between_the_two_tables() -> None:
    # 11.2: "inoltrare richieste" in the weights table (line 445), "inoltra" in line 450
    c = cells(W_11_2)
    weights = {"description": c[1], "deadline_raw": c[2], "indicator": c[3]}
    verif = (c[1], c[2], "Rottamazione veicoli e inoltra richieste di rimborso")
    assert step_text_differs(verif, weights) is True
    assert step_text_differs((c[1], c[2], c[3]), weights) is False
    assert step_text_differs(verif, None) is None


def test_total_value_wherever_it_is() -> None:
    assert total_value(cells(TOTAL_FIFTH_COLUMN), 4) == (5, "100%")
    assert total_value(cells(TOTAL_FIRST_COLUMN), 0) == (5, "100%")
    assert total_value(cells("TOTALE 2020\t\t\t\t89%\t100%"), 0) == (
        "total row with 2 value cells (expected 1)"
    )


def test_dash_percentage_is_kept_raw_without_a_figure() -> None:
    assert pct("---") == ("---", None)  # B.8's "% raggiungimento" (line 66)
    assert pct("43%") == ("43%", Decimal(43))
    assert pct("") == (None, None)


# --- raccordo (raccordo.py) --------------------------------------------------------------


def test_raccordo_row_in_its_columns_is_evident() -> None:
    v = evident_values(cells(R_OPERATIONAL_1B), RACCORDO_COLS)
    assert v is not None
    assert (v["operational"], v["performance"], v["peg"], v["programmi"]) == ("1B", "A", "3", "04")
    assert v["operational_title"].startswith("Dal punto di vista finanziario")
    assert evident_values(cells(R_CONTINUATION), RACCORDO_COLS)["programmi"] == "02"


def test_raccordo_row_out_of_its_columns_is_read_by_format() -> None:
    assert evident_values(cells(R_SHIFTED_3B), RACCORDO_COLS) is None
    v, unplaced = values_by_format(cells(R_SHIFTED_3B))  # line 490: two columns to the left
    assert (v["operational"], v["performance"], v["peg"]) == ("3B", "A", "4 9")
    assert (v["missioni"], v["programmi"], unplaced) == ("12", "04", [])
    assert v["operational_title"].startswith("Individuare ambiti")
    v, _ = values_by_format(cells(R_SHIFTED_3A))  # line 488: strategic 3 in the 5th column
    assert (v["strategic"], v["strategic_title"], v["operational"]) == ("3", None, "3A")
    v, _ = values_by_format(cells(R_STRAY_03))  # line 495: a programma alone
    assert v["programmi"] == "03" and v["performance"] is None


def test_operational_code_extends_the_strategic_code() -> None:
    assert operational_extends_strategic("3B", "3")
    assert not operational_extends_strategic("3B", "2")
    assert operational_extends_strategic("3B", None)


def test_raccordo_context_is_carried_to_continuation_rows() -> None:
    ctx, kind = next_context({"strategic": "1"}, values_by_format(cells(R_CONTINUATION))[0], True)
    assert (ctx, kind) == ({"strategic": "1"}, "continuation")
    ctx, kind = next_context({}, values_by_format(cells(R_SHIFTED_3A))[0], False)
    assert kind == "strategic" and inherits_uncertain_context(ctx)


def test_row_in_place_under_an_uncertain_context_is_uncertain() -> None:
    r = parse_lines([RACCORDO_TITLE, RACCORDO_HEADER, R_SHIFTED_3A, R_IN_PLACE_C9])
    row = one(r, "sa_raccordo", source_line=4)
    assert (row["strategic_code"], row["operational_code"], row["peg_codes"]) == ("3", "3A", "9")
    assert row["attribution"] == "uncertain"
    assert "context came from an uncertain row" in row["attribution_note"]


# --- missioni / programmi and catalogs (catalogs.py) -------------------------------------


def test_missioni_continuation_row_inherits_the_missione() -> None:
    m1 = ("1", "Servizi istituzionali, generali e di gestione")
    assert row_missione(None, *cells(MISSIONE_1)[:2]) == (m1, False)
    assert row_missione(m1, *cells(MISSIONE_1_CONTINUED)[:2]) == (m1, True)
    assert row_missione(None, "", "") == "programma row before any missione"
    assert row_missione(m1, "", "Diritti sociali") == "missione name without its code"


def test_trailing_tables() -> None:
    r = parse_lines(
        [MISSIONI_TITLE, MISSIONI_HEADER, MISSIONE_1, MISSIONE_1_CONTINUED]
        + [CATALOG_TITLE, CATALOG_HEADER, CATALOG_1]
    )
    seg = one(r, "sa_missioni_programmi", programma_code="02")
    assert (seg["missione_code"], seg["missione_inherited"]) == ("1", True)
    assert one(r, "sa_objective_catalog", objective_code="1")["objective_kind"] == "peg"
    assert status(r, 2) == status(r, 6) == ("boilerplate", "table_header")


# --- the whole sample, with and without the export's debris ------------------------------

_TAGS = re.compile(r"</?(?:b|i)>")
_SEPARATOR = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
LINE_FIELDS = ("source_line", "source_line_end", "incidence_line", "percorso_line", "note_line")


def remove_debris(line: str) -> str:
    """The line without bold/italic markup, ``**`` and a heading marker; "" for a separator."""
    if _SEPARATOR.match(line) and line.count("-") >= 2:
        return ""
    return re.sub(r"^#+\s*", "", _TAGS.sub("", line).replace("**", ""))


def add_debris(lines: tuple[str, ...]) -> tuple[list[str], list[int | None]]:
    """The lines with the debris other exports add: ``##`` before section titles, bold group
    headers and table headers, a markdown separator under each table header, the title's
    closing ``**`` on a line of its own. Also returns each new line's original number."""
    out: list[str] = []
    origin: list[int | None] = []
    for n, line in enumerate(lines, start=1):
        c = line.split("\t")
        first = c[0].strip().lower()
        extra: str | None = None
        if re.match(r"(tabella|percorso e metodo|sviluppo obiettivo)", first):
            line = "## " + line
        elif first.startswith("obiettivo di "):
            line = "\t".join([f"**{c[0]}**", *c[1:]])
        elif first in ("cod.", "step", "descrizione sintetica azioni", "obiettivo strategico"):
            line = "\t".join(f"<b>{x}</b>" if x else x for x in c)
            if first == "step":
                extra = "| " + " | ".join("---" for _ in c) + " |"
            else:
                extra = "\t".join("--" for _ in c)
        elif line.endswith("**") and not line.startswith("**"):
            line, extra = line[:-2], "**"
        out.append(line)
        origin.append(n)
        if extra is not None:
            out.append(extra)
            origin.append(None)
    return out, origin


def records(result: ParseResult, origin: list[int | None] | None = None) -> dict[str, list]:
    """The parsed tables, line numbers translated back to the original document's."""
    out: dict[str, list] = {}
    for table, rows in result.tables.items():
        out[table] = []
        for row in rows:
            r = dict(row)
            for f in LINE_FIELDS:
                if origin is not None and r.get(f) is not None:
                    r[f] = origin[r[f] - 1]
            out[table].append(r)
    return out


def test_sample_without_debris_reads_the_same() -> None:
    original = sample(SAMPLE)
    bare_lines = [remove_debris(s) for s in original.lines]
    pairs = zip(original.lines, bare_lines, strict=True)
    changed = [n for n, (a, b) in enumerate(pairs, start=1) if a != b]
    assert changed == [5, 8, 545, 559, 568]  # the title's ** and three <i> table headers
    bare = doc_from_text("\n".join(bare_lines), SAMPLE)
    a, b = parse(original), parse(bare)
    assert records(b) == records(a)
    assert sum(len(rows) for rows in records(a).values()) == 285
    assert (b.doc_title, b.period_start_year, b.period_end_year) == (
        a.doc_title,
        a.period_start_year,
        a.period_end_year,
    )
    for n, text in enumerate(bare_lines, start=1):
        if text.strip():
            assert status(b, n) == status(a, n), n


def test_sample_with_more_debris_reads_the_same() -> None:
    original = sample(SAMPLE)
    lines, origin = add_debris(original.lines)
    # a separator under 18 "cod." headers, 18 percorso, 36 step and 3 raccordo headers; "**"
    assert len(lines) - len(original.lines) == 76
    noisy = parse(doc_from_text("\n".join(lines), SAMPLE))
    a = parse(original)
    assert records(noisy, origin) == records(a)
    assert noisy.doc_title == a.doc_title
    for n, o in enumerate(origin, start=1):
        if o is None:
            assert status(noisy, n)[0] == "boilerplate", lines[n - 1]
        elif original.lines[o - 1].strip():
            assert status(noisy, n) == status(a, o), (n, o)
