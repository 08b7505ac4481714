"""Formatting, tables, exports and chart builders on small frames, without Streamlit and
without a warehouse. The figures themselves (measures, results against targets, weighted
achievement of steps, pairs of indicators) are computed in dbt and tested there
(dbt_project/models/marts/_marts_dashboard_unit_tests.yml)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
import yaml

from dashboards import catalogue, charts, compare, exports, fmt, forum, quality
from dashboards.catalogue import Measure
from dashboards.exports import Section

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"

# --- formatting ----------------------------------------------------------------------------


def test_italian_formatting():
    assert fmt.fmt_number(1234567.891, 2) == "1.234.567,89"
    assert fmt.fmt_number(1070) == "1.070"
    assert fmt.fmt_euro(9422128.07) == f"9.422.128,07{NBSP}€"
    assert fmt.fmt_euro(2244232.18) == f"2.244.232,18{NBSP}€"
    assert fmt.fmt_pct(98.6419) == f"98,6{NBSP}%"
    assert fmt.fmt_pct(94.7) == f"94,7{NBSP}%"
    assert fmt.fmt_points(3.2) == "+3,2 punti" and fmt.fmt_points(-1) == "-1,0 punto"
    assert fmt.fmt_compact_euro(10_000_000) == "10,0 mln €"
    assert fmt.fmt_compact_euro(600_000) == "600.000 €"
    assert fmt.fmt_date("2026-12-02") == "02/12/2026"
    assert fmt.fmt_date(pd.Timestamp("2026-12-02 08:59")) == "02/12/2026"
    assert fmt.fmt_number(None) == "—"
    assert fmt.fmt_pct(float("nan")) == "—"
    assert fmt.fmt_text(None) == "—" and fmt.fmt_text(True) == "sì"
    assert fmt.tidy_number_text("97.3500") == "97,35"
    assert fmt.tidy_number_text("100.0000") == "100"
    assert fmt.tidy_number_text("2244232.18") == "2.244.232,18"
    assert fmt.tidy_number_text("2025-2027") == "2025-2027"
    assert fmt.tidy_number_text(None) == ""
    assert fmt.plural(1, "avviso", "avvisi") == "1 avviso"
    assert fmt.plural(2, "avviso", "avvisi") == "2 avvisi"
    assert fmt.plural(1070, "riga", "righe") == "1.070 righe"
    assert fmt.short_name("ASC InSieme (Azienda Speciale Consortile)") == "ASC InSieme"
    assert fmt.short_name("CSSM, Consorzio per i Servizi") == "CSSM"
    assert fmt.period(2021, 2023) == "2021-2023" and fmt.period(2021, 2021) == "2021"


# --- the measure catalogue: defined once, in the dbt YAML -------------------------------------


def test_every_measure_has_a_label_unit_and_definition_in_the_yaml():
    spec = yaml.safe_load((ROOT / "dbt_project/models/marts/_marts_dashboard.yml").read_text())
    model = next(m for m in spec["models"] if m["name"] == "mart_measures_document")
    measures = [c for c in model["columns"] if (c.get("meta") or {}).get("measure")]
    assert len(measures) == 21
    assert len({c["name"] for c in measures}) == len(measures)
    for c in measures:
        assert c["meta"]["label"] and c["meta"]["unit"] in {"n", "pct", "eur", "dec"}, c["name"]
        assert len(c["description"]) > 20, c["name"]
    # the ente and type marts reuse the very same column definitions
    for name in ("mart_measures_ente", "mart_measures_ente_type"):
        other = next(m for m in spec["models"] if m["name"] == name)
        assert other["columns"] == model["columns"]


PCT = Measure("pct_measurable", "Target misurabili (%)", "pct", "Quota dei target ...", True, "g")
EUR = Measure("spese_eur", "Spese (€)", "eur", "Somma delle righe di spesa ...", None, "g")
N = Measure("n_targets", "Target (indicatore × anno)", "n", "Valori attesi ...", None, "g")


def test_side_by_side_and_ranking_tables():
    units = pd.DataFrame(
        {
            "label": ["ASC Uno · 2021-2023", "Comune di Prova · 2021"],
            "pct_measurable": [90.0, 100.0],
            "n_targets": [20, 1070],
            "spese_eur": [None, 1000.0],
        }
    )
    stats = pd.DataFrame(
        {
            "measure_key": ["pct_measurable", "n_targets", "spese_eur"],
            "n_units_with_value": [3, 3, 1],
            "median_value": [90.0, 20.0, 1000.0],
            "min_value": [25.0, 8.0, 1000.0],
            "max_value": [100.0, 1070.0, 1000.0],
        }
    )
    side = compare.side_by_side(units, [N, PCT, EUR], stats).set_index("Misura")
    assert list(side.columns) == [
        "ASC Uno · 2021-2023",
        "Comune di Prova · 2021",
        "Mediana",
        "Min – max",
        "Definizione",
    ]
    assert side.loc["Target (indicatore × anno)", "Comune di Prova · 2021"] == "1.070"
    assert side.loc["Target misurabili (%)", "Mediana"] == f"90,0{NBSP}%"
    assert side.loc["Target misurabili (%)", "Min – max"] == f"25,0{NBSP}% – 100,0{NBSP}%"
    assert side.loc["Spese (€)", "ASC Uno · 2021-2023"] == "—"  # not applicable, not zero
    rows = pd.DataFrame(
        {
            "label": ["Comune di Prova · 2021", "ASC Uno · 2021-2023", "CSSM · 2020-2022"],
            "ente_type": ["Comune", "ASC", "Consorzio"],
            "value": [100.0, 90.0, None],
            "rank": pd.array([1, 2, None], dtype="Int64"),
            "gap_from_median": [10.0, 0.0, None],
        }
    )
    ranking = compare.ranking_table(rows, PCT)
    assert list(ranking["Posizione"]) == ["1", "2", "—"]
    # gaps between percentages are percentage points, not "%"
    assert list(ranking["Scarto dalla mediana"]) == ["+10,0 punti", "0,0 punti", "—"]
    spend = compare.ranking_table(rows.assign(gap_from_median=[1500.5, -2.0, None]), EUR)
    assert list(spend["Scarto dalla mediana"]) == [f"+1.500,50{NBSP}€", f"-2,00{NBSP}€", "—"]
    shares = compare.target_kind_shares(
        pd.DataFrame(
            {
                "label": ["A"],
                "n_targets_number": [10],
                "n_targets_percent": [4],
                "n_targets_date": [0],
                "n_targets_boolean": [4],
                "n_targets_text": [2],
                "pct_targets_number": [50.0],
                "pct_targets_percent": [20.0],
                "pct_targets_date": [0.0],
                "pct_targets_boolean": [20.0],
                "pct_text": [10.0],
            }
        )
    ).set_index("kind")
    assert shares.loc["numero", "share"] == 50.0 and shares["share"].sum() == 100.0
    assert catalogue.format_gap(N, 3) == "+3"


# --- summaries, exports, quality -----------------------------------------------------------


def test_summary_markdown_html_and_pdf():
    table = pd.DataFrame({"Misura": ["Target <misurabili>"], "Valore": ["90|0%"]})
    sections = [
        Section("Misure", ["Testo & note"], table, svg="<svg></svg>"),
        Section("Vuota", [], table[:0]),
    ]
    md = exports.summary_markdown("Titolo", sections, "piede")
    assert md.startswith("# Titolo")
    assert "| Misura | Valore |" in md and "90\\|0%" in md
    assert "_(nessun dato)_" in md
    html = exports.summary_html("Titolo", sections, "piede")
    assert "&lt;misurabili&gt;" in html and "Testo &amp; note" in html
    assert "@page" in html and "<table" in html and "<svg></svg>" in html
    try:
        pdf = exports.summary_pdf(html)
    except exports.PdfUnavailable as exc:
        pytest.skip(f"WeasyPrint cannot run here ({exc}): `make browser-deps` installs pango")
    assert pdf.startswith(b"%PDF")


def test_forum_summary_is_one_pdf_page(tmp_path):
    years = pd.DataFrame(
        {
            "period_start_year": [2021, 2021, 2025],
            "period_end_year": [2023, 2023, 2027],
            "year": [2021, 2022, 2025],
            "n_targets": [40, 38, 60],
            "pct_measurable": [91.5, 90.0, 49.5],
            "n_targets_text": [3, 4, 30],
            "n_results": [8, 0, 0],
            "n_results_assessable": [6, 0, 0],
            "n_results_reached": [5, 0, 0],
        }
    )
    docs = pd.DataFrame(
        {
            "doc_title": ["Piano programma 2021-2023", "Piano programma 2025-2027"],
            "period_start_year": [2021, 2025],
            "period_end_year": [2023, 2027],
        }
    )
    table = forum.year_table(years)
    assert list(table["Target"]) == [40, 38, 60]
    assert list(table["Raggiungono il target"]) == [5, 0, 0]
    svg = forum.trend_svg(years)
    assert svg.startswith("<svg") and "Risultati riportati" in svg and ">40<" in svg
    one_pair = pd.DataFrame({"Stato": ["da verificare"], "Indicatore (prima edizione)": ["x"]})
    sections = forum.forum_sections("ASC Uno", docs, years, None, None, None, one_pair, "ok")
    titles = [s.title for s in sections]
    assert "Andamento anno per anno" in titles
    assert "L'ente rispetto agli altri enti" not in titles  # no peers given
    text = exports.summary_markdown("Osservatorio piani – ASC Uno", sections)
    assert "2 documenti" in text and "da verificare: 1 coppia" in text
    assert "Seguiti: 0 indicatori" in text
    html = exports.summary_html("Osservatorio piani – ASC Uno", sections)
    try:
        pdf = exports.summary_pdf(html)
    except exports.PdfUnavailable as exc:
        pytest.skip(f"WeasyPrint cannot run here ({exc}): `make browser-deps` installs pango")
    assert pdf.startswith(b"%PDF") and exports.pdf_pages(html) == 1


def test_peers_are_left_out_when_too_few_enti_have_a_value():
    ente = pd.Series({"pct_measurable": 91.5, "n_targets": 193})
    stats = pd.DataFrame(
        {
            "measure_key": ["pct_measurable", "n_targets"],
            "n_units_with_value": [3, 1],
            "median_value": [73.0, 193.0],
        }
    )
    peers = forum.peers_table(ente, stats, [PCT, N])
    assert list(peers["Misura"]) == ["Target misurabili (%)"]
    assert peers.iloc[0]["Mediana degli enti"] == f"73,0{NBSP}%"


def test_csv_in_the_italian_dialect_and_xlsx():
    df = pd.DataFrame(
        {
            "Indicatore": ["Attività è", None],
            "Anno": pd.array([2021, None], dtype="Int64"),
            "Importo (€)": [2244232.18, 0.5],
            "Raggiunge": [True, False],
            "Data": pd.to_datetime(["2021-06-30", None]).tz_localize("Europe/Rome"),
        }
    )
    csv = exports.to_csv_bytes(df)
    assert csv.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[0] == "Indicatore;Anno;Importo (€);Raggiunge;Data"
    assert lines[1] == "Attività è;2021;2244232,18;sì;30/06/2021"
    assert lines[2] == ";;0,5;no;"
    wb = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(df, "Indicatori")))
    ws = wb["Indicatori"]
    assert [c.value for c in ws[1]] == ["Indicatore", "Anno", "Importo (€)", "Raggiunge", "Data"]
    assert ws["A2"].value == "Attività è" and ws["B2"].value == 2021
    assert ws["C2"].value == pytest.approx(2244232.18)  # a number in the workbook


def test_quality_wording_is_italian():
    counts = {"passed": 10, "warnings": 2, "errors": 1, "total": 13}
    assert quality.dq_status_line(counts) == "Controlli: 10 superati, 2 avvisi, 1 errore"
    assert "nessun controllo" in quality.dq_status_line({"total": 0})
    assert quality.check_label("peg_subtotal_equals_rows_pct").startswith("Subtotale")
    assert quality.check_label("a_new_rule") == "a new rule"
    assert (
        quality.italian_text("6 targets in 2021 (lines 18-23)") == "6 target nel 2021 (righe 18-23)"
    )
    assert quality.italian_text("2 projects: 2021_PD_8501 (line 167), Z_1 (line 9)") == (
        "2 progetti: 2021_PD_8501 (riga 167), Z_1 (riga 9)"
    )
    assert quality.italian_text("dim_indicator.objective_id -> dim_objective") == (
        "indicatori: codice → tabella obiettivi"
    )
    assert quality.italian_text("<= 100") == "al massimo 100"
    assert quality.italian_text("2020-07-31") == "31/07/2020"
    dq = pd.DataFrame(
        {
            "passed": [False],
            "severity": ["error"],
            "document_id": ["d"],
            "label": ["Comune · 2021"],
            "check_name": ["peg_subtotal_equals_rows_pct"],
            "subject_key": ['CDR 85 / Totale Obiettivo "Sanità e Welfare" (line 47) / %'],
            "observed": ["97.3500"],
            "expected": ["100.0000"],
            "difference": [2.65],
            "tolerance": [0.045],
            "source_line": [47],
            "description": ["The subtotal row's % di assorbimento equals ..."],
        }
    )
    row = quality.dq_table(dq, lambda d, n: f"fonte?doc={d}&riga={n}").iloc[0]
    assert (row["Documento"], row["Osservato"], row["Atteso"]) == ("Comune · 2021", "97,35", "100")
    assert row["Soggetto"] == 'CDR 85 / Totale Obiettivo "Sanità e Welfare" (riga 47) / %'
    assert row["Gravità"] == "errore" and row["Esito"] == "non superato"
    assert row["Descrizione"].startswith("La % di assorbimento") and row["Riga"] == 47
    assert row["Fonte"] == "fonte?doc=d&riga=47"
    docs = pd.DataFrame(
        {
            "document_id": ["a", "b", "c"],
            "ente_name": ["Ente A, x", "Ente B", "Ente C"],
            "doc_title": ["Piano A", "Piano B", "Piano C"],
            "period_start_year": [2021, 2022, 2023],
            "period_end_year": [2021, 2024, 2023],
        }
    )
    # documents by their title, never by their file name
    assert quality.source_line(docs[:1]) == "Fonte: Piano A (Ente A, 2021)"
    assert quality.source_line(docs).startswith(
        "Fonte: 3 documenti (Ente A 2021, Ente B 2022-2024, "
    )
    assert quality.source_line(docs[:0]) == "Fonte: nessun documento"
    run = pd.Series({"status": "success", "trigger": "manual",
                     "finished_at": pd.Timestamp("2026-12-02 08:59")})  # fmt: skip
    assert quality.run_line(run) == "02/12/2026 08:59 (manuale, esito riuscita)"


# --- chart builders ------------------------------------------------------------------------


def is_empty(fig: go.Figure) -> bool:
    return len(fig.data) == 0 and len(fig.layout.annotations) == 1


def test_charts_draw_small_frames_the_italian_way():
    units = pd.DataFrame({"label": ["A", "B"], "pct_measurable": [90.0, 100.0]})
    fig = charts.measure_bar(units, "pct_measurable", "Target misurabili (%)", "pct", 95.0)
    assert fig.layout.separators == ",."
    assert len(fig.data) == 1 and list(fig.data[0].x) == ["B", "A"]
    assert list(fig.data[0].text) == [f"100,0{NBSP}%", f"90,0{NBSP}%"]
    median = [a for a in fig.layout.annotations if "mediana" in a.text][0]
    assert median.xref == "paper" and median.x > 1  # beside the plot, not on the first bar
    assert median.text == f"mediana<br>95,0{NBSP}%"
    per_obj = pd.DataFrame(
        {
            "objective_code": ["A", "B"],
            "objective_title": ["Alfa", "Beta"],
            "incidence_pct": [2.0, 30.0],
            "n_steps_in_year": [2, 2],
            "achievement_pct": [100.0, 75.0],
        }
    )
    fig = charts.achievement_bar(per_obj, 81.25)
    assert list(fig.data[0].y) == pytest.approx([100.0, 75.0])
    # one solid colour whatever the incidence (no white bars on white)
    assert fig.data[0].marker.color == "#4c78a8"
    enti = pd.DataFrame({"ente_type": ["ASC", "Comune"], "region": ["ER", "ER"], "n_enti": [1, 1]})
    assert len(charts.enti_by_type_region(enti).data) == 1
    overview = pd.DataFrame(
        {
            "ente_type": ["ASC", "Comune"],
            "doc_family": ["asc_schede", "peg"],
            "check_status": ["con avvisi", "con errori"],
            "n_documents": [2, 1],
            "lines_mapped": [10, 20],
            "lines_boilerplate": [1, 2],
            "lines_unparsed": [0, 1],
        }
    )
    assert len(charts.documents_by_check_status(overview).data) == 2
    assert len(charts.coverage_by_family(overview).data) == 3
    docs = pd.DataFrame(
        {"label": ["A", "B"], "checks_passed": [5, 6], "warnings_failed": [0, 1],
         "errors_failed": [1, 0]}
    )  # fmt: skip
    assert len(charts.dq_status_bar(docs).data) == 3
    budget = pd.DataFrame(
        {
            "cdr_code": ["85", "85", "87"],
            "flow": ["entrata", "spesa", "spesa"],
            "nature": ["corrente", "investimento", "corrente"],
            "amount_eur": [1.0, 2.0, 10_000_000.0],
        }
    )
    totals = charts.budget_totals_bar(budget)
    assert len(totals.data) == 2
    assert "10,0 mln €" in [t for tr in totals.data for t in tr.text]
    assert len(charts.budget_flow_bar(budget).data) == 3
    projects = pd.DataFrame(
        {
            "cdr_code": ["85", "85"],
            "project_code": ["P1", "P2"],
            "project_name": ["Uno", "Due"],
            "indirizzo": ["I", None],
            "obiettivo_strategico": ["O", "O"],
            "azione": ["A", "A"],
            "budget_eur": [100.0, 50.0],
            "absorption_pct": [50.0, None],
        }
    )
    tree = charts.budget_treemap(projects)
    assert list(tree.data[0].values)[0] == 150.0  # the root holds the whole budget
    assert "#d62728" not in list(tree.data[0].marker.colors)  # no category in red
    assert f"150,00{NBSP}€" in list(tree.data[0].customdata)
    assert len(charts.budget_sunburst(projects).data) == 1
    assert len(charts.project_budget_bar(projects).data) == 1
    staff = pd.DataFrame({"project_code": ["P1", "P2"], "n_people": [2, 1], "fte": [1.5, 0.2]})
    assert list(charts.staff_bar(staff).data[0].y) == ["P2", "P1"]
    weights = pd.DataFrame(
        {
            "label": ["s", "s"],
            "item": ["A", "B"],
            "weight_raw": ["40%", "60%"],
            "weight_pct": [40.0, 60.0],
        }
    )
    assert len(charts.plan_weights_bar(weights).data) == 1
    rules = pd.DataFrame(
        {"check_label": ["X", "Y"], "severity_label": ["errore", "avviso"], "checks_failed": [2, 0]}
    )
    assert list(charts.dq_by_check_bar(rules).data[0].x) == [2]
    years = pd.DataFrame(
        {
            "period_start_year": [2021, 2021],
            "period_end_year": [2023, 2023],
            "year": [2021, 2022],
            "n_targets": [40, 38],
            "n_results": [8, 0],
            "n_results_reached": [5, 0],
        }
    )
    fig = charts.targets_results_by_year(years)
    assert [t.name for t in fig.data] == [
        "Target",
        "Risultati riportati",
        "Risultati che raggiungono il target",
    ]
    series = pd.DataFrame(
        {
            "pair": ["1. x"] * 2, "year": [2021, 2025], "edition": ["2021-2023", "2025-2027"],
            "target_value": [10.0, 12.0], "target_raw": ["10", "12"],
            "actual_value": [9.0, None], "actual_raw": ["9", None],
        }
    )  # fmt: skip
    assert [t.name for t in charts.paired_series_line(series).data] == [
        "1. x: target",
        "1. x: risultato",
    ]


def test_charts_say_so_when_there_is_nothing_to_draw():
    empty = pd.DataFrame()
    assert is_empty(charts.measure_bar(empty, "x", "X"))
    assert is_empty(charts.achievement_bar(empty))
    assert is_empty(charts.enti_by_type_region(empty))
    assert is_empty(charts.documents_by_check_status(empty))
    assert is_empty(charts.dq_status_bar(empty))
    assert is_empty(charts.budget_totals_bar(empty))
    assert is_empty(charts.budget_flow_bar(empty))
    assert is_empty(charts.budget_treemap(empty))
    assert is_empty(charts.budget_sunburst(empty))
    assert is_empty(charts.project_budget_bar(empty))
    assert is_empty(charts.staff_bar(empty))
    assert is_empty(charts.plan_weights_bar(empty))
    assert is_empty(charts.targets_results_by_year(empty))
    assert is_empty(charts.paired_series_line(empty))
    assert is_empty(charts.steps_by_deadline_bar(empty))
    no_values = pd.DataFrame({"label": ["A"], "x": [None]})
    assert is_empty(charts.measure_bar(no_values, "x", "X"))
    all_passed = pd.DataFrame(
        {"check_label": ["Y"], "severity_label": ["avviso"], "checks_failed": [0]}
    )
    assert is_empty(charts.dq_by_check_bar(all_passed))
