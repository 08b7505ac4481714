"""One test per rule of the PEG parser (ingest/peg/rules_*.py, the readers' named rules and
the shared ingest/repairs.py), each on real lines of data/raw/003_51402a20550dfbf2.txt (the
comment gives the line number; TABs written as \\t). Where the sample does not show a defect
(a budget line shifted by a tab, a header repeated inside a budget block), the excerpt is a
real line changed in the one way the defect would change it, and the comment says so.
Expected values are read off the document, not copied from the parser's output.
"""

# ruff: noqa: E501  (excerpts are verbatim document lines)

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest import peg
from ingest.common import Ledger
from ingest.peg.blocks import (
    NO_CONTEXT,
    BudgetBlock,
    BudgetRow,
    CapLine,
    Indicator,
    Phase,
    TypeLine,
    Unread,
)
from ingest.peg.lines import is_prodotto, read_lines
from ingest.peg.read_front import is_repeated_front_heading, split_sections
from ingest.peg.read_heads import read_strategic_refs, title_continuation
from ingest.peg.rules_budget import (
    align_total,
    is_repeated_budget_header,
    join_broken_lines,
    place_amounts,
    split_cap_line,
    total_amounts,
)
from ingest.peg.rules_cdr import carry_context, cdr_row_cells, totale_context
from ingest.peg.rules_sheet import (
    has_staff_rows,
    indicator_header_year,
    inferred_objective_code,
    is_repeated_indicator_header,
    nota_target,
    nota_text,
    phase_cells,
    project_named_by,
    split_glued_heading,
    split_type_line,
    staff_cells,
)
from ingest.repairs import is_it_amount, is_it_percent, is_markdown_separator, strip_debris
from tests.helpers import doc_from_text
from tests.test_parser_peg import FRONT_AND_CDR_85, SHEET_8906

D = Decimal


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


# --- shared debris repairs (ingest/repairs.py) ------------------------------------------------


def test_markdown_separator_rows_are_debris() -> None:
    assert is_markdown_separator("-------------------\t------------\t----------------------")  # 133
    assert is_markdown_separator(
        "---------------\t-------------------\t-------------------"
    )  # 2708
    assert is_markdown_separator("| --- | :-: |")
    assert not is_markdown_separator("Totale\t266.976,51\t848.129,59")  # 2707
    assert not is_markdown_separator("-")
    assert not is_markdown_separator("")


