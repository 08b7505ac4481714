"""The Streamlit app rendered headless with AppTest on the sample warehouse: every page, its
main widgets and a few real figures."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP

pytestmark = pytest.mark.e2e

PAGES = {
    "views/panoramica.py": "Panoramica",
    "views/confronto.py": "Confronto tra enti",
    "views/andamento.py": "Andamento",
    "views/aree.py": "Aree di intervento",
    "views/bilancio.py": "Bilancio",
    "views/indicatori.py": "Indicatori",
    "views/ente.py": "Scheda ente",
    "views/qualita.py": "Qualità dei dati",
    "views/novita.py": "Novità",
    "views/documentazione.py": "Documentazione",
    "views/fonte.py": "Documento sorgente",
}
NBSP = "\u00a0"
ENTI_SHORT = {"ASC InSieme", "CSSM", "Comune di Reggio Emilia", "Unione dei Comuni del Sorbara"}
PEG = "003_51402a20550dfbf2"


def open_page(at: AppTest, page: str) -> AppTest:
    at.run()
    at.switch_page(page).run()
    assert not at.exception, (page, [e.message for e in at.exception])
    return at


def frame_with(at: AppTest, column: str):
    """The first st.dataframe on the page that has this column."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no dataframe with column {column!r}")


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


# --- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders(app, page):
    at = open_page(app, page)
    assert at.title[0].value == PAGES[page]
    assert not at.error
    # every page that draws a chart says where its figures come from and their checks
    if at.get("plotly_chart"):
        captions = [c.value for c in at.caption]
        assert any(c.startswith("Fonte:") for c in captions), page
        assert any("Controlli:" in c for c in captions), page


def test_default_page_is_panoramica(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Panoramica"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Enti"] == "4"
    assert metrics["Documenti"] == "5"
    assert metrics["Periodo coperto"] == "2020–2027"
    docs = frame_with(at, "Copertura")
    assert set(docs["Ente"]) == ENTI_SHORT
    assert (docs["Righe non interpretate"] == "0").all()
    assert (docs["Errori"] != "0").sum() == 1  # only the PEG contradicts itself


def test_pages_without_marts_show_a_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANS_MARTS_DIR", str(tmp_path / "nothing"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "make build" in at.warning[0].value
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert any("make build" in w.value for w in at.warning), page


@pytest.mark.parametrize(
    "keep",
    [
        ("dim_ente", "dim_document"),
        ("dim_ente", "dim_document", "dim_indicator", "dim_objective", "fct_indicator_year"),
        ("dim_ente", "dim_document", "fct_project_budget", "audit_dq_results"),
    ],
    ids=["dims-only", "indicators-only", "budget-without-capitoli"],
)
def test_partial_marts_show_messages_not_exceptions(built_warehouse, monkeypatch, tmp_path, keep):
    marts = tmp_path / "marts"
    marts.mkdir()
    for table in keep:
        shutil.copy(built_warehouse / "marts" / f"{table}.parquet", marts)
    monkeypatch.setenv("PLANS_MARTS_DIR", str(marts))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])


# --- Confronto tra enti --------------------------------------------------------------------


def test_confronto_ranking_lists_the_four_enti(app):
    at = open_page(app, "views/confronto.py")
    ranking = frame_with(at, "Posizione")
    assert set(ranking["Unità"]) == ENTI_SHORT
    # share of measurable targets: the Comune's PEG (all numbers and dates) ranks first
    assert ranking.iloc[0]["Unità"] == "Comune di Reggio Emilia"
    assert ranking.iloc[0]["Target misurabili (%)"] == f"100,0{NBSP}%"
    assert ranking.iloc[-1]["Posizione"] == "—"  # the Consorzio has no indicator targets
    side = at.table[0].value
    assert "Definizione" in side.columns and "Mediana" in side.columns
    assert {"ASC InSieme", "CSSM"} <= set(side.columns)


