"""Measures and chart builders on small frames, without Streamlit and without a warehouse."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboards import (
    assessment,
    catalogue,
    charts,
    compare,
    exports,
    fmt,
    matching,
    quality,
    trends,
)
from dashboards.assessment import assess_result
from dashboards.exports import Section

# --- formatting ----------------------------------------------------------------------------


def test_italian_formatting():
    assert fmt.fmt_number(1234567.891, 2) == "1.234.567,89"
    assert fmt.fmt_euro(9422128.07) == "€ 9.422.128,07"
    assert fmt.fmt_pct(98.6419) == "98,6%"
    assert fmt.fmt_number(None) == "—"
    assert fmt.fmt_pct(float("nan")) == "—"
    assert fmt.tidy_number_text("97.3500") == "97.35"
    assert fmt.tidy_number_text("100.0000") == "100"
    assert fmt.tidy_number_text("2025-2027") == "2025-2027"
    assert fmt.tidy_number_text(None) == ""
    assert fmt.short_name("ASC InSieme (Azienda Speciale Consortile)") == "ASC InSieme"
    assert fmt.short_name("CSSM, Consorzio per i Servizi") == "CSSM"


# --- base counts -> measures ----------------------------------------------------------------


def base_counts() -> pd.DataFrame:
    """Three documents: an ASC with two editions and a Comune."""
    rows = [
        {
            "document_id": "a1",
            "ente_id": "asc",
            "ente_name": "ASC Uno (Azienda)",
            "ente_type": "ASC",
            "period_start_year": 2021,
            "period_end_year": 2023,
            "n_objectives": 5,
            "n_indicators": 10,
            "n_targets": 20,
            "n_targets_number": 10,
            "n_targets_percent": 4,
            "n_targets_date": 0,
            "n_targets_boolean": 4,
            "n_targets_text": 2,
            "n_indicators_with_target": 10,
            "n_indicators_with_result": 5,
            "n_objectives_weighted": 0,
        },
        {
            "document_id": "a2",
            "ente_id": "asc",
            "ente_name": "ASC Uno (Azienda)",
            "ente_type": "ASC",
            "period_start_year": 2025,
            "period_end_year": 2027,
            "n_objectives": 5,
            "n_indicators": 10,
            "n_targets": 20,
            "n_targets_number": 2,
            "n_targets_percent": 2,
            "n_targets_date": 1,
            "n_targets_boolean": 0,
            "n_targets_text": 15,
            "n_indicators_with_target": 10,
            "n_indicators_with_result": 0,
            "n_objectives_weighted": 0,
        },
        {
            "document_id": "c1",
            "ente_id": "com",
            "ente_name": "Comune di Prova, Area",
            "ente_type": "Comune",
            "period_start_year": 2021,
            "period_end_year": 2021,
            "n_objectives": 4,
            "n_indicators": 8,
            "n_targets": 8,
            "n_targets_number": 8,
            "n_targets_percent": 0,
            "n_targets_date": 0,
            "n_targets_boolean": 0,
            "n_targets_text": 0,
            "n_indicators_with_target": 8,
            "n_indicators_with_result": 0,
            "n_objectives_weighted": 2,
            "spese_eur": 1000.0,
            "spese_investimento_eur": 250.0,
            "entrate_eur": 500.0,
            "n_staff": 3,
            "staff_fte": 2.5,
        },
    ]
    return pd.DataFrame(rows)


def steps_frame() -> pd.DataFrame:
    """Two objectives: A fully done; B with a step at half of its weight and one due later."""
    return pd.DataFrame(
        {
            "document_id": ["s"] * 5,
            "objective_id": ["s:A", "s:A", "s:B", "s:B", "s:B"],
            "objective_code": ["A", "A", "B", "B", "B"],
            "objective_title": ["Alfa", "Alfa", "Beta", "Beta", "Beta"],
            "objective_weight_pct": [10.0, 10.0, 30.0, 30.0, 30.0],
            "step_code": ["A.1", "A.2", "B.1", "B.2", "B.3"],
            "weight_in_year_pct": [40.0, 60.0, 50.0, 50.0, None],
            "achievement_pct": [40.0, 60.0, 50.0, 25.0, None],
        }
    )


def test_step_achievement_uses_points_of_the_year_weight():
    per_obj = assessment.step_achievement(steps_frame()).set_index("objective_code")
    assert per_obj.loc["A", "achievement_pct"] == pytest.approx(100.0)
    # B.2 reached 25 points of its 50: half done -> (50*1 + 50*0.5) / 100 = 75%
    assert per_obj.loc["B", "achievement_pct"] == pytest.approx(75.0)
    assert per_obj.loc["B", "steps"] == 3 and per_obj.loc["B", "steps_in_year"] == 2
    # weighted by incidence: (10*100 + 30*75) / 40
    assert assessment.overall_achievement(per_obj.reset_index()) == pytest.approx(81.25)
    assert assessment.overall_achievement(pd.DataFrame()) is None


def test_results_against_targets():
    assert assess_result({"target_kind": "boolean", "actual_value": 100.0}) is True
    assert assess_result({"target_kind": "boolean", "actual_raw": "Sì, concluso"}) is True
    assert assess_result({"target_kind": "boolean", "actual_raw": "no"}) is False
    assert assess_result({"target_kind": "boolean", "actual_raw": "Relazione"}) is None
    row = {"target_kind": "percent", "target_value": 95.0, "target_operator": ">"}
    assert assess_result({**row, "actual_value": 96.0}) is True
    assert assess_result({**row, "actual_value": 95.0}) is False
    row = {"target_kind": "number", "target_value": 10.0, "target_operator": "<="}
    assert assess_result({**row, "actual_value": 12.0}) is False
    assert assess_result({"target_kind": "number", "target_value": 2.0, "actual_value": 3.0})
    assert assess_result({"target_kind": "text", "actual_raw": "fatto"}) is None
    counts = assessment.result_counts(
        pd.DataFrame(
            {
                "document_id": ["a1", "a1", "a1"],
                "target_kind": ["boolean", "boolean", "number"],
                "target_operator": ["=", "=", ">="],
                "target_value": [1.0, 1.0, 5.0],
                "actual_raw": ["100%", "testo", "3"],
                "actual_value": [100.0, None, 3.0],
            }
        )
    ).set_index("document_id")
    assert counts.loc["a1", "n_results_assessable"] == 2
    assert counts.loc["a1", "n_results_reached"] == 1


def test_unit_measures_per_ente_document_and_type():
    base = base_counts()
    enti = compare.unit_measures(base, level="ente").set_index("unit")
    assert enti.loc["asc", "label"] == "ASC Uno"
    assert enti.loc["asc", "n_targets"] == 40
    assert enti.loc["asc", "pct_measurable"] == pytest.approx(23 / 40 * 100)
    assert enti.loc["asc", "pct_text"] == pytest.approx(17 / 40 * 100)
    assert enti.loc["asc", "pct_indicators_with_result"] == pytest.approx(25.0)
    assert enti.loc["com", "pct_investimenti"] == pytest.approx(25.0)
    assert enti.loc["com", "pct_entrate_su_spese"] == pytest.approx(50.0)
    assert enti.loc["com", "pct_objectives_weighted"] == pytest.approx(50.0)
    assert pd.isna(enti.loc["asc", "spese_eur"])  # no budget: not applicable, not zero
    assert pd.isna(enti.loc["asc", "n_staff"])
    docs = compare.unit_measures(base, level="document").set_index("unit")
    assert docs.loc["a1", "label"] == "ASC Uno · 2021-2023"
    assert docs.loc["a1", "pct_measurable"] == pytest.approx(90.0)
    assert docs.loc["a2", "pct_measurable"] == pytest.approx(25.0)
    types = compare.unit_measures(base, level="type")
    assert set(types["unit"]) == {"ASC", "Comune"}
    assert compare.unit_measures(pd.DataFrame()).empty


def test_unit_measures_weighted_achievement():
    base = pd.DataFrame(
        [{"document_id": "s", "ente_id": "cons", "ente_name": "Consorzio", "ente_type": "Consorzio",
          "period_start_year": 2020, "period_end_year": 2022, "n_objectives": 2}]
    )  # fmt: skip
    units = compare.unit_measures(base, steps=steps_frame(), level="ente")
    assert units.iloc[0]["weighted_achievement"] == pytest.approx(81.25)
    assert pd.isna(units.iloc[0]["pct_measurable"])  # no targets at all


def test_peer_stats_ranking_and_side_by_side():
    units = compare.unit_measures(base_counts(), level="document")
    stats = compare.peer_stats(units, ["pct_measurable"]).iloc[0]
    assert stats["n"] == 3
    assert stats["median"] == pytest.approx(90.0)
    assert stats["min"] == pytest.approx(25.0) and stats["max"] == pytest.approx(100.0)
    ranking = compare.ranking(units, "pct_measurable")
    assert list(ranking["Unità"]) == [
        "Comune di Prova · 2021",
        "ASC Uno · 2021-2023",
        "ASC Uno · 2025-2027",
    ]
    assert list(ranking["Posizione"]) == ["1", "2", "3"]
    assert ranking.iloc[1]["Scarto dalla mediana"] == "0,0%"
    # lower is better for text-only targets
    assert compare.ranking(units, "pct_text").iloc[0]["Unità"] == "Comune di Prova · 2021"
    # a unit without a value comes last, unranked
    spend = compare.ranking(units, "spese_eur")
    assert spend.iloc[0]["Spese (€)"] == "€ 1.000,00"
    assert list(spend["Posizione"])[1:] == ["—", "—"]
    side = compare.side_by_side(units, ["pct_measurable", "n_targets"])
    assert list(side.columns) == [
        "Misura",
        "ASC Uno · 2021-2023",
        "ASC Uno · 2025-2027",
        "Comune di Prova · 2021",
        "Mediana",
        "Min – max",
        "Definizione",
    ]
    side = side.set_index("Misura")  # rows follow the catalogue's order
    assert list(side.index) == ["Target (indicatore × anno)", "Target misurabili (%)"]
    assert side.loc["Target misurabili (%)", "Mediana"] == "90,0%"
    assert side.loc["Target misurabili (%)", "Definizione"].startswith("Quota dei target")
    shares = compare.target_kind_shares(units)
    asc1 = shares[shares["label"] == "ASC Uno · 2021-2023"].set_index("kind")
    assert asc1.loc["numero", "share"] == pytest.approx(50.0)
    assert asc1["share"].sum() == pytest.approx(100.0)


def test_every_measure_has_a_definition():
    assert len({m.key for m in catalogue.MEASURES}) == len(catalogue.MEASURES)
    for m in catalogue.MEASURES:
        assert m.label and len(m.definition) > 20, m.key


# --- matching across editions --------------------------------------------------------------


def test_title_normalisation_and_similarity():
    assert matching.normalise_title("Attività dell'Unione: verifica, entro l'anno!") == [
        "attivita",
        "unione",
        "verifica",
    ]
    score, jac, ratio = matching.title_similarity(
        "Numero di nuclei in pronta accoglienza", "Nuclei familiari in pronta accoglienza"
    )
    assert 0 < jac < 1 and 0 < ratio < 1 and score == pytest.approx((jac + ratio) / 2)
    assert matching.title_similarity("uguale titolo", "Uguale   titolo!")[0] == pytest.approx(1.0)
    assert matching.title_similarity("", "qualcosa") == (0.0, 0.0, 0.0)
    assert matching.is_identifier_code("M_8501_1_1")
    assert not matching.is_identifier_code("3")
    assert not matching.is_identifier_code(None)


def test_match_indicators_by_code_then_by_title_one_to_one():
    left = pd.DataFrame(
        {
            "indicator_id": ["l1", "l2", "l3", "l4"],
            "code": ["M_1", "1", "2", None],
            "name": [
                "Qualcosa di diverso",
                "Numero di utenti in carico al servizio sociale",
                "Numero di utenti in carico al servizio",
                "Festa di primavera",
            ],
        }
    )
    right = pd.DataFrame(
        {
            "indicator_id": ["r1", "r2", "r3"],
            "code": ["M_1", "1", "9"],
            "name": [
                "Titolo cambiato del tutto",
                "Numero utenti in carico al servizio sociale",
                "Bilancio di genere",
            ],
        }
    )
    m = matching.match_indicators(left, right, threshold=0.5)
    pairs = dict(zip(m["indicator_id_a"], m["indicator_id_b"], strict=True))
    assert pairs["l1"] == "r1"  # same identifier code, whatever the title
    assert m.set_index("indicator_id_a").loc["l1", "method"] == "codice"
    assert pairs["l2"] == "r2"  # best title, ordinal code '1' ignored
    assert "l3" not in pairs  # r2 is taken: one-to-one
    assert "l4" not in pairs
    assert (m.loc[m["method"] == "titolo", "score"] >= 0.5).all()
    assert matching.match_indicators(left, right.iloc[0:0]).empty


def test_matched_targets_and_texts():
    years = pd.DataFrame(
        {
            "indicator_id": ["l2", "l2", "r2", "r2"],
            "year": [2021, 2022, 2025, 2026],
            "target_raw": ["10", "12", "15", "20 utenti"],
            "target_kind": ["number"] * 4,
            "target_value": [10.0, 12.0, 15.0, 20.0],
            "actual_raw": [None, None, None, None],
            "period_start_year": [2021, 2021, 2025, 2025],
            "period_end_year": [2023, 2023, 2027, 2027],
            "document_id": ["a1", "a1", "a2", "a2"],
        }
    )
    matches = pd.DataFrame(
        [{"indicator_id_a": "l2", "indicator_id_b": "r2", "name_a": "x", "name_b": "Utenti",
          "code_a": None, "code_b": None, "method": "titolo", "score": 0.8, "jaccard": 0.7,
          "ratio": 0.9}]
    )  # fmt: skip
    assert trends.targets_text(years, "r2") == "2025: 15 · 2026: 20 utenti"
    long = trends.matched_numeric_targets(matches, years)
    assert len(long) == 4 and set(long["edition"]) == {"2021-2023", "2025-2027"}
    table = trends.matches_table(matches, years)
    assert table.iloc[0]["Target (prima edizione)"] == "2021: 10 · 2022: 12"
    summary = trends.year_summary(years).set_index("Anno")
    assert summary.loc[2021, "Target"] == 1 and summary.loc[2021, "Misurabili (%)"] == 100.0
    by_year = trends.targets_by_year(years)
    assert set(by_year["document"]) == {"2021-2023", "2025-2027"}


# --- summaries, exports, quality -----------------------------------------------------------


def test_summary_markdown_and_html():
    table = pd.DataFrame({"Misura": ["Target <misurabili>"], "Valore": ["90|0%"]})
    sections = [
        Section("Misure", ["Testo & note"], table),
        Section("Vuota", [], table[:0]),
    ]
    md = exports.summary_markdown("Titolo", sections, "piede")
    assert md.startswith("# Titolo")
    assert "| Misura | Valore |" in md and "90\\|0%" in md
    assert "_(nessun dato)_" in md
    html = exports.summary_html("Titolo", sections, "piede")
    assert "&lt;misurabili&gt;" in html and "Testo &amp; note" in html
    assert "@media print" in html and "<table" in html


def test_csv_and_xlsx_exports():
    df = pd.DataFrame(
        {
            "Indicatore": ["Attività è", None],
            "Anno": pd.array([2021, None], dtype="Int64"),
            "Vuota": [None, None],
            "Data": pd.to_datetime(["2021-06-30", None]).tz_localize("Europe/Rome"),
        }
    )
    csv = exports.to_csv_bytes(df)
    assert csv.startswith(b"\xef\xbb\xbf") and "Attività è".encode() in csv
    wb = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(df, "Indicatori")))
    ws = wb["Indicatori"]
    assert [c.value for c in ws[1]] == ["Indicatore", "Anno", "Vuota", "Data"]
    assert ws["A2"].value == "Attività è" and ws["B2"].value == 2021


def test_quality_helpers():
    counts = {"passed": 10, "warnings": 2, "errors": 1, "total": 13}
    assert quality.dq_status_line(counts) == "Controlli: 10 superati, 2 avvisi, 1 errori"
    assert "nessun controllo" in quality.dq_status_line({"total": 0})
    assert quality.check_label("peg_subtotal_equals_rows_pct").startswith("Subtotale")
    assert quality.check_label("a_new_rule") == "a new rule"
    dq = pd.DataFrame(
        {
            "passed": [False],
            "severity": ["error"],
            "document_id": ["d"],
            "source_file": ["d.txt"],
            "check_name": ["peg_subtotal_equals_rows_pct"],
            "subject_key": ['CDR 85 / Totale Obiettivo "Sanità e Welfare" (line 47) / %'],
            "observed": ["97.3500"],
            "expected": ["100.0000"],
            "difference": [2.65],
            "tolerance": [0.045],
            "description": ["..."],
        }
    )
    row = quality.dq_table(dq, {"d": "Comune · 2021"}).iloc[0]
    assert (row["Documento"], row["Osservato"], row["Atteso"]) == ("Comune · 2021", "97.35", "100")
    assert row["Gravità"] == "errore" and row["Esito"] == "non superato"
    docs = pd.DataFrame(
        {
            "document_id": ["a", "b", "c"],
            "ente_name": ["Ente A, x", "Ente B", "Ente C"],
            "doc_title": ["Piano A", "Piano B", "Piano C"],
            "period_start_year": [2021, 2022, 2023],
            "period_end_year": [2021, 2024, 2023],
            "source_file": ["a.txt", "b.txt", "c.txt"],
        }
    )
    assert quality.source_line(docs[:1]) == "Fonte: Piano A (2021, file a.txt)"
    assert quality.source_line(docs).startswith(
        "Fonte: 3 documenti (Ente A 2021, Ente B 2022-2024, "
    )
    assert quality.source_line(docs[:0]) == "Fonte: nessun documento"


# --- chart builders ------------------------------------------------------------------------


def is_empty(fig: go.Figure) -> bool:
    return len(fig.data) == 0 and len(fig.layout.annotations) == 1


def test_charts_draw_small_frames():
    units = compare.unit_measures(base_counts(), level="ente")
    fig = charts.measure_bar(units, "pct_measurable", "Target misurabili (%)", "pct")
    assert len(fig.data) == 1 and len(fig.data[0].x) == 2
    assert any("mediana" in a.text for a in fig.layout.annotations)
    assert len(charts.target_kind_share_bar(compare.target_kind_shares(units)).data) >= 2
    per_obj = assessment.step_achievement(steps_frame())
    fig = charts.achievement_bar(per_obj, assessment.overall_achievement(per_obj))
    assert list(fig.data[0].y) == pytest.approx([100.0, 75.0])
    enti = pd.DataFrame(
        {"ente_id": ["a", "b"], "ente_type": ["ASC", "Comune"], "region": ["ER", "ER"]}
    )
    assert len(charts.enti_by_type_region(enti).data) == 1
    docs = pd.DataFrame(
        {
            "label": ["A", "B"],
            "lines_mapped": [10, 20],
            "lines_boilerplate": [1, 2],
            "lines_unparsed": [0, 1],
            "checks_passed": [5, 6],
            "warnings_failed": [0, 1],
            "errors_failed": [1, 0],
        }
    )
    assert len(charts.coverage_bar(docs).data) == 3
    assert len(charts.dq_status_bar(docs).data) == 3
    budget = pd.DataFrame(
        {
            "cdr_code": ["85", "85", "87"],
            "flow": ["entrata", "spesa", "spesa"],
            "nature": ["corrente", "investimento", "corrente"],
            "amount_eur": [1.0, 2.0, 3.0],
        }
    )
    assert len(charts.budget_totals_bar(budget).data) == 2
    assert len(charts.budget_flow_bar(budget).data) == 3
    projects = pd.DataFrame(
        {
            "cdr_code": ["85", "85"],
            "project_code": ["P1", "P2"],
            "project_name": ["Uno", "Due"],
            "indirizzo": ["I", None],
            "obiettivo_strategico": ["O", "O"],
            "azione": ["A", "A"],
            "budget_eur": [100.0, None],
            "absorption_pct": [50.0, None],
        }
    )
    assert len(charts.budget_treemap(projects).data) == 1
    assert len(charts.budget_sunburst(projects).data) == 1
    assert len(charts.project_budget_bar(projects).data) == 1
    staff = pd.DataFrame({"project_code": ["P1", "P2"], "persone": [2, 1], "fte": [1.5, 0.2]})
    assert list(charts.staff_bar(staff).data[0].y) == ["P2", "P1"]
    weights = pd.DataFrame(
        {
            "document_id": ["s", "s"],
            "weight_group": ["incidenza", "incidenza"],
            "item": ["A", "B"],
            "weight_raw": ["40%", "60%"],
            "weight_pct": [40.0, 60.0],
        }
    )
    assert len(charts.plan_weights_bar(weights).data) == 1
    dq = pd.DataFrame(
        {
            "passed": [False, True, False],
            "check_name": ["x", "y", "x"],
            "check_label": ["X", "Y", "X"],
            "severity_label": ["errore", "avviso", "errore"],
        }
    )
    assert list(charts.dq_by_check_bar(dq).data[0].x) == [2]


def test_charts_say_so_when_there_is_nothing_to_draw():
    empty = pd.DataFrame()
    assert is_empty(charts.measure_bar(empty, "x", "X"))
    assert is_empty(charts.achievement_bar(empty))
    assert is_empty(charts.enti_by_type_region(empty))
    assert is_empty(charts.dq_status_bar(empty))
    assert is_empty(charts.budget_totals_bar(empty))
    assert is_empty(charts.budget_flow_bar(empty))
    assert is_empty(charts.budget_treemap(empty))
    assert is_empty(charts.budget_sunburst(empty))
    assert is_empty(charts.project_budget_bar(empty))
    assert is_empty(charts.staff_bar(empty))
    assert is_empty(charts.plan_weights_bar(empty))
    assert is_empty(charts.targets_by_year_bar(empty))
    assert is_empty(charts.matched_targets_line(empty))
    assert is_empty(charts.steps_by_deadline_bar(empty))
    assert is_empty(charts.dq_by_check_bar(empty))
    no_values = pd.DataFrame({"label": ["A"], "x": [None]})
    assert is_empty(charts.measure_bar(no_values, "x", "X"))
    all_passed = pd.DataFrame(
        {"passed": [True], "check_name": ["y"], "check_label": ["Y"], "severity_label": ["avviso"]}
    )
    assert is_empty(charts.dq_by_check_bar(all_passed))
