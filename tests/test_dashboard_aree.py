"""The Aree di intervento page and the area filter of Confronto and Andamento, rendered with
AppTest on the sample warehouse. The figures the pages show are checked against the warehouse
read by another route (dim_objective, dim_indicator, fct_budget_capitolo, the raw PEG), not
against the marts the pages read."""

from __future__ import annotations

import json

import pytest

from tests.conftest import RAW
from tests.test_dashboard_apptest import NBSP, PEG, frame_with, markdown_text, open_page

pytestmark = pytest.mark.e2e

REGGIO = "comune-di-reggio-emilia"
ASC = "asc-insieme"


def pct(value: float) -> str:
    """12.345 -> '12,3 %' (what the page writes)."""
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


def objective_shares(wh, area: str) -> dict[str, tuple[int, int]]:
    """Per ente: objectives whose primary area is ``area``, and all its objectives (any level),
    counted on dim_objective."""
    rows = wh.sql(
        "select ente_id, count(*) filter (where policy_area = ?) as n, count(*) as total "
        "from marts.dim_objective group by ente_id",
        params=[area],
    ).fetchall()
    return {e: (int(n), int(t)) for e, n, t in rows}


def spending(wh, ente_id: str, area: str) -> tuple[float, float]:
    """PEG spending of the budget lines listed under the area's projects, and all spending,
    from fct_budget_capitolo and the projects' areas in dim_objective."""
    in_area, total = wh.sql(
        "select sum(b.amount_eur) filter (where o.policy_area = ?), sum(b.amount_eur) "
        "from marts.fct_budget_capitolo b left join marts.dim_objective o "
        "on o.objective_id = b.document_id || ':progetto:' || b.project_code "
        "where b.ente_id = ? and b.flow = 'spesa'",
        params=[area, ente_id],
    ).fetchall()[0]
    return float(in_area or 0), float(total)


