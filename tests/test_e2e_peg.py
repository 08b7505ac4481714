"""End to end on the PEG of the Comune di Reggio Emilia: a real build (parsers, DuckDB, dbt,
Great Expectations) from data/raw/, checked against figures read off the document."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.helpers import RAW

PEG = "003_51402a20550dfbf2"
PEG_TEXT = (RAW / f"{PEG}.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.e2e


def test_cdr_totals_as_printed(wh):
    # "Totale CDR	9.422.128,07	100,00 %" (line 74) and "9.267.473,26" (line 1574)
    rows = dict(
        wh.sql(
            "select cdr_code, budget_eur from marts.fct_peg_cdr_row "
            "where document_id = ? and row_kind = 'totale_cdr'",
            params=[PEG],
        ).fetchall()
    )
    assert rows["85"] == Decimal("9422128.07")
    assert rows["87"] == Decimal("9267473.26")
    assert rows["A2"] is None  # the A2 table's Totale CDR row is empty


def test_spese_budget_lines_add_up_exactly_to_the_cdr_totals(wh):
    sums = dict(
        wh.sql(
            "select cdr_code, sum(amount_eur) from marts.fct_budget_capitolo "
            "where document_id = ? and flow = 'spesa' group by cdr_code",
            params=[PEG],
        ).fetchall()
    )
    assert sums["85"] == Decimal("9422128.07")
    assert sums["87"] == Decimal("9267473.26")


def test_a_budget_block_read_off_the_document(wh):
    # 2021_PD_8501: Totale 2.453.877,32 entrate correnti, 784.326,70 spese correnti
    rows = dict(
        wh.sql(
            "select flow, sum(amount_eur) from marts.fct_budget_capitolo "
            "where project_code = '2021_PD_8501' group by flow"
        ).fetchall()
    )
    assert rows == {"entrata": Decimal("2453877.32"), "spesa": Decimal("784326.70")}
    inv = wh.sql(
        "select capitolo, articolo, amount_eur from marts.fct_budget_capitolo "
        "where project_code = '2021_PD_8716' and nature = 'investimento'"
    ).fetchall()
    assert inv == [("40086", "02", Decimal("300000.00"))]


def test_project_budget_and_absorption(wh):
    row = wh.sql(
        "select budget_eur, absorption_pct from marts.fct_project_budget "
        "where project_code = '2021_PG_8523'"
    ).fetchall()
    assert row == [(Decimal("2244232.18"), Decimal("23.8200"))]


def test_every_objective_code_of_the_document_appears_once(wh):
    # objective lines look like "2021_OB_8501_1 Title" or "2021_OB_8723_1 **Title**"
    in_doc = set(re.findall(r"^(2021_OB_[0-9A-Z]+_[0-9A-Z]+)\b", PEG_TEXT, flags=re.M))
    assert len(in_doc) > 100
    counts = dict(
        wh.sql(
            "select code, count(*) from marts.dim_objective "
            "where document_id = ? and level = 'operativo' group by code",
            params=[PEG],
        ).fetchall()
    )
    missing = in_doc - set(counts)
    assert not missing
    assert {c: n for c, n in counts.items() if n != 1} == {}


def test_every_indicator_code_of_the_document_appears_once(wh):
    in_doc = set(re.findall(r"^([A-Z]_[0-9A-Z]+_[0-9A-Z]+_[0-9]+)\t", PEG_TEXT, flags=re.M))
    assert len(in_doc) > 200
    counts = dict(
        wh.sql(
            "select code, count(*) from marts.dim_indicator where document_id = ? group by code",
            params=[PEG],
        ).fetchall()
    )
    assert in_doc == set(counts)
    assert {c: n for c, n in counts.items() if n != 1} == {}
    # and each has its 2021 target in fct_indicator_year
    n = wh.sql(
        "select count(distinct indicator_id) from marts.fct_indicator_year "
        "where document_id = ? and year = 2021",
        params=[PEG],
    ).fetchall()[0][0]
    assert n == len(in_doc)


def test_indicator_target_and_dirigente(wh):
    row = wh.sql(
        "select f.target_raw, f.target_kind, f.target_date, r.name "
        "from marts.fct_indicator_year f join marts.dim_indicator i using (indicator_id) "
        "join marts.dim_responsabile r using (responsabile_id) where i.code = 'M_8501_1_1'"
    ).fetchall()
    assert [(t, k, str(d), n) for t, k, d, n in row] == [
        ("30/09/2021", "date", "2021-09-30", "Benedetti Lorenza")
    ]


def test_staff_rows(wh):
    rows = wh.sql(
        "select person_name, role, allocation_pct from marts.fct_staff_allocation "
        "where project_code = '2021_PD_8501' order by source_line"
    ).fetchall()
    assert len(rows) == 10
    assert rows[0] == ("Benedetti Lorenza", "Dirigente", Decimal("2.0000"))
    assert rows[-1] == ("Sironi Luisa", "Incarico professionale", Decimal("45.0000"))


def test_no_non_blank_line_is_unaccounted_for(wh):
    for path in sorted(RAW.glob("*.txt")):
        doc_id = path.stem
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        non_blank = sum(1 for ln in lines if ln.strip())
        mapped, boiler, unparsed = wh.sql(
            "select lines_mapped, lines_boilerplate, lines_unparsed from audit.document_coverage "
            "where document_id = ? order by run_id desc limit 1",
            params=[doc_id],
        ).fetchall()[0]
        assert mapped + boiler + unparsed == non_blank, doc_id
        listed = wh.sql(
            "select count(*) from audit.unparsed_lines where document_id = ?", params=[doc_id]
        ).fetchall()[0][0]
        assert listed == unparsed, doc_id


def test_marts_are_written_as_parquet(built_warehouse):
    marts = built_warehouse / "marts"
    for name in (
        "dim_ente",
        "dim_document",
        "dim_responsabile",
        "dim_objective",
        "dim_indicator",
        "fct_indicator_year",
        "fct_budget_capitolo",
        "fct_project_budget",
        "fct_staff_allocation",
    ):
        assert (marts / f"{name}.parquet").exists(), name


def test_consistency_results_are_recorded(wh):
    rows = wh.sql(
        "select subject_key, passed from audit.dq_results "
        "where check_name = 'peg_absorption_sums_to_100_per_cdr' order by subject_key"
    ).fetchall()
    # CDR 85 shares add up to 99,99 (rounding, within 25 x 0.005), CDR 87 to 100,00
    assert rows == [("CDR 85", True), ("CDR 87", True)]
