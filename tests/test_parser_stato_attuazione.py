"""Tests of ingest/stato_attuazione.py.

Figures were read off data/raw/004_b40c0b7f81374021.txt by a person (CSSM Monregalese, stato
di attuazione al 31/12/2020 del Piano della performance e PDO 2020-2022). The excerpts in
tests/fixtures/stato_attuazione/ are verbatim copies of line ranges of that file (TABs kept):

    title_and_objective_a.txt   lines   1-35     objective_7.txt          lines 320-347
    objective_b.txt             lines  37-70     objective_9_note.txt     lines 378-399
    objectives_c_d.txt          lines  72-120    raccordo_page1.txt       lines 478-497
    objective_e.txt             lines 122-149    missioni_and_catalogs.txt lines 544-580
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ingest.common import ParseResult, UnknownLayoutError
from ingest.stato_attuazione import FAMILY, LAYOUT, parse
from tests.helpers import doc_from_text, sample

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stato_attuazione"
SAMPLE = "004_b40c0b7f81374021.txt"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse_text(text: str) -> ParseResult:
    return parse(doc_from_text(text))


def rows(result: ParseResult, table: str, **where: Any) -> list[dict[str, Any]]:
    return [r for r in result.tables.get(table, []) if all(r[k] == v for k, v in where.items())]


def one(result: ParseResult, table: str, **where: Any) -> dict[str, Any]:
    found = rows(result, table, **where)
    assert len(found) == 1, f"{table} {where}: {len(found)} rows"
    return found[0]


def status(result: ParseResult, line_no: int) -> tuple[str, str]:
    st = result.ledger.status(line_no)
    assert st is not None, f"line {line_no} unclaimed"
    return st.status, st.detail


def unclaimed_or_unparsed(result: ParseResult) -> list[int]:
    result.ledger.finalize()
    return [r["line_no"] for r in result.ledger.rows() if r["status"] == "unparsed"]


# --- excerpts ----------------------------------------------------------------------------


def test_title_objective_with_incidence_on_own_lines_and_steps() -> None:
    r = parse_text(fixture_text("title_and_objective_a.txt"))
    assert r.doc_title == (
        "STATO DI ATTUAZIONE AL 31/12/2020 DEL PIANO DELLA PERFORMANCE "
        "E PIANO DETTAGLIATO DEGLI OBIETTIVI 2020 - 2022"
    )
    assert (r.period_start_year, r.period_end_year) == (2020, 2022)
    assert r.family == FAMILY
    assert r.layout == LAYOUT

    a = one(r, "sa_objectives", objective_code="A")
    assert a["objective_kind"] == "performance"
    assert a["title"] == "We.Ca.Re. - Welfare Cantiere Regionale"
    assert a["incidence_raw"] == "5%"
    assert a["incidence_pct"] == Decimal("5")
    assert a["incidence_line"] == 14  # "5%" on its own line under the label (line 13)
    assert a["plan_year"] == 2020
    assert a["costi"].startswith("Utilizzo di risorse interne e del finanziamento")
    assert a["indicatore_raggiungimento"].startswith("Elaborazione di regolamenti unici")
    assert a["situazione_attuale"].startswith("Il CSSM (capofila), l'UM di Ceva")
    assert a["vantaggi"].startswith("I cittadini anziani fragili")

    steps = rows(r, "sa_steps", objective_code="A")
    assert [s["step_code"] for s in steps] == ["A.1", "A.2", "A.3", "A.4", "A.5"]
    a3 = one(r, "sa_steps", step_code="A.3")
    assert a3["deadline_raw"] == "30/09/20"
    assert a3["deadline"] == "2020-09-30"
    assert (a3["weight_in_objective_raw"], a3["weight_in_objective_pct"]) == ("30%", Decimal(30))
    assert (a3["weight_in_year_raw"], a3["weight_in_year_pct"]) == ("43%", Decimal(43))
    assert a3["year"] == 2020
    # A.5 is due 31/12/21: its peso step/2020 cell is empty
    a5 = one(r, "sa_steps", step_code="A.5")
    assert a5["weight_in_objective_pct"] == Decimal(30)
    assert a5["weight_in_year_raw"] is None and a5["weight_in_year_pct"] is None

    v1 = one(r, "sa_step_verifications", step_code="A.1")
    assert v1["verification"].startswith("Gli incontri per la presentazione dell'iniziativa")
    assert (v1["achievement_raw"], v1["achievement_pct"], v1["year"]) == ("14%", Decimal(14), 2020)
    v5 = one(r, "sa_step_verifications", step_code="A.5")
    assert v5["verification"] is None and v5["achievement_raw"] is None

    total = one(r, "sa_totals", objective_code="A")
    assert (total["label"], total["year"], total["total_raw"]) == ("TOTALE 2020", 2020, "100%")
    assert total["total_pct"] == Decimal(100)
    assert unclaimed_or_unparsed(r) == []
    # the title lines feed the document record; headers are named boilerplate
    assert status(r, 5) == ("mapped", "documents")
    assert status(r, 16) == ("boilerplate", "section_heading")  # "Percorso ... Incidenza sul PEG"
    assert status(r, 11) == ("boilerplate", "table_header")


def test_incidence_glued_in_title_cell() -> None:
    r = parse_text(fixture_text("objective_e.txt"))  # line 1 = line 122 of the sample
    e = one(r, "sa_objectives", objective_code="E")
    assert e["title"] == (
        "Riorganizzazione modalità di presa in carico ed erogazione dei servizi domiciliari "
        "per la non autosufficienza"
    )
    assert e["title_raw"].endswith("incidenza obiettivo su totale piano 10%")
    assert (e["incidence_raw"], e["incidence_pct"]) == ("10%", Decimal(10))
    assert e["incidence_line"] == 3  # the objective row itself
    assert e["incidence_source"] == "title_cell"
    assert len(rows(r, "sa_steps", objective_code="E")) == 7
    assert one(r, "sa_steps", step_code="E.2")["weight_in_year_pct"] == Decimal(33)
    assert unclaimed_or_unparsed(r) == []


def test_total_row_in_other_columns_and_copied_verification() -> None:
    r = parse_text(fixture_text("objectives_c_d.txt"))  # line 1 = line 72 of the sample
    # "\t\t\t\tTOTALE 2020\t100%": the label sits in the 5th column
    for code, line in (("C", 22), ("D", 49)):
        t = one(r, "sa_totals", objective_code=code)
        assert t["source_line"] == line
        assert (t["label"], t["total_pct"], t["label_column"]) == ("TOTALE 2020", Decimal(100), 4)
    c1 = one(r, "sa_step_verifications", step_code="C.1")
    d1 = one(r, "sa_step_verifications", step_code="D.1")
    text = (
        "Sono stati raggiunti i 154 posti attivi entro il termine previsto. "
        "L'ultima struttura è stata avviata in data 19/05/2020"
    )
    # D.1 (customer satisfaction) carries C.1's verification (SIPROIMI places): kept as written
    assert c1["verification"] == text and d1["verification"] == text
    assert d1["verification_same_text_as"] == "C.1"
    assert c1["verification_same_text_as"] is None
    assert d1["achievement_pct"] == Decimal(33)
    assert one(r, "sa_steps", step_code="C.3")["weight_in_objective_pct"] == Decimal(60)
    assert unclaimed_or_unparsed(r) == []


def test_dash_achievement_and_year_weights_not_summing_to_100() -> None:
    r = parse_text(fixture_text("objective_b.txt"))
    b8 = one(r, "sa_step_verifications", step_code="B.8")
    assert b8["achievement_raw"] == "---" and b8["achievement_pct"] is None
    assert b8["verification"].startswith("Attivazione caricamento estremi contabili")
    steps = rows(r, "sa_steps", objective_code="B")
    assert len(steps) == 9
    assert sum(s["weight_in_objective_pct"] for s in steps) == 100
    # 15+15+15+15+31+8 = 99 (B.7-B.9 are due in 2021)
    assert sum(s["weight_in_year_pct"] or 0 for s in steps) == 99
    assert one(r, "sa_totals", objective_code="B")["total_pct"] == Decimal(100)
    assert one(r, "sa_objectives", objective_code="B")["incidence_pct"] == Decimal(10)


def test_misspelt_verification_header_veridica() -> None:
    r = parse_text(fixture_text("objective_7.txt"))  # header "... indicatore\tveridica\t% ..."
    v = one(r, "sa_step_verifications", step_code="7.6")
    assert v["verification"] == (
        "Il manuale è stato inviato ai responsabili di procedura in data 27.11.2019."
    )
    assert v["achievement_pct"] == Decimal(10)
    assert len(rows(r, "sa_step_verifications", objective_code="7")) == 6


def test_note_after_total_attached_to_objective() -> None:
    r = parse_text(fixture_text("objective_9_note.txt"))  # line 1 = line 378 of the sample
    o = one(r, "sa_objectives", objective_code="9")
    assert o["title"] == "Progetto Intereg- Alcotra PITEM PRO-SOL - Prossimità Solidale"
    assert o["incidence_pct"] == Decimal(5) and o["incidence_source"] == "title_cell"
    assert o["note"] == "NOTA: obiettivo non raggiunto per cause non imputabili al dirigente"
    assert o["note_line"] == 22
    assert status(r, 22) == ("mapped", "sa_objectives")
    assert o["plan_year"] == 2020  # no title in the excerpt: year of the step headers


def test_step_row_broken_by_page_break_is_merged() -> None:
    lines = fixture_text("objectives_c_d.txt").split("\n")
    idx = next(i for i, s in enumerate(lines) if s.startswith("C.3\t"))  # weights row
    original = lines[idx]
    cut = original.index("trasmissione della domanda")
    broken = [original[:cut].rstrip(), original[cut:]]
    r = parse_text("\n".join(lines[:idx] + broken + lines[idx + 1 :]))
    c3 = one(r, "sa_steps", step_code="C.3")
    assert (c3["source_line"], c3["source_line_end"]) == (idx + 1, idx + 2)
    assert c3["description"] == original.split("\t")[1]
    assert c3["deadline"] == "2020-12-31"
    assert (c3["weight_in_objective_pct"], c3["weight_in_year_pct"]) == (Decimal(60), Decimal(60))
    assert unclaimed_or_unparsed(r) == []


def test_step_row_with_weight_cells_missing() -> None:
    lines = fixture_text("title_and_objective_a.txt").split("\n")
    idx = next(i for i, s in enumerate(lines) if s.startswith("A.3\t"))
    lines[idx] = "\t".join(lines[idx].split("\t")[:4])  # the two weight cells are gone
    r = parse_text("\n".join(lines))
    a3 = one(r, "sa_steps", step_code="A.3")
    assert a3["cells_missing"] is True
    assert a3["weight_in_objective_raw"] is None and a3["weight_in_objective_pct"] is None
    assert a3["weight_in_year_pct"] is None
    assert a3["source_line_end"] == idx + 1  # the next step row was not swallowed
    assert one(r, "sa_steps", step_code="A.4")["weight_in_year_pct"] == Decimal(29)


def test_repeated_step_header_after_page_break() -> None:
    lines = fixture_text("objectives_c_d.txt").split("\n")
    header = next(s for s in lines if s.startswith("step\t") and "peso step" in s)
    idx = next(i for i, s in enumerate(lines) if s.startswith("C.2\t"))
    r = parse_text("\n".join(lines[:idx] + ["", header] + lines[idx:]))
    assert status(r, idx + 2) == ("boilerplate", "repeated_table_header")
    assert len(rows(r, "sa_steps", objective_code="C")) == 3
    assert one(r, "sa_steps", step_code="C.2")["weight_in_objective_pct"] == Decimal(30)


def test_raccordo_evident_and_broken_rows() -> None:
    r = parse_text(fixture_text("raccordo_page1.txt"))  # line 1 = line 478 of the sample
    racc = r.tables["sa_raccordo"]
    assert len(racc) == 17  # every line that carries codes (lines 481-497)
    first = one(r, "sa_raccordo", source_line=4)
    assert (first["strategic_code"], first["operational_code"]) == ("1", "1A")
    assert first["strategic_title"].startswith("Assicurare una gestione unitaria")
    assert (first["performance_codes"], first["peg_codes"]) == ("A", "2")
    assert (first["missioni"], first["programmi"], first["attribution"]) == ("12", "01", "evident")
    # a continuation row inherits strategic 1 / operational 1B
    row = one(r, "sa_raccordo", source_line=9)  # "\t\t\t\tE\t12\t\t01"
    assert (row["strategic_code"], row["operational_code"]) == ("1", "1B")
    assert (row["performance_codes"], row["peg_codes"], row["programmi"]) == ("E", "12", "01")
    assert row["attribution"] == "evident"
    # "\t\t\t\t3\t3A\tDefinire ...\tA": strategic 3 in the performance column, no title
    s3 = one(r, "sa_raccordo", source_line=11)
    assert s3["attribution"] == "uncertain"
    assert (s3["strategic_code"], s3["strategic_title"], s3["operational_code"]) == (
        "3",
        None,
        "3A",
    )
    assert s3["performance_codes"] == "A"
    assert s3["raw_cells"].startswith(" |  |  |  | 3 | 3A | Definire")
    # "3B\tIndividuare ...\tA\t4 9\t\t12\t04\t": shifted two columns left
    s3b = one(r, "sa_raccordo", source_line=13)
    assert (s3b["strategic_code"], s3b["operational_code"]) == ("3", "3B")
    assert (s3b["performance_codes"], s3b["peg_codes"]) == ("A", "4 9")
    assert (s3b["missioni"], s3b["programmi"], s3b["attribution"]) == ("12", "04", "uncertain")
    # stray programmi codes on lines of their own, in the wrong column
    for line, code in ((18, "03"), (19, "04"), (20, "07")):
        stray = one(r, "sa_raccordo", source_line=line)
        assert stray["programmi"] == code and stray["attribution"] == "uncertain"
        assert stray["performance_codes"] is None and stray["strategic_code"] == "5"
    assert status(r, 1) == ("boilerplate", "section_heading")
    assert status(r, 3) == ("boilerplate", "table_header")
    assert unclaimed_or_unparsed(r) == []


def test_missioni_programmi_continuation_rows_and_catalogs() -> None:
    r = parse_text(fixture_text("missioni_and_catalogs.txt"))
    mp = r.tables["sa_missioni_programmi"]
    assert len(mp) == 11
    seg = one(r, "sa_missioni_programmi", programma_name="Segreteria generale")
    assert (seg["missione_code"], seg["programma_code"]) == ("1", "02")
    assert seg["missione_name"] == "Servizi istituzionali, generali e di gestione"
    assert seg["missione_inherited"] is True
    catalog = r.tables["sa_objective_catalog"]
    assert [c["objective_code"] for c in catalog if c["objective_kind"] == "performance"] == list(
        "ABCDEF"
    )
    assert [c["objective_code"] for c in catalog if c["objective_kind"] == "peg"] == [
        str(i) for i in range(1, 13)
    ]
    assert one(r, "sa_objective_catalog", objective_code="3")["title"] == "Home Care Premium (HCP)"
    assert unclaimed_or_unparsed(r) == []


def test_unknown_layout_raises() -> None:
    with pytest.raises(UnknownLayoutError):
        parse_text("Scheda 1\tObiettivo da piano programma 2021-2023\nAZIONI\tINDICATORI\n")


# --- whole document ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def full() -> ParseResult:
    return parse(sample(SAMPLE))


def test_full_document_metadata(full: ParseResult) -> None:
    assert full.doc_title.startswith("STATO DI ATTUAZIONE AL 31/12/2020")
    assert (full.period_start_year, full.period_end_year) == (2020, 2022)
    assert {o["plan_year"] for o in full.tables["sa_objectives"]} == {2020}
    assert {s["year"] for s in full.tables["sa_steps"]} == {2020}
    assert {t["label"] for t in full.tables["sa_totals"]} == {"TOTALE 2020"}


def test_full_document_objectives_and_incidences(full: ParseResult) -> None:
    objs = full.tables["sa_objectives"]
    perf = [o["objective_code"] for o in objs if o["objective_kind"] == "performance"]
    peg = [o["objective_code"] for o in objs if o["objective_kind"] == "peg"]
    assert perf == list("ABCDEF")
    assert peg == [str(i) for i in range(1, 13)]
    inc = {o["objective_code"]: o["incidence_pct"] for o in objs}
    assert inc["A"] == 5 and inc["B"] == 10 and inc["E"] == 10
    assert inc["C"] == inc["D"] == inc["F"] == 5
    assert all(inc[str(i)] == 5 for i in range(1, 13))
    assert sum(inc.values()) == 100  # 40 on performance + 60 on PEG objectives
    glued = {
        o["objective_code"]: o["incidence_line"]
        for o in objs
        if o["incidence_source"] == "title_cell"
    }
    assert glued == {"E": 124, "2": 203, "3": 222, "9": 380}
    two = one(full, "sa_objectives", objective_code="2")
    assert two["title"] == "Partecipazione a iniziative di sostegno al reddito a livello locale"
    # the catalog's titles are the objective titles without the glued incidence
    catalog = {
        (c["objective_kind"], c["objective_code"]): c["title"]
        for c in full.tables["sa_objective_catalog"]
    }
    for o in objs:
        assert catalog[(o["objective_kind"], o["objective_code"])] == o["title"]


def test_full_document_steps(full: ParseResult) -> None:
    count: dict[str, int] = defaultdict(int)
    for s in full.tables["sa_steps"]:
        count[s["objective_code"]] += 1
    expected = {"A": 5, "B": 9, "C": 3, "D": 5, "E": 7, "F": 5}
    expected |= dict(
        zip([str(i) for i in range(1, 13)], [3, 2, 4, 3, 6, 4, 6, 6, 3, 7, 2, 4], strict=True)
    )
    assert dict(count) == expected
    assert len(full.tables["sa_step_verifications"]) == 84
    a3 = one(full, "sa_steps", step_code="A.3")
    assert (a3["weight_in_objective_pct"], a3["weight_in_year_pct"]) == (Decimal(30), Decimal(43))
    assert one(full, "sa_steps", step_code="6.1")["weight_in_year_pct"] == Decimal(100)
    assert one(full, "sa_steps", step_code="8.6")["deadline"] == "2022-12-31"
    assert one(full, "sa_step_verifications", step_code="5.3")["achievement_pct"] == Decimal(6)
    assert one(full, "sa_step_verifications", step_code="8.2")["achievement_pct"] == Decimal(46)


def test_full_document_totals(full: ParseResult) -> None:
    totals = {t["objective_code"]: t["total_pct"] for t in full.tables["sa_totals"]}
    assert len(totals) == 18
    assert totals["5"] == Decimal(83)
    assert totals["8"] == Decimal(89)
    assert all(v == 100 for k, v in totals.items() if k not in ("5", "8"))
    shifted = sorted(
        t["objective_code"] for t in full.tables["sa_totals"] if t["label_column"] != 0
    )
    assert shifted == ["6", "C", "D"]


def test_full_document_own_sums(full: ParseResult) -> None:
    """Where the document's own sums hold and where they do not (read by hand)."""
    w_obj: dict[str, Decimal] = defaultdict(Decimal)
    w_year: dict[str, Decimal] = defaultdict(Decimal)
    ach: dict[str, Decimal] = defaultdict(Decimal)
    for s in full.tables["sa_steps"]:
        w_obj[s["objective_code"]] += s["weight_in_objective_pct"] or 0
        w_year[s["objective_code"]] += s["weight_in_year_pct"] or 0
    for v in full.tables["sa_step_verifications"]:
        ach[v["objective_code"]] += v["achievement_pct"] or 0
    totals = {t["objective_code"]: t["total_pct"] for t in full.tables["sa_totals"]}
    assert all(v == 100 for v in w_obj.values())
    assert {k: v for k, v in w_year.items() if v != 100} == {"B": 99, "5": 99, "10": 101, "12": 101}
    assert {k: (ach[k], totals[k]) for k in totals if ach[k] != totals[k]} == {
        "B": (99, 100),
        "10": (101, 100),
        "12": (101, 100),
    }