def test_confronto_weighted_achievement_of_the_consorzio(app):
    at = open_page(app, "views/confronto.py")
    at.selectbox(key="cmp_measure").set_value("weighted_achievement").run()
    assert not at.exception
    ranking = frame_with(at, "Posizione")
    assert ranking.iloc[0]["Unità"] == "CSSM"
    assert ranking.iloc[0]["Realizzazione ponderata degli step (%)"] == f"98,6{NBSP}%"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Realizzazione complessiva, ponderata con l'incidenza degli obiettivi"] == (
        f"98,6{NBSP}%"
    )
    per_obj = frame_with(at, "Realizzazione (%)")
    assert len(per_obj) == 18
    assert per_obj.set_index("Obiettivo").loc["5", "Realizzazione (%)"] == f"83,8{NBSP}%"


def test_confronto_by_type_and_by_document(app):
    at = open_page(app, "views/confronto.py")
    at.radio(key="cmp_level").set_value("type").run()
    assert not at.exception
    assert set(frame_with(at, "Posizione")["Unità"]) == {"ASC", "Comune", "Consorzio", "Unione"}
    at.radio(key="cmp_level").set_value("document").run()
    assert not at.exception
    ranking = frame_with(at, "Posizione")
    assert len(ranking) == 5
    values = dict(zip(ranking["Unità"], ranking["Target misurabili (%)"], strict=True))
    assert values["ASC InSieme · 2021-2023"] == f"91,5{NBSP}%"
    assert values["ASC InSieme · 2025-2027"] == f"49,5{NBSP}%"
    at.multiselect(key="cmp_units_document").set_value([]).run()
    assert not at.exception
    assert any("Scegli almeno" in i.value for i in at.info)


# --- Andamento -----------------------------------------------------------------------------


def test_andamento_follows_only_indicators_with_the_same_code_or_confirmed(app):
    at = open_page(app, "views/andamento.py")
    assert at.selectbox(key="and_ente").value == "asc-insieme"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Indicatori prima edizione"] == "39"
    assert metrics["Indicatori seconda edizione"] == "46"
    # the two ASC editions share no identifying code, and no two titles are similar enough
    # with targets of the same kind: nothing is drawn as one series (title pairs such as
    # "nuclei usciti" with "tasso di occupazione" are different indicators)
    assert metrics["Stesso codice"] == "0" and metrics["Da verificare"] == "0"
    assert any("nessuna serie da seguire" in i.value for i in at.info)
    years = frame_with(at, "Misurabili (%)")
    assert {int(a) for a in years["Anno"]} == set(range(2021, 2028))
    # results beside targets, year by year: the 8 results of the 2021-2023 edition
    assert sum(int(v) for v in years["Risultati riportati"]) == 8
    assert sum(int(v) for v in years["Target"]) == 193
    text = markdown_text(at)
    assert "Jaccard" not in text and "difflib" not in text


def test_andamento_printable_summary(app):
    at = open_page(app, "views/andamento.py")
    labels = [b.label for b in at.get("download_button")]
    assert {"Scarica sintesi (PDF)", "Scarica sintesi (HTML)", "Scarica sintesi (Markdown)"} <= set(
        labels
    )
    at.toggle(key="and_print").set_value(True).run()
    assert not at.exception
    text = markdown_text(at)
    assert "# Osservatorio piani – ASC InSieme" in text
    assert "## Andamento anno per anno" in text
    assert "## Indicatori ricorrenti tra le edizioni" in text
    assert "2 documenti" in text and "0 coppie" in text
    assert "## L'ente rispetto agli altri enti" in text  # 3 enti have targets
    assert "Jaccard" not in text


def test_andamento_single_edition_ente(app):
    at = open_page(app, "views/andamento.py")
    at.selectbox(key="and_ente").set_value("cssm-consorzio-monregalese").run()
    assert not at.exception
    assert any("una sola edizione" in i.value for i in at.info)


# --- Bilancio ------------------------------------------------------------------------------


