"""End to end, every family: figures read off each sample document by a person, checked in
the marts of a real build."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.helpers import RAW

pytestmark = pytest.mark.e2e

ASC21 = "000_e3700703ee819e5c"
ASC25 = "001_873564630502075e"
PIAO = "002_142f2b20942e7c60"
SA = "004_b40c0b7f81374021"


def _one(wh, sql, *params):
    return wh.sql(sql, params=list(params)).fetchall()[0][0]


def test_every_document_is_loaded_with_its_family_and_ente(wh):
    rows = wh.sql(
        "select d.document_id, d.doc_family, e.ente_type, e.province from marts.dim_document d "
        "join marts.dim_ente e using (ente_id) order by 1"
    ).fetchall()
    assert rows == [
        (ASC21, "asc_schede", "ASC", "BO"),
        (ASC25, "asc_schede", "ASC", "BO"),
        (PIAO, "piao", "Unione", "MO"),
        ("003_51402a20550dfbf2", "peg", "Comune", "RE"),
        (SA, "stato_attuazione", "Consorzio", "CN"),
    ]


@pytest.mark.parametrize(
    ("doc", "schede", "actions", "indicators"),
    [
        # 000: Scheda 1-5; AZIONI 4+3+7+2+13; INDICATORI 6+3+9+3+18 rows
        (ASC21, 5, 29, 39),
        # 001: Scheda 1-4; AZIONI 5+4+5+6; INDICATORI 15+9+5+17 rows
        (ASC25, 4, 20, 46),
    ],
)
def test_asc_counts(wh, doc, schede, actions, indicators):
    assert (
        _one(
            wh,
            "select count(*) from marts.dim_objective where document_id = ? and level = 'scheda'",
            doc,
        )
        == schede
    )
    assert (
        _one(
            wh,
            "select count(distinct action_id) from marts.fct_action_year where document_id = ?",
            doc,
        )
        == actions
    )
    assert (
        _one(wh, "select count(*) from marts.dim_indicator where document_id = ?", doc)
        == indicators
    )


def test_asc_2021_targets_and_results(wh):
    # Scheda 1, "Applicazione dell'Isee ...": 80% in 2021, >95% in 2022 and 2023
    rows = wh.sql(
        "select f.year, f.target_raw, f.target_kind, f.target_operator, f.target_value "
        "from marts.fct_indicator_year f join marts.dim_indicator i using (indicator_id) "
        "where i.document_id = ? and i.name like 'Applicazione dell''Isee%' order by f.year",
        params=[ASC21],
    ).fetchall()
    assert rows == [
        (2021, "80%", "percent", "=", 80.0),
        (2022, ">95%", "percent", ">", 95.0),
        (2023, ">95%", "percent", ">", 95.0),
    ]
    # Scheda 2: a result given as text
    assert (
        _one(
            wh,
            "select f.actual_raw from marts.fct_indicator_year f join marts.dim_indicator i "
            "using (indicator_id) where i.document_id = ? "
            "and i.name like 'Verifica dell''impatto%' "
            "and f.year = 2021",
            ASC21,
        )
        == "Risultanze di impatto positivo"
    )
    # action 3 of scheda 1 is an innovation planned in all three years
    planned = wh.sql(
        "select year, planned, is_innovation from marts.fct_action_year where document_id = ? "
        "and objective_id like '%:scheda:1' and action_no = '3' order by year",
        params=[ASC21],
    ).fetchall()
    assert planned == [(2021, True, True), (2022, True, True), (2023, True, True)]


def test_asc_2025_named_responsabili(wh):
    names = {
        r[0]
        for r in wh.sql(
            "select distinct r.name from marts.fct_indicator_year f "
            "join marts.dim_responsabile r using (responsabile_id) "
            "where f.document_id = ? and f.responsabile_source = 'indicatore'",
            params=[ASC25],
        ).fetchall()
    }
    assert names == {"Peri", "Verboschi", "Ferri", "Tonelli", "Vignali"}
    # line 90 "Verboschi Ferri": one row per person per year
    rows = wh.sql(
        "select f.year, r.name from marts.fct_indicator_year f "
        "join marts.dim_responsabile r using (responsabile_id) where f.document_id = ? "
        "and f.source_line = 90 order by f.year, r.name",
        params=[ASC25],
    ).fetchall()
    assert [n for y, n in rows if y == rows[0][0]] == ["Ferri", "Verboschi"]


def test_asc_2025_year_resolution(wh):
    # Scheda 1: "Risparmio gestione automezzi 7,5%" is the 2026 target
    row = wh.sql(
        "select distinct f.year, f.target_kind, f.target_value from marts.fct_indicator_year f "
        "where f.document_id = ? and f.target_raw = 'Risparmio gestione automezzi 7,5%'",
        params=[ASC25],
    ).fetchall()
    assert row == [(2026, "percent", 7.5)]
    # Scheda 2's INDICATORI header says 2025, 2025, 2026: resolved to 2024-2026
    years = wh.sql(
        "select distinct f.year from marts.fct_indicator_year f join marts.dim_indicator i "
        "using (indicator_id) where i.objective_id = ? order by 1",
        params=[f"{ASC25}:scheda:2"],
    ).fetchall()
    assert [y for (y,) in years] == [2024, 2025, 2026]


def test_piao_weights_objectives_and_indicators(wh):
    weights = wh.sql(
        "select item, weight_pct from marts.fct_plan_weight where document_id = ? order by item",
        params=[PIAO],
    ).fetchall()
    assert weights == [
        ("Performance organizzativa di area", Decimal("50.0000")),
        ("Performance organizzativa di ente", Decimal("50.0000")),
    ]
    text = (RAW / f"{PIAO}.txt").read_text(encoding="utf-8")
    operativi = len(re.findall(r"^OBIETTIVO(?::| PERSEGUIRE)", text, flags=re.M))
    assert operativi == 48
    assert (
        _one(
            wh,
            "select count(*) from marts.dim_objective "
            "where document_id = ? and level = 'operativo'",
            PIAO,
        )
        == operativi
    )
    standards = dict(
        wh.sql(
            "select i.name, f.target_raw from marts.dim_indicator i "
            "join marts.fct_indicator_year f using (indicator_id) where i.document_id = ? "
            "and i.name like 'Emissione de%'",
            params=[PIAO],
        ).fetchall()
    )
    assert standards == {
        "Emissione delle reversali di incasso": "≥ 2.400",
        "Emissione dei mandati di pagamento": "≥ 4.000",
    }
    # the disability objective sits under MISSIONE 12 - PROGRAMMA 2
    row = wh.sql(
        "select missione, programma, programma_name from marts.dim_objective "
        "where document_id = ? "
        "and title like 'CONSOLIDAMENTO DELLA RETE DEI SERVIZI PER DISABILI%'",
        params=[PIAO],
    ).fetchall()
    assert row == [("12", "02", "INTERVENTI PER LA DISABILITÀ")]


def test_piao_responsabili_names_are_normalised(wh):
    names = {
        n
        for (n,) in wh.sql(
            "select name from marts.dim_responsabile where ente_id = 'unione-comuni-del-sorbara' "
            "and kind = 'persona'"
        ).fetchall()
    }
    # "dott. Luigino BOARIN", "Comandante dott. Luca DI NIQUILI", "geom. Roberto CREMONINI"
    assert {"Luigino Boarin", "Luca Di Niquili", "Roberto Cremonini"} <= names
    assert not [n for n in names if re.search(r"\b(dott|Ing|geom|Isp)\.", n)]


def test_stato_di_attuazione_objectives_weights_and_steps(wh):
    levels = dict(
        wh.sql(
            "select level, count(*) from marts.dim_objective where document_id = ? group by 1",
            params=[SA],
        ).fetchall()
    )
    assert levels == {"performance": 6, "peg": 12}
    # incidences: A 5, B 10, C 5, D 5, E 10 (inside its title cell), F 5, PEG 1-12 5 each
    weights = dict(
        wh.sql(
            "select item_key, weight_pct from marts.fct_plan_weight where document_id = ?",
            params=[SA],
        ).fetchall()
    )
    assert weights["performance:E"] == Decimal("10.0000")
    assert weights["peg:2"] == Decimal("5.0000")
    assert sum(weights.values()) == Decimal("100")
    # 168 step lines in the two step tables = 84 steps
    assert _one(wh, "select count(*) from marts.fct_objective_step where document_id = ?", SA) == 84
    a3 = wh.sql(
        "select weight_in_objective_pct, weight_in_year_pct, deadline, achievement_pct "
        "from marts.fct_objective_step where document_id = ? and step_code = 'A.3'",
        params=[SA],
    ).fetchall()
    assert [(w1, w2, str(d)) for w1, w2, d, _ in a3] == [
        (Decimal("30.0000"), Decimal("43.0000"), "2020-09-30")
    ]


def test_every_line_of_every_document_is_accounted_for(wh):
    rows = wh.sql(
        "select document_id, lines_total, lines_blank + lines_mapped + lines_boilerplate "
        "+ lines_unparsed, coverage_pct from audit.document_coverage "
        "qualify row_number() over (partition by document_id order by run_id desc) = 1"
    ).fetchall()
    assert len(rows) == 5
    for doc, total, accounted, coverage in rows:
        assert total == accounted, doc
        assert coverage >= 99.5, doc