def test_full_document_copied_verifications(full: ParseResult) -> None:
    copied = {
        v["step_code"]: v["verification_same_text_as"]
        for v in full.tables["sa_step_verifications"]
        if v["verification_same_text_as"]
    }
    assert copied == {"D.1": "C.1", "E.1": "C.1", "F.1": "C.1", "3.2": "3.1"}
    differs = sorted(
        v["step_code"] for v in full.tables["sa_step_verifications"] if v["step_text_differs"]
    )
    assert differs == ["11.2", "5.6", "8.4"]


def test_full_document_raccordo_and_missioni(full: ParseResult) -> None:
    racc = full.tables["sa_raccordo"]
    assert len(racc) == 52
    uncertain = sorted(r["source_line"] for r in racc if r["attribution"] == "uncertain")
    assert uncertain == [488, 489, 490, 495, 496, 497, 530]
    assert [r["row_seq"] for r in racc] == list(range(1, 53))
    row = one(full, "sa_raccordo", source_line=535)
    assert (row["strategic_code"], row["operational_code"], row["performance_codes"]) == (
        "11",
        "11A",
        "B",
    )
    assert (row["peg_codes"], row["missioni"], row["programmi"]) == ("5", "1", "02")
    assert one(full, "sa_raccordo", source_line=491)["peg_codes"] == "2 4"
    b = one(full, "sa_raccordo", source_line=530)  # a stray "B" in the strategic column
    assert (b["performance_codes"], b["operational_code"], b["attribution"]) == (
        "B",
        "9C",
        "uncertain",
    )

    m12 = rows(full, "sa_missioni_programmi", missione_code="12")
    assert {m["missione_name"] for m in m12} == {"Diritti sociali e politiche sociali"}
    assert [m["programma_code"] for m in m12] == ["01", "02", "03", "04", "07"]
    assert [
        m["programma_code"] for m in rows(full, "sa_missioni_programmi", missione_code="1")
    ] == [
        "01",
        "02",
        "03",
        "08",
        "10",
        "11",
    ]


def test_full_document_line_accounting() -> None:
    r = parse(sample(SAMPLE))
    r.ledger.finalize()
    c = r.ledger.counts()
    nonblank = c["mapped"] + c["boilerplate"] + c["unparsed"]
    assert nonblank == 493
    assert c["unparsed"] == 0  # no line is left unclaimed
    assert (c["mapped"] + c["boilerplate"]) / nonblank >= 0.995
    assert status(r, 399) == ("mapped", "sa_objectives")  # the NOTA of objective 9
    assert status(r, 501) == ("boilerplate", "repeated_table_header")
    assert status(r, 542) == ("boilerplate", "repeated_page_title")
