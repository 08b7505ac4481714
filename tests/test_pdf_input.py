"""Plans given as PDF files: the five samples printed to PDF inside the test session
(tests/pdfgen.py: ruled tables with wrapped cells, tables broken across pages, portrait and
landscape pages, two fonts) must give the figures their text exports give."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from ingest.dispatch import DocOutcome, parse_one
from ingest.manifest import ManifestEntry, read_manifest
from tests.helpers import RAW
from tests.pdfgen import SAMPLE_STYLES, render_samples
from tests.records import differing_tables

ASC21 = "000_e3700703ee819e5c"
ASC25 = "001_873564630502075e"
PIAO = "002_142f2b20942e7c60"
PEG = "003_51402a20550dfbf2"
SA = "004_b40c0b7f81374021"

STYLES = SAMPLE_STYLES


def pdf_manifest(manifest: dict[str, ManifestEntry]) -> dict[str, ManifestEntry]:
    """The samples' manifest lines, also under the PDFs' file names."""
    out = dict(manifest)
    for name, entry in manifest.items():
        out[Path(name).with_suffix(".pdf").name] = entry
    return out


@pytest.fixture(scope="session")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_samples(RAW, tmp_path_factory.mktemp("sample_pdfs"))


@pytest.fixture(scope="session")
def parsed(sample_pdfs: dict[str, Path]) -> dict[str, tuple[DocOutcome, DocOutcome]]:
    """(from the text export, from the PDF) per sample."""
    manifest = pdf_manifest(read_manifest(RAW / "manifest.csv"))
    out = {}
    for doc_id, pdf in sample_pdfs.items():
        text = parse_one(RAW / f"{doc_id}.txt", manifest)
        from_pdf = parse_one(pdf, manifest)
        assert text.status == "loaded", text.error
        assert from_pdf.status == "loaded", from_pdf.error
        out[doc_id] = (text, from_pdf)
    return out


def diff(parsed, doc_id: str, *tables: str) -> dict:
    text, pdf = parsed[doc_id]
    a = {t: rows for t, rows in text.tables.items() if not tables or t in tables}
    b = {t: rows for t, rows in pdf.tables.items() if not tables or t in tables}
    return differing_tables(a, b)


def rows(parsed, doc_id: str, table: str, source: int = 1) -> list[dict]:
    return parsed[doc_id][source].tables[table]


# --- the printed PDFs are like real ones ------------------------------------------------


def test_the_generated_pdfs_have_what_real_ones_have(sample_pdfs):
    fonts: set[str] = set()
    orientations: set[str] = set()
    for pdf_path in sample_pdfs.values():
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                orientations.add("landscape" if page.width > page.height else "portrait")
                fonts.update(c["fontname"].split("+")[-1] for c in page.chars[:4000])
                if len(orientations) == 2 and len(fonts) >= 4:
                    break
    assert orientations == {"landscape", "portrait"}
    assert {"DejaVuSerif", "DejaVuSans", "DejaVuSans-Bold"} <= fonts
    peg_stats = sample_pdfs[PEG].with_suffix(".stats").read_text()
    assert "broken_numbers=['784.326,70'" in peg_stats  # figures broken inside their cell
    for doc_id in STYLES:
        stats = sample_pdfs[doc_id].with_suffix(".stats").read_text()
        assert "wrapped_cells=0," not in stats, doc_id
        assert "tables_across_pages=0," not in stats, doc_id


# --- each family: the same records from the PDF as from the text export ------------------


@pytest.mark.parametrize("doc_id", [ASC21, ASC25, PIAO, SA])
def test_pdf_gives_every_record_of_the_text_export(parsed, doc_id):
    assert diff(parsed, doc_id) == {}
    text, pdf = parsed[doc_id]
    assert set(pdf.tables) == set(text.tables)
    assert {t: len(r) for t, r in pdf.tables.items()} == {t: len(r) for t, r in text.tables.items()}


@pytest.mark.parametrize(
    ("doc_id", "schede", "actions", "indicators", "targets"),
    [
        # read off the documents: 000 Scheda 1-5, AZIONI 4+3+7+2+13, INDICATORI 6+3+9+3+18;
        # 001 Scheda 1-4, AZIONI 5+4+5+6, INDICATORI 15+9+5+17; three years each
        (ASC21, 5, 29, 39, 39 * 3),
        (ASC25, 4, 20, 46, 46 * 3),
    ],
)
def test_asc_figures_from_the_pdf(parsed, doc_id, schede, actions, indicators, targets):
    assert len(rows(parsed, doc_id, "asc_schede")) == schede
    assert len(rows(parsed, doc_id, "asc_actions")) == actions
    assert len(rows(parsed, doc_id, "asc_indicators")) == indicators
    assert len(rows(parsed, doc_id, "asc_indicator_years")) == targets
    assert len(rows(parsed, doc_id, "asc_action_years")) == actions * 3


def test_asc_targets_per_year_from_the_pdf(parsed):
    years = rows(parsed, ASC21, "asc_indicator_years")
    # Scheda 1, indicator 2: "100%" planned for each of 2021-2023
    s1 = [y for y in years if y["scheda_no"] == 1 and y["indicator_seq"] == 2]
    assert [(y["year"], y["target_raw"]) for y in s1] == [
        (2021, "100%"),
        (2022, "100%"),
        (2023, "100%"),
    ]
    people = {r["name_raw"] for r in rows(parsed, ASC25, "asc_indicator_responsabili")}
    assert {"Peri", "Verboschi", "Ferri", "Tonelli", "Vignali"} <= people


def test_piao_weights_and_objectives_from_the_pdf(parsed):
    weights = {r["item"]: r["weight_pct"] for r in rows(parsed, PIAO, "piao_weights")}
    assert weights == {
        "Performance organizzativa di ente": Decimal("50"),
        "Performance organizzativa di area": Decimal("50"),
    }
    text = (RAW / f"{PIAO}.txt").read_text(encoding="utf-8")
    operativi = text.count("\nOBIETTIVO:") + text.count("\nOBIETTIVO PERSEGUIRE")
    assert operativi == 48
    pdf_objectives = rows(parsed, PIAO, "piao_objectives")
    assert len([o for o in pdf_objectives if o["level"] == "operativo"]) == operativi


def test_stato_di_attuazione_figures_from_the_pdf(parsed):
    objectives = rows(parsed, SA, "sa_objectives")
    assert len(objectives) == 18  # A-F and PEG 1-12
    # incidences: A 5, B 10, C 5, D 5, E 10 (inside its title cell), F 5, PEG 1-12 5 each
    assert sum(o["incidence_pct"] for o in objectives) == 100
    steps = rows(parsed, SA, "sa_steps")
    assert len(steps) == 84
    a3 = [s for s in steps if s["step_code"] == "A.3"]
    assert [(s["weight_in_objective_pct"], s["weight_in_year_pct"]) for s in a3] == [
        (Decimal(30), Decimal(43))
    ]


# --- PEG --------------------------------------------------------------------------------

PEG_FIGURE_TABLES = (
    "peg_cdr",
    "peg_cdr_rows",
    "peg_budget_lines",
    "peg_budget_totals",
    "peg_staff",
    "peg_phases",
)


def test_peg_budget_cdr_staff_and_phases_from_the_pdf(parsed):
    assert diff(parsed, PEG, *PEG_FIGURE_TABLES) == {}


def _sums(lines: list[dict]) -> dict[tuple[str, str], Decimal]:
    out: dict[tuple[str, str], Decimal] = {}
    for x in lines:
        key = (x["flow"], x["nature"])
        out[key] = out.get(key, Decimal(0)) + x["amount"]
    return out


def test_peg_budget_sums_to_the_cent_per_flow_and_nature(parsed):
    from_text = _sums(rows(parsed, PEG, "peg_budget_lines", source=0))
    from_pdf = _sums(rows(parsed, PEG, "peg_budget_lines"))
    assert from_pdf == from_text
    assert len(rows(parsed, PEG, "peg_budget_lines")) == 139  # the 139 "Cap." lines
    # the CDR tables' "Totale CDR" as printed: 9.422.128,07 (CDR 85), 9.267.473,26 (CDR 87)
    totals = {
        r["cdr_code"]: r["budget_raw"]
        for r in rows(parsed, PEG, "peg_cdr_rows")
        if r["row_kind"] == "totale_cdr"
    }
    assert totals == {"85": "9.422.128,07", "87": "9.267.473,26", "A2": None}
    # 2021_PD_8501: Totale 2.453.877,32 entrate correnti, 784.326,70 spese correnti
    t8501 = {
        t["column_name"]: t["amount"]
        for t in rows(parsed, PEG, "peg_budget_totals")
        if t["project_code"] == "2021_PD_8501"
    }
    assert t8501 == {
        "Entrate Correnti": Decimal("2453877.32"),
        "Spese Correnti": Decimal("784326.70"),
    }


def test_peg_cdr_budgets_and_absorption_shares_from_the_pdf(parsed):
    cdr_rows = rows(parsed, PEG, "peg_cdr_rows")
    by_project = {r["project_code"]: r for r in cdr_rows if r["row_kind"] == "project"}
    # "2021_PG_8523 Patto di contrasto alle nuove povertà 2.244.232,18 23,82 %"
    assert by_project["2021_PG_8523"]["budget_raw"] == "2.244.232,18"
    assert by_project["2021_PG_8523"]["absorption_raw"] == "23,82 %"
    # "2021_PD_8716 ... 4.545.933,00 48,25 %": printed as "4.545." / "933,00" in its cell
    assert by_project["2021_PD_8716"]["budget_raw"] == "4.545.933,00"
    assert len(by_project) == 59


def test_peg_every_indicator_code_from_the_pdf(parsed):
    text, pdf = (
        [i["indicator_code"] for i in rows(parsed, PEG, "peg_indicators", source=s)] for s in (0, 1)
    )
    assert len(pdf) == 261
    assert sorted(pdf) == sorted(text)
    targets = {i["indicator_code"]: i["target_raw"] for i in rows(parsed, PEG, "peg_indicators")}
    assert targets["M_8501_1_1"] == "30/09/2021"
    assert targets["O_8723_4_2"] == "18000000"


def test_peg_objectives_from_the_pdf(parsed):
    # the objectives the export marks with ** (type glued to code, titles over lines)
    assert diff(parsed, PEG, "peg_objectives") == {}


def test_peg_indicators_belong_to_their_objectives_from_the_pdf(parsed):
    assert diff(parsed, PEG, "peg_indicators") == {}


def test_peg_projects_from_the_pdf(parsed):
    # Z_23101 and 2021_PD_A207: a sheet title glued to 'Indirizzo Strategico di riferimento'
    assert diff(parsed, PEG, "peg_projects") == {}


def test_peg_pdf_leaves_no_line_unparsed(parsed):
    counts = parsed[PEG][1].result.ledger.counts()
    assert counts["unparsed"] == 0


# --- lineage and coverage ---------------------------------------------------------------


@pytest.mark.parametrize("doc_id", list(STYLES))
def test_every_record_from_a_pdf_names_its_page(parsed, sample_pdfs, doc_id):
    _, pdf = parsed[doc_id]
    with pdfplumber.open(sample_pdfs[doc_id]) as p:
        n_pages = len(p.pages)
    pages = [r["source_page"] for rows_ in pdf.tables.values() for r in rows_]
    assert pages and all(isinstance(p, int) and 1 <= p <= n_pages for p in pages)
    assert max(pages) > 1
    doc = pdf.result.ledger.doc
    assert doc.input_format == "pdf"
    assert doc.converter.startswith("pdfplumber 0.11")
    assert doc.encoding is None
    for r in [r for rows_ in pdf.tables.values() for r in rows_][:50]:
        assert doc.origins[r["source_line"] - 1].page == r["source_page"]


def test_a_page_read_off_the_pdf(parsed, sample_pdfs):
    # Scheda 1 of the 2021 plan is on page 1; its last scheda (5) starts on a later page
    schede = {r["scheda_no"]: r for r in rows(parsed, ASC21, "asc_schede")}
    assert schede[1]["source_page"] == 1
    with pdfplumber.open(sample_pdfs[ASC21]) as pdf:
        page = schede[5]["source_page"]
        assert "Scheda 5" in pdf.pages[page - 1].extract_text()
        assert "Scheda 5" not in "".join(p.extract_text() for p in pdf.pages[: page - 1])


@pytest.mark.parametrize("doc_id", [ASC21, ASC25, PIAO, SA])
def test_pdf_coverage_every_line_accounted(parsed, doc_id):
    text, pdf = parsed[doc_id]
    counts = pdf.result.ledger.counts()
    assert counts["unparsed"] == 0
    assert sum(counts.values()) == len(pdf.result.ledger.doc.lines)
    # the export's non-blank lines, less its markdown separators, are the PDF's lines
    t = text.result.ledger.counts()
    separators = sum(1 for r in text.result.ledger.rows() if r["detail"] == "markdown_separator")
    assert counts["mapped"] == t["mapped"]
    assert counts["boilerplate"] == t["boilerplate"] - separators


def test_text_exports_record_their_format(parsed):
    doc = parsed[ASC21][0].result.ledger.doc
    assert (doc.input_format, doc.encoding, doc.converter, doc.origins) == (
        "text",
        "utf-8",
        None,
        None,
    )
    assert "source_page" not in rows(parsed, ASC21, "asc_schede", source=0)[0]


def test_a_batch_of_sample_pdfs_lands_with_pages(tmp_path, sample_pdfs):
    """PDFs (no text exports) in a raw folder with their manifest lines load (the five of
    them build the whole warehouse in tests/test_e2e_pdf.py)."""
    import duckdb

    from ingest.load import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    for doc_id in (ASC21, ASC25):
        shutil.copy(sample_pdfs[doc_id], raw / f"{doc_id}.pdf")
    lines = (RAW / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (raw / "manifest.csv").write_text(
        "\n".join([lines[0]] + [ln.replace(".txt,", ".pdf,", 1) for ln in lines[1:]]) + "\n"
    )
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    outcomes, counts = ingest(con, [raw], raw / "manifest.csv", run_id="pdf")
    assert {o.source_file: o.status for o in outcomes} == {
        f"{ASC21}.pdf": "loaded",
        f"{ASC25}.pdf": "loaded",
    }
    assert counts["asc_schede"] == 9
    pages = con.sql(
        "select count(*), count(source_page), min(source_page) from raw.asc_indicators"
    ).fetchall()
    assert pages == [(85, 85, 1)]
    con.close()