def median(values: list[float]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# --- Aree di intervento ----------------------------------------------------------------------


def test_aree_answers_how_much_of_each_plan_and_budget_is_about_disability(app, wh):
    shares = objective_shares(wh, "12.02")
    assert shares[REGGIO] == (11, 213)
    in_area, total = spending(wh, REGGIO, "12.02")
    assert in_area == 500_000.00 and round(100 * in_area / total, 1) == 2.7

    at = open_page(app, "views/aree.py")
    assert at.selectbox(key="aree_area").value == "12.02"  # disabilità by default
    metrics = {m.label: m.value for m in at.metric}
    with_objectives = sum(1 for n, _ in shares.values() if n > 0)
    assert metrics["Enti con obiettivi nell'area"] == f"{with_objectives} su {len(shares)}"
    peer_median = median([100 * n / t for n, t in shares.values()])
    assert metrics["Mediana della quota di obiettivi"] == pct(peer_median) == f"4,2{NBSP}%"

    # every ente, ready rows: objectives in the area, of the plan, share, spending, share
    enti = frame_with(at, "Quota degli obiettivi").set_index("Ente")
    assert len(enti) == len(shares)
    reggio = enti.loc["Comune di Reggio Emilia"]
    assert reggio["Obiettivi nell'area"] == "11"
    assert reggio["Obiettivi del piano"] == "213"
    assert reggio["Quota degli obiettivi"] == f"5,2{NBSP}%"
    assert reggio["Spesa nell'area (€)"] == f"500.000,00{NBSP}€"
    assert (
        reggio["Spese del PEG (€)"]
        == f"18.689.601,33{NBSP}€"
        == (f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + f"{NBSP}€")
    )
    assert reggio["Quota della spesa"] == f"2,7{NBSP}%"
    assert enti.loc["CSSM", "Quota degli obiettivi"] == pct(100 * 2 / 18)
    assert enti.loc["ASC InSieme", "Obiettivi nell'area"] == "0"
    assert enti.loc["ASC InSieme", "Spesa nell'area (€)"] == "—"  # no budget: not zero

    # the ente with most disability objectives is described in words
    assert at.selectbox(key="aree_ente").value == REGGIO
    text = markdown_text(at)
    assert (
        f"Comune di Reggio Emilia: 11 obiettivi su 213 (5,2{NBSP}%) riguardano l'area "
        f"«Disabilità», sopra la mediana degli enti (4,2{NBSP}%)."
    ) in text
    assert f"All'area vanno 500.000,00{NBSP}€ di spesa, il 2,7{NBSP}% delle spese del PEG" in text
    assert metrics["Obiettivi nell'area"] == "11 su 213"
    assert metrics["Spesa nell'area"] == f"500.000,00{NBSP}€"
    assert metrics["Quota della spesa"] == f"2,7{NBSP}%"


def test_aree_drill_down_lists_objectives_indicators_and_budget_lines(app, wh):
    at = open_page(app, "views/aree.py")
    titles = {
        r[0]
        for r in wh.sql(
            "select title from marts.dim_objective where ente_id = ? and policy_area = '12.02'",
            params=[REGGIO],
        ).fetchall()
    }
    objectives = frame_with(at, "Come è assegnata")
    assert set(objectives["Obiettivo"]) == titles and len(objectives) == 11
    assert set(objectives["Area"]) == {"principale"}
    row = objectives.set_index("Codice").loc["2021_OB_8501_4"]
    assert row["Fonte"] == f"fonte?doc={PEG}&riga=141" and row["Riga"] == "141"
    assert row["Come è assegnata"] == "regola – indicatore: dopo di noi; titolo: disabilita"
    inherited = objectives.set_index("Codice").loc["2021_OB_8545_1", "Come è assegnata"]
    assert inherited.startswith("ereditato dall'obiettivo superiore: «Erogazione buoni taxi")

    n_indicators = wh.sql(
        "select count(*) from marts.dim_indicator where ente_id = ? and policy_area = '12.02'",
        params=[REGGIO],
    ).fetchall()[0][0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Indicatori"] == str(n_indicators) == "9"
    indicators = frame_with(at, "Target (come scritto)")
    assert len(indicators) == 9
    taxi = indicators[indicators["Indicatore"].str.startswith("Cittadini a cui vengono erogati")]
    assert list(taxi["Target (come scritto)"]) == ["30"] and list(taxi["Riga"]) == ["1325"]

    # the budget line of the area, as the PEG prints it on line 2046
    peg_line = (RAW / f"{PEG}.txt").read_text(encoding="utf-8").splitlines()[2045]
    assert "31453" in peg_line and "500.000,00" in peg_line
    lines = frame_with(at, "Capitolo")
    spesa = lines[lines["Flusso"] == "spesa"].iloc[0]
    assert spesa["Capitolo"] == "31453" and spesa["Riga"] == "2046"
    assert spesa["Importo (€)"] == f"500.000,00{NBSP}€"
    assert spesa["Fonte"] == f"fonte?doc={PEG}&riga=2046"

    # with the secondary area: the objectives and indicators that name disability too
    n_secondary = wh.sql(
        "select count(*) from marts.dim_objective where ente_id = ? "
        "and policy_area_secondary = '12.02'",
        params=[REGGIO],
    ).fetchall()[0][0]
    at.toggle(key="aree_secondary").set_value(True).run()
    assert not at.exception
    objectives = frame_with(at, "Come è assegnata")
    assert len(objectives) == 11 + n_secondary
    assert any(a.startswith("secondaria (principale: ") for a in objectives["Area"])


def test_aree_an_ente_with_disability_only_as_secondary_area(app, wh):
    secondary = wh.sql(
        "select count(*) from marts.dim_indicator where ente_id = ? "
        "and policy_area_secondary = '12.02'",
        params=[ASC],
    ).fetchall()[0][0]
    assert secondary == 5
    at = open_page(app, "views/aree.py")
    at.selectbox(key="aree_ente").set_value(ASC).run()
    assert not at.exception
    text = markdown_text(at)
    assert "Nessuno dei 9 obiettivi di ASC InSieme ha «Disabilità» come area principale" in text
    assert "5 indicatori hanno «Disabilità» come area secondaria" in text
    assert "non riportano un bilancio per capitoli" in text
    assert any("Nessun obiettivo di questo ente" in i.value for i in at.info)
    at.toggle(key="aree_secondary").set_value(True).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Indicatori"] == "5"


def test_aree_matrix_and_another_area(app, wh):
    at = open_page(app, "views/aree.py")
    matrix = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    cells = dict(zip(matrix["y"], matrix["text"], strict=True))
    column = matrix["x"].index("Disabilità")
    assert cells["Comune di Reggio Emilia"][column] == f"5,2{NBSP}%"
    assert cells["Mediana degli enti"][column] == f"4,2{NBSP}%"
    # every area of an ente adds up to its whole plan: the 12 cells of a row
    elderly = objective_shares(wh, "12.03")
    anziani = matrix["x"].index("Anziani")
    n, total = elderly[REGGIO]
    assert cells["Comune di Reggio Emilia"][anziani] == pct(100 * n / total)

    at.selectbox(key="aree_area").set_value("12.03").run()
    assert not at.exception
    enti = frame_with(at, "Quota degli obiettivi").set_index("Ente")
    assert enti.loc["Comune di Reggio Emilia", "Obiettivi nell'area"] == str(n)
    assert enti.loc["CSSM", "Obiettivi nell'area"] == str(elderly["cssm-consorzio-monregalese"][0])
    in_area, total_spese = spending(wh, REGGIO, "12.03")
    assert enti.loc["Comune di Reggio Emilia", "Quota della spesa"] == pct(
        100 * in_area / total_spese
    )
    at.radio(key="aree_matrix_value").set_value("spese_eur").run()
    assert not at.exception


# --- area filter on Confronto and Andamento -----------------------------------------------------


def test_confronto_area_filter_counts_only_the_area(app, wh):
    at = open_page(app, "views/confronto.py")
    assert at.selectbox(key="cmp_area").value == ""  # Tutte le aree
    whole = at.table[0].value.set_index("Misura")
    assert whole.loc["Obiettivi", "Comune di Reggio Emilia"] == "213"

    at.selectbox(key="cmp_area").set_value("12.02").run()
    assert not at.exception
    assert any(
        i.value.startswith("Area «Disabilità»: le cifre contano solo gli obiettivi e gli "
                           "indicatori che hanno quest'area come area principale")
        for i in at.info
    )  # fmt: skip
    area = at.table[0].value.set_index("Misura")
    assert "Obiettivi" not in area.index
    assert area.loc["Obiettivi nell'area", "Comune di Reggio Emilia"] == "11"
    assert area.loc["Quota degli obiettivi del piano (%)", "CSSM"] == pct(100 * 2 / 18)
    assert area.loc["Quota degli obiettivi del piano (%)", "Mediana"] == f"4,2{NBSP}%"
    n_ind = wh.sql(
        "select count(*) from marts.dim_indicator where ente_id = ? and policy_area = '12.02'",
        params=["unione-comuni-del-sorbara"],
    ).fetchall()[0][0]
    assert area.loc["Indicatori nell'area", "Unione dei Comuni del Sorbara"] == str(n_ind)
    assert area.loc["Spesa nell'area (€)", "Comune di Reggio Emilia"] == f"500.000,00{NBSP}€"

    at.radio(key="cmp_level").set_value("type").run()
    assert not at.exception
    assert at.table[0].value.set_index("Misura").loc["Obiettivi nell'area", "Comune"] == "11"


def test_andamento_area_filter_restricts_targets_and_editions(app, wh):
    at = open_page(app, "views/andamento.py")
    years = frame_with(at, "Misurabili (%)")
    assert sum(int(v) for v in years["Target"]) == 193  # the whole plans

    at.selectbox(key="and_area").set_value("12.01").run()
    assert not at.exception
    per_doc = dict(
        wh.sql(
            "select document_id, count(*) from marts.dim_indicator "
            "where ente_id = ? and policy_area = '12.01' group by all",
            params=[ASC],
        ).fetchall()
    )
    targets = wh.sql(
        "select count(*) from (select distinct f.indicator_id, f.year from "
        "marts.fct_indicator_year f join marts.dim_indicator i using (indicator_id) "
        "where i.ente_id = ? and i.policy_area = '12.01' and f.target_raw is not null "
        "and f.year is not null)",
        params=[ASC],
    ).fetchall()[0][0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Indicatori dell'area, prima edizione"] == str(
        per_doc.get("000_e3700703ee819e5c", 0)
    )
    assert metrics["Indicatori dell'area, seconda edizione"] == str(per_doc["001_873564630502075e"])
    years = frame_with(at, "Misurabili (%)")
    assert sum(int(v) for v in years["Target"]) == targets < 193
    assert any("La sintesi per il Forum" in i.value for i in at.info)
    editions = at.table[0].value.set_index("Misura")
    assert "Indicatori nell'area" in editions.index

    # the Forum summary stays about the whole plan
    at.toggle(key="and_print").set_value(True).run()
    assert not at.exception
    assert "2 documenti" in markdown_text(at)