def test_bilancio_shows_the_peg_budget(app):
    at = open_page(app, "views/bilancio.py")
    assert at.selectbox(key="bil_ente").value == "comune-di-reggio-emilia"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["CDR 85"] == f"9.422.128,07{NBSP}€"
    assert metrics["CDR 87"] == f"9.267.473,26{NBSP}€"
    assert metrics["CDR A2"] == "—"  # no project of the area has a budget in the table
    assert metrics["Spese"] == f"18.689.601,33{NBSP}€"
    assert metrics["di cui investimenti"] == f"600.000,00{NBSP}€"
    at.multiselect(key="bil_flow_f").set_value(["spesa"]).run()
    at.multiselect(key="bil_nature_f").set_value(["investimento"]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # entrate and spese are never added together
    assert metrics["Spese selezionate"] == f"600.000,00{NBSP}€"
    assert metrics["Entrate selezionate"] == "—"
    at.radio(key="bil_shape").set_value("Sunburst").run()
    assert not at.exception


def test_bilancio_ente_without_budget(app):
    at = open_page(app, "views/bilancio.py")
    at.selectbox(key="bil_ente").set_value("asc-insieme").run()
    assert not at.exception
    assert any("non ha dati di bilancio" in i.value for i in at.info)


# --- Indicatori ----------------------------------------------------------------------------


def test_indicatori_catalogue_filters_and_exports(app):
    at = open_page(app, "views/indicatori.py")
    table = frame_with(at, "Indicatore")
    assert {"Ente", "Documento", "Anno", "Target (come scritto)", "Risultato"} <= set(table.columns)
    # documents by their title (no hash-like file name), a link to the source line
    assert {"Responsabile", "Documento", "Riga", "Fonte"} <= set(table.columns)
    assert "File" not in table.columns
    labels = [b.label for b in at.get("download_button")]
    assert "Scarica CSV" in labels and "Scarica XLSX" in labels
    at.checkbox(key="ind_results").check().run()
    assert not at.exception
    table = frame_with(at, "Indicatore")
    assert len(table) == 8 and (table["Risultato"] != "—").all()
    at.checkbox(key="ind_results").uncheck().run()
    at.multiselect(key="ind_enti").set_value(["comune-di-reggio-emilia"]).run()
    at.multiselect(key="ind_kinds").set_value(["date"]).run()
    assert not at.exception
    table = frame_with(at, "Indicatore")
    assert int(at.metric[0].value) == 75 and set(table["Tipo di target"]) == {"data"}
    at.text_input(key="ind_q").set_value("nessun indicatore ha questo titolo").run()
    assert not at.exception
    assert any("Nessun indicatore corrisponde" in i.value for i in at.info)


# --- Qualità dei dati ----------------------------------------------------------------------


def test_qualita_lists_the_peg_subtotal_contradiction(app):
    at = open_page(app, "views/qualita.py")
    table = frame_with(at, "Soggetto")
    row = table[table["Soggetto"].str.startswith('CDR 85 / Totale Obiettivo "Sanità e Welfare"')]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["Atteso"] == "100"  # declared in the document
    assert row["Osservato"] == "97,35"  # computed from the project rows, Italian decimals
    assert "(riga 47)" in row["Soggetto"] and "line" not in row["Soggetto"]
    assert row["Riga"] == "47" and row["Fonte"] == f"fonte?doc={PEG}&riga=47"
    assert row["Gravità"] == "errore"
    assert row["Differenza"] == "2,65"
    assert row["Descrizione"].startswith("La % di assorbimento della riga di subtotale")


def test_qualita_filters(app):
    at = open_page(app, "views/qualita.py")
    at.selectbox(key="dq_ente").set_value("cssm-consorzio-monregalese").run()
    assert not at.exception
    table = frame_with(at, "Soggetto")
    assert set(table["Documento"]) == {"CSSM · 2020-2022"}
    at.multiselect(key="dq_severity").set_value(["error"]).run()
    assert not at.exception
    assert any("Nessun controllo non superato" in s.value for s in at.success)


def test_quality_link_filters_on_the_chart_documents(app):
    app.query_params["doc"] = PEG
    at = open_page(app, "views/qualita.py")
    assert at.multiselect(key="dq_docs").value == [PEG]
    table = frame_with(at, "Soggetto")
    assert set(table["Documento"]) == {"Comune di Reggio Emilia · 2021"}


# --- Scheda ente (the original page) --------------------------------------------------------


def test_ente_page_renders_for_every_ente(app, built_warehouse):
    at = open_page(app, "views/ente.py")
    assert len(at.selectbox(key="ente").options) == 4
    enti = duckdb.sql(
        f"select ente_id from read_parquet('{built_warehouse / 'marts' / 'dim_ente.parquet'}')"
    ).fetchall()
    for (ente,) in enti:
        at.selectbox(key="ente").set_value(ente).run()
        assert not at.exception, ente


def test_ente_page_shows_the_peg_budget(app):
    at = open_page(app, "views/ente.py")
    at.selectbox(key="ente").set_value("comune-di-reggio-emilia").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["CDR 85"] == f"9.422.128,07{NBSP}€"
    assert metrics["CDR 87"] == f"9.267.473,26{NBSP}€"
    assert metrics["CDR A2"] == "—"  # as on Bilancio: one definition of a CDR's budget


def test_novita_without_revisions_says_so(app):
    at = open_page(app, "views/novita.py")
    assert "Nessuna modifica registrata" in at.info[0].value


# --- one definition of each count, on every page ---------------------------------------------


def test_targets_and_indicators_agree_between_pages(app):
    at = open_page(app, "views/indicatori.py")
    catalogue = {m.label: m.value for m in at.metric}
    at.switch_page("views/confronto.py").run()
    at.radio(key="cmp_level").set_value("type").run()
    side = at.table[0].value.set_index("Misura")
    by_type = side.loc["Target (indicatore × anno)", ["ASC", "Comune", "Consorzio", "Unione"]]
    assert catalogue["Target"] == "534" == str(sum(int(v) for v in by_type))
    at.switch_page("views/ente.py").run()
    at.selectbox(key="ente").set_value("comune-di-reggio-emilia").run()
    ente = {m.label: m.value for m in at.metric}
    at.switch_page("views/confronto.py").run()
    at.radio(key="cmp_level").set_value("ente").run()
    side = at.table[0].value.set_index("Misura")
    assert ente["Indicatori"] == side.loc["Indicatori", "Comune di Reggio Emilia"] == "261"


def test_scheda_ente_opens_on_objectives_and_shows_budget_only_where_there_is_one(app):
    at = open_page(app, "views/ente.py")
    at.selectbox(key="ente").set_value("asc-insieme").run()
    assert [t.label for t in at.tabs] == ["Obiettivi e indicatori"]
    at.selectbox(key="ente").set_value("comune-di-reggio-emilia").run()
    assert [t.label for t in at.tabs][0] == "Obiettivi e indicatori"
    assert "Budget per CDR e progetto" in [t.label for t in at.tabs]


def test_source_viewer_shows_the_line_and_the_record(app):
    app.query_params["doc"] = PEG
    app.query_params["riga"] = "47"
    at = open_page(app, "views/fonte.py")
    assert at.subheader[0].value == "Piano Esecutivo di Gestione 2021"  # the title, not the file
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'class="hl"' in html and "Totale Obiettivo" in html
    fields = frame_with(at, "Campo")
    values = dict(zip(fields["Campo"], fields["Valore"], strict=True))
    assert values["Budget (€)"] == f"9.173.761,03{NBSP}€"
    assert values["Tipo di riga"] == "Totale obiettivo"


def test_documentazione_serves_the_data_docs(app):
    at = open_page(app, "views/documentazione.py")
    assert any(b.label == "Scarica i Data Docs (zip)" for b in at.get("download_button"))
    assert at.get("iframe"), "the Data Docs page is embedded in the app"