def test_separator_rows_are_claimed_and_skipped_by_lookahead() -> None:
    # lines 132-135: indicator header, separator, blank, the header again
    text = (
        "Codice indicatore\tIndicatore\tValore previsto 2021\n"
        "-------------------\t------------\t----------------------\n"
        "\n"
        "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    )
    doc = doc_from_text(text)
    ledger = Ledger(doc)
    lv = read_lines(doc, ledger)
    assert lv.content == (1, 4)
    assert lv.peek(2) == 4
    assert lv.next_adjacent(1) is None  # a separator is not text that continues a line
    st = ledger.status(2)
    assert st is not None and (st.status, st.detail) == ("boilerplate", "markdown_separator")


def test_strip_debris_removes_bold_and_heading_markers() -> None:
    assert strip_debris("**Prodotto**") == "Prodotto"
    assert strip_debris("## Prodotto") == "Prodotto"
    assert strip_debris("<b>Descrizione</b>") == "Descrizione"
    assert strip_debris("2021_PD_8744 **Misure di contrasto alla povertà**") == (  # 2771
        "2021_PD_8744 Misure di contrasto alla povertà"
    )
    assert is_prodotto(read_lines(*_doc_and_ledger("**Prodotto**\n")), 1)


def _doc_and_ledger(text: str):
    doc = doc_from_text(text)
    return doc, Ledger(doc)


def test_italian_amounts_and_percentages_by_format() -> None:
    assert is_it_amount("2.244.232,18") and is_it_amount("0,00") and is_it_amount("5.300,00")
    assert not is_it_amount("2400")  # an indicator target (O_8721_1_1), not an amount
    assert not is_it_amount("31/12/2021") and not is_it_amount("23,82 %")
    assert is_it_percent("23,82 %") and is_it_percent("100,00 %") and is_it_percent("0,50 %")
    assert not is_it_percent("2021")


# --- CDR tables (rules_cdr.py) ------------------------------------------------------------------


def test_cdr_rows_read_by_content_wherever_the_export_shifted_them() -> None:
    # line 50 starts at column 0, its figures four columns to the right of the name
    r = cdr_row_cells(
        cells(
            "2021_PD_8903\tDTutti, promozione delle diversità culturali\t\t\t\t5.300,00\t0,06 %\t\t"
        )
    )
    assert not isinstance(r, str)
    assert (r.kind, r.context_cells, r.code, r.name) == (
        "project",
        (),
        "2021_PD_8903",
        "DTutti, promozione delle diversità culturali",
    )
    assert (r.budget_raw, r.absorption_raw) == ("5.300,00", "0,06 %")
    # line 1545: the code in column 1, the name in column 5
    r = cdr_row_cells(
        cells(
            "\t2021_PD_8735\t\t\t\tServizi per la residenzialità anziani\t1.920.000,00\t20,72 %\t"
        )
    )
    assert not isinstance(r, str)
    assert (r.code, r.name, r.budget_raw) == (
        "2021_PD_8735",
        "Servizi per la residenzialità anziani",
        "1.920.000,00",
    )
    # lines 1550 and 38: Totale labels in column 1 and in column 5
    r = cdr_row_cells(cells("\tTotale Obiettivo\t\t5.752.360,74\t67,72 %\t\t\t\t"))
    assert not isinstance(r, str)
    assert (r.kind, r.budget_raw, r.absorption_raw) == (
        "totale_obiettivo",
        "5.752.360,74",
        "67,72 %",
    )
    r = cdr_row_cells(cells("\t\t\t\t\tTotale Azione\t2.747.906,24\t29,16 %\t"))
    assert not isinstance(r, str)
    assert (r.kind, r.budget_raw) == ("totale_azione", "2.747.906,24")


def test_cdr_rows_that_cannot_be_read_say_why() -> None:
    assert cdr_row_cells(cells("Dirigente: Benedetti Lorenza")) == (
        "CDR table row without a single project code or Totale label"
    )
    # line 1550 with a text cell added after the amount
    assert cdr_row_cells(cells("\tTotale Obiettivo\t\t5.752.360,74\tnota")) == (
        "CDR Totale row with unexpected cells"
    )
    # line 34 with an amount before the code
    assert cdr_row_cells(
        cells("\tSanità e Welfare\t1,00\t2021_PD_8906\tArea penale interna ed esterna")
    ) == ("CDR project row with unexpected cells before the code")


def test_context_fills_from_the_right_and_is_carried_down() -> None:
    rows = [  # lines 30, 31, 34, 39
        "CITTA' DEL CAPITALE SOCIALE\tCittà senza barriere\tServizi e strutture senza ostacoli\t2021_PG_8516\tPercorsi di inclusione socio-lavorativa a sostegno dell'occupabilità\t\t\t\t",
        "\t\t\t2021_PG_8521\tPromozione di percorsi di inclusione di Care Leavers e Neomaggiorenni\t\t\t\t",
        "\tSanità e Welfare\tInclusione attiva e misure di contrasto alla povertà e alla marginalità\t\t2021_PD_8906\tArea penale interna ed esterna\t138.674,06\t1,47 %\t",
        "\t\tIntegrazione sociale e sociosanitaria\t\t\t2021_PD_8501\tProgrammazione sociale e socio-sanitaria nella zona sociale di Reggio Emilia (Distretto).\t784.326,70\t8,32 %",
    ]
    context = NO_CONTEXT
    seen = []
    for line in rows:
        r = cdr_row_cells(cells(line))
        assert not isinstance(r, str)
        context = carry_context(context, r.context_cells)
        seen.append(context)
    capitale = "CITTA' DEL CAPITALE SOCIALE"
    assert seen == [
        (capitale, "Città senza barriere", "Servizi e strutture senza ostacoli"),
        (capitale, "Città senza barriere", "Servizi e strutture senza ostacoli"),
        (
            capitale,
            "Sanità e Welfare",
            "Inclusione attiva e misure di contrasto alla povertà e alla marginalità",
        ),
        (capitale, "Sanità e Welfare", "Integrazione sociale e sociosanitaria"),
    ]


def test_totale_rows_keep_the_context_down_to_their_level() -> None:
    context = ("CITTA' DEL CAPITALE SOCIALE", "Sanità e Welfare", "Politiche familiari")  # line 44
    assert totale_context("totale_azione", context) == context  # line 46
    assert totale_context("totale_obiettivo", context) == (context[0], context[1], None)  # 47
    assert totale_context("totale_indirizzo", context) == (context[0], None, None)  # 48
    assert totale_context("totale_cdr", context) == NO_CONTEXT  # 74


# --- project sheets (rules_sheet.py and the readers) ----------------------------------------------


def test_objective_type_glued_to_its_code() -> None:
    t = split_type_line(
        "Obiettivo gestionale ordinario**2021_OB_8721_1 Funzioni di Sportello**"
    )  # 1594
    assert t is not None and t.type_raw == "Obiettivo gestionale ordinario"
    assert t.code_text is not None and "2021_OB_8721_1 Funzioni di Sportello" in t.code_text
    # line 956, and the same line as a converter without markup gives it
    line = "Obiettivo di miglioramento**2021_OB_8903_1** **Costruire azioni e progetti integrati finalizzati ad aumentare le conoscenze sul fenomeno migratorio**"
    for text in (line, line.replace("**", " ").replace("  ", " ")):
        t = split_type_line(text)
        assert t is not None and t.type_raw == "Obiettivo di miglioramento"
        assert t.code_text is not None and t.code_text.lstrip("* ").startswith("2021_OB_8903_1")
    # line 128: the type alone, the code on the next line
    assert split_type_line("Obiettivo di miglioramento") == TypeLine(
        "Obiettivo di miglioramento", None
    )
    assert split_type_line("Obiettivo Strategico Sanità e Welfare") is None  # line 1507
    assert split_type_line("Obiettivo di miglioramento**Funzioni di Sportello**") is None


def test_project_name_glued_to_code_and_strategic_heading() -> None:
    # line 1504 after its code, and the same without markup
    rest = "**Intervento di Ristrutturazione Casa di riposo O. Parisetti (ASP)****Indirizzo Strategico di riferimento**"
    name = "Intervento di Ristrutturazione Casa di riposo O. Parisetti (ASP)"
    assert split_glued_heading(rest) == ([name], True)
    plain = " Intervento di Ristrutturazione Casa di riposo O. Parisetti (ASP) Indirizzo Strategico di riferimento"
    assert split_glued_heading(plain) == ([name], True)
    assert split_glued_heading(" **Misure di contrasto alla povertà**") == (  # line 2771
        ["Misure di contrasto alla povertà"],
        False,
    )
    assert split_glued_heading("") == ([], False)  # line 80: the code alone


def test_orphan_indicator_goes_to_the_project_its_code_names() -> None:
    # the codes of the CDR A2 table (lines 3101-3118); M_A204_6_1 (line 3184) sits under 8723
    a2 = ["2021_PD_A207", "2021_PD_8723", "2021_PD_A204", "2021_PD_A2CA", "2021_PD_A205"]
    assert project_named_by("A204", a2) == "2021_PD_A204"
    assert project_named_by("A299", a2) is None
    assert project_named_by("A204", [*a2, "2022_PD_A204"]) is None  # two candidates: none


def test_objective_of_an_orphan_indicator_is_the_one_its_code_names() -> None:
    assert inferred_objective_code("M_A204_6_1", "2021_PD_A204", 2021) == "2021_OB_A204_6"
    # a project code without a year prefix (Z_23101, line 1504) takes the document year
    assert inferred_objective_code("M_23101_1_1", "Z_23101", 2021) == "2021_OB_23101_1"


def test_nota_text_in_the_label_cell_or_the_next_one() -> None:
    assert nota_text(
        cells("\tNota: Accompagnamento socio-economico nella prima fase di uscita dal carcere\t")
    ) == (  # 752
        "Accompagnamento socio-economico nella prima fase di uscita dal carcere"
    )
    assert nota_text(
        cells("Nota:\tIndividuare servizi innovativi e risposte alle sfide sociali\t\t\t\t")
    ).startswith(  # 1381 (cut)
        "Individuare servizi innovativi"
    )
    assert nota_text(cells("\tNota:\t")) is None  # line 113


def test_late_nota_belongs_to_the_last_row_of_the_table_being_read() -> None:
    # lines 223-227: M_8504_5_1, blank, repeated header, then its Nota
    ind = Indicator(
        223, "M_8504_5_1", "2021_OB_8504_5", "n. enti gestori incontrati", 2021, "14", False
    )
    assert nota_target(ind, "ind") is ind
    assert nota_target(ind, "phase") is None  # a phase table began: not its note
    assert nota_target(None, "ind") is None
    ind.note_line = 227
    assert nota_target(ind, "ind") is None  # already has its Nota
    ph = phase_cells(
        cells(
            '1\t2021_OB_8546_1\tDefinizione e valorizzazione di un "ecosistema locale resiliente"\tPrevisto\t01/01/2021\t31/12/2021'
        )
    )
    assert not isinstance(ph, str) and ph is not None
    phase = Phase(1380, ph)
    assert nota_target(phase, "phase") is phase  # line 1381
    assert nota_target(phase, "ind") is None


def test_phase_rows_read_by_content() -> None:
    p = phase_cells(
        cells(
            "1\t2021_OB_8716_3\tCostituzione task force Comune-ASP\tPrevisto\t01/02/2021\t30/05/2021"
        )
    )  # 618
    assert p is not None and not isinstance(p, str)
    assert (p.order, p.objective_code, p.description, p.status) == (
        1,
        "2021_OB_8716_3",
        "Costituzione task force Comune-ASP",
        "Previsto",
    )
    assert (p.start_raw, p.end_raw) == ("01/02/2021", "30/05/2021")
    assert (
        phase_cells(cells("Ordine Fase\tCod. Obiettivo\tDescrizione Fase\t\tInizio\tFine")) is None
    )
    assert phase_cells(cells("Nota:\t\t\t\t\t")) is None
    # line 618 with a third date: read as a phase row, but not guessed
    assert phase_cells(
        cells(
            "1\t2021_OB_8716_3\tCostituzione task force Comune-ASP\t01/01/2021\t01/02/2021\t30/05/2021"
        )
    ) == ("phase row with unexpected cells")


def test_staff_rows_and_empty_staff_tables() -> None:
    assert staff_cells(cells("Benedetti Lorenza\tDirigente\t0,50 %")) == (  # 1515
        "Benedetti Lorenza",
        "Dirigente",
        "0,50 %",
    )
    assert staff_cells(cells("Sironi Luisa\tIncarico professionale\t45,00 %")) == (  # 189
        "Sironi Luisa",
        "Incarico professionale",
        "45,00 %",
    )
    assert staff_cells(cells("Nome Soggetto\tRelazione Personale\tImpegno Personale")) is None
    # line 3279 is the last line of the document: a staff header with no rows
    assert not has_staff_rows(None)
    assert not has_staff_rows(cells("2021_PD_A205"))  # line 3192 follows a header elsewhere
    assert has_staff_rows(cells("Benedetti Lorenza\tDirigente\t1,00 %"))


def test_indicator_header_gives_the_year_and_repeats_are_boilerplate() -> None:
    header = cells("Codice indicatore\tIndicatore\tValore previsto 2021")  # line 132
    assert indicator_header_year(header) == 2021
    assert indicator_header_year(cells("Codice indicatore\tIndicatore\tValore previsto")) is None
    assert is_repeated_indicator_header("ind", True)  # line 135 after 132
    assert not is_repeated_indicator_header(None, False)  # first header after an objective
    assert not is_repeated_indicator_header("staff", True)  # line 3183 after a staff table


def test_document_without_front_page_takes_the_year_of_its_indicator_headers() -> None:
    r = peg.parse(doc_from_text(SHEET_8906))  # lines 76-79 and 693-753: no front page
    assert (r.period_start_year, r.period_end_year) == (2021, 2021)
    assert r.tables.get("peg_document", []) == []


def test_wrapped_objective_title_continues_by_content() -> None:
    # lines 1934-1938, and the same without the ** markers
    text = (
        "2021_OB_8728_3 **Partecipazione al programma PIPPI 9 della Regione ER\n"
        "interventi a sostegno delle famiglie vulnerabili per prevenire\n"
        "l'istituzionalizzazione dei bambini**\n"
        "\n"
        "Codice indicatore\tIndicatore\tValore previsto 2021\n"
    )
    for t in (text, text.replace("**", "")):
        doc, ledger = _doc_and_ledger(t)
        assert title_continuation(read_lines(doc, ledger), 1) == [2, 3]
    # a title followed directly by the indicator header (no blank line) stops there
    doc, ledger = _doc_and_ledger(text.replace("bambini**\n\n", "bambini**\n"))
    assert title_continuation(read_lines(doc, ledger), 1) == [2, 3]


def test_strategic_references_on_one_line_or_two() -> None:
    forms = [
        # lines 703-713: label and value on separate lines
        "Indirizzo\n\nCITTA' DEL CAPITALE SOCIALE\n\nObiettivo Strategico\n\nSanità e Welfare\n\nAzione\n\nPolitiche familiari\n",
        # lines 1590-1592: label TAB value
        "Indirizzo\tCITTA' DEL CAPITALE SOCIALE\nObiettivo Strategico\tSanità e Welfare\nAzione\tPolitiche familiari\n",
        # lines 1506-1508: label space value
        "Indirizzo CITTA' DEL CAPITALE SOCIALE\nObiettivo Strategico Sanità e Welfare\nAzione Politiche familiari\n",
    ]
    for text in forms:
        doc, ledger = _doc_and_ledger(text + "\nBudget previsto\n")
        refs: dict[str, str | None] = {}
        used: list[int] = []
        read_strategic_refs(read_lines(doc, ledger), 1, refs, used)
        assert refs == {
            "Indirizzo": "CITTA' DEL CAPITALE SOCIALE",
            "Obiettivo Strategico": "Sanità e Welfare",
            "Azione": "Politiche familiari",
        }
        assert "Budget previsto" not in [doc.line(n) for n in used]


def test_front_page_area_repeated_is_boilerplate() -> None:
    assert is_repeated_front_heading("AREA SERVIZI ALLA PERSONA", "AREA SERVIZI ALLA PERSONA")  # 15
    assert not is_repeated_front_heading("AREA SERVIZI ALLA PERSONA", None)  # 11, the first


def test_sections_of_a_document_with_or_without_front_page() -> None:
    doc, ledger = _doc_and_ledger(FRONT_AND_CDR_85)
    sections = split_sections(read_lines(doc, ledger))
    assert [kind for kind, _ in sections] == ["front", "cdr", "sheets"]
    assert [doc.line(n) for n in sections[1][1][:2]] == [
        "85 - SERVIZIO POLITICHE DI WELFARE E INTERCULTURA",  # line 25, not the front-page 19
        "Dirigente: Benedetti Lorenza",
    ]
    doc, ledger = _doc_and_ledger(SHEET_8906)
    sections = split_sections(read_lines(doc, ledger))
    assert [(kind, bool(lines)) for kind, lines in sections] == [("front", False), ("sheets", True)]


# --- budget blocks (rules_budget.py) --------------------------------------------------------------

COLUMNS_8501 = {
    2: "Entrate Correnti",
    3: "Spese Correnti",
}  # line 165: "\t\tEntrate Correnti\tSpese Correnti"


def test_cap_line_split_into_capitolo_description_and_amounts() -> None:
    cap, art, desc, amounts = split_cap_line(
        cells(
            "Cap. 03641 Art. 00\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL F.S.L.-QUOTA DA TRASFERIRE AI COMUNI DELLA ZONA SOCIALE E ALL'AUSL === VEGG. CAP/U 30852===\t605.218,23\t"
        )  # 166
    )
    assert (cap, art, amounts) == ("03641", "00", [(2, "605.218,23")])
    assert desc is not None and desc.startswith("CONCORSO REGIONALE") and desc.endswith("30852===")


def test_budget_amounts_placed_under_the_declared_column_or_one_tab_off() -> None:
    assert place_amounts([(2, "605.218,23")], COLUMNS_8501) == [0, 1]  # line 166: Entrate
    assert place_amounts([(3, "62.945,20")], COLUMNS_8501) == [0, -1]  # line 176: Spese
    # line 176 with one empty cell too many (the amount at tab 4): shifted back under Spese
    assert place_amounts([(4, "62.945,20")], COLUMNS_8501) == [-1]
    # an amount two tabs away from any column is not placed (test_parser_peg has the case)
    assert place_amounts([(5, "5.300,00")], {2: "Spese Correnti"}) == []


def test_totale_row_that_lost_its_leading_cell_is_realigned_by_the_line_sums() -> None:
    # line 2707 under the header of line 2695; the block's lines sum to these figures
    amounts = total_amounts(cells("Totale\t266.976,51\t848.129,59"))
    assert amounts == [(1, "266.976,51"), (2, "848.129,59")]
    sums = {2: D("266976.51"), 3: D("848129.59")}
    assert align_total(amounts, COLUMNS_8501, sums) == 1
    # line 177 needs no shift
    amounts = total_amounts(cells("Totale\t\t2.453.877,32\t784.326,70"))
    assert amounts is not None
    assert align_total(amounts, COLUMNS_8501, {2: D("2453877.32"), 3: D("784326.70")}) == 0
    # one amount that fits two columns: the one whose lines add up to it wins
    assert align_total([(2, "605.218,23")], COLUMNS_8501, {3: D("605218.23")}) == 1
    assert total_amounts(cells("Totale\tvedi nota\t30.000,00")) is None


def test_budget_header_repeated_inside_an_open_block_is_boilerplate() -> None:
    block = BudgetBlock(seq=1, header_line=165, columns=dict(COLUMNS_8501))
    assert is_repeated_budget_header(block, "budget", dict(COLUMNS_8501))
    assert not is_repeated_budget_header(block, "budget", {2: "Spese Correnti"})
    assert not is_repeated_budget_header(None, "budget", dict(COLUMNS_8501))
    block.total = BudgetRow(177, "total", cells("Totale\t\t2.453.877,32\t784.326,70"))
    assert not is_repeated_budget_header(block, "budget_done", dict(COLUMNS_8501))


def test_budget_lines_broken_over_two_lines_are_joined() -> None:
    # line 166 broken after its description, and line 172 broken inside it
    rows = [
        BudgetRow(
            1,
            "cap",
            cells(
                "Cap. 03641 Art. 00\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL F.S.L.-QUOTA DA TRASFERIRE AI COMUNI DELLA ZONA SOCIALE E"
            ),
        ),
        BudgetRow(2, "continuation", cells("\tALL'AUSL === VEGG. CAP/U 30852===\t605.218,23\t")),
        BudgetRow(
            3,
            "cap",
            cells(
                "Cap. 30857 Art. 02\tASSUNZIONE PERSONALE PER PROMOZIONE E SVILUPPO UFFICIO DI PIANO FINANZIATA DALLA REGIONE.\t\t22.777,30"
            ),
        ),
        BudgetRow(4, "continuation", cells("CONTRIBUTI ENTE-QUOTA FSL ==VEGG. CAP. E/3641/1 ==")),
    ]
    first, second = join_broken_lines(rows)
    assert isinstance(first, CapLine) and isinstance(second, CapLine)
    assert (first.lines, first.cap, first.amounts) == ([1, 2], "03641", [(2, "605.218,23")])
    assert first.description is not None and first.description.endswith(
        "ZONA SOCIALE E ALL'AUSL === VEGG. CAP/U 30852==="
    )
    assert (second.lines, second.amounts) == ([3, 4], [(3, "22.777,30")])
    assert second.description is not None and second.description.endswith(
        "REGIONE. CONTRIBUTI ENTE-QUOTA FSL ==VEGG. CAP. E/3641/1 =="
    )


def test_budget_lines_that_never_get_their_amounts_are_reported() -> None:
    rows = [
        BudgetRow(
            1, "cap", cells("Cap. 03641 Art. 00\tCONCORSO REGIONALE ALLA COSTITUZIONE DEL F.S.L.")
        ),
        BudgetRow(2, "unaligned_total", cells("Totale\tvedi nota\t30.000,00")),
        BudgetRow(3, "continuation", cells("\t\t605.218,23\t")),
    ]
    assert join_broken_lines(rows) == [
        Unread([1], "budget line without an amount"),
        Unread([2], "budget Totale row that cannot be aligned with its header"),
        Unread([3], "unrecognised line in budget block"),
    ]


@pytest.mark.parametrize("line", ["Prodotto", "**Prodotto**", "## Prodotto"])
def test_sheets_start_at_prodotto_with_or_without_markup(line: str) -> None:
    # lines 25-30 of the CDR 85 section, then 'Prodotto' and its Dirigente (lines 76-78)
    text = (
        "\n".join(FRONT_AND_CDR_85.split("\n")[24:31])
        + f"\n\n{line}\n\nDirigente: Benedetti Lorenza\n"
    )
    r = peg.parse(doc_from_text(text))
    r.ledger.finalize()
    assert [row["status"] for row in r.ledger.rows() if row["text"] == line] == ["boilerplate"]
    assert r.ledger.counts()["unparsed"] == 0
