"""Small broken copies of the samples (a weight changed, a line removed, a figure altered):
each check must catch its defect, with the figures, and the untouched parts still pass."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.conftest import build_env, run_plans
from tests.helpers import RAW

pytestmark = pytest.mark.e2e


def _lines(name: str) -> list[str]:
    return (RAW / name).read_text(encoding="utf-8").split("\n")


def _replace_line(lines: list[str], line_no: int, old: str, new: str) -> None:
    assert old in lines[line_no - 1], (line_no, lines[line_no - 1])
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)


@pytest.fixture(scope="module")
def fixtures_wh(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("broken")
    raw = data / "raw"
    raw.mkdir()
    manifest = [
        "file,ente_id,ente_name,ente_type,region,province,doc_type,"
        "period_start_year,period_end_year,period_note"
    ]

    sa = _lines("004_b40c0b7f81374021.txt")
    _replace_line(sa, 14, "5%", "7%")  # A's incidence 5% -> 7%: the plan sums to 102
    _replace_line(sa, 22, "10%\t14%", "15%\t14%")  # A.1 peso step/obiettivo 10% -> 15%
    del sa[33 - 1]  # A.4's verification line removed: A's steps no longer reach TOTALE 100%
    (raw / "fx_sa.txt").write_text("\n".join(sa), encoding="utf-8")
    manifest.append("fx_sa.txt,fx-sa,Fixture SA,Consorzio,Piemonte,CN,Stato,2020,2022,")

    peg = _lines("003_51402a20550dfbf2.txt")
    _replace_line(peg, 189, "45,00 %", "120,00 %")  # a staff allocation over 100
    del peg[170 - 1]  # the 605.218,23 spese line of 2021_PD_8501 removed
    (raw / "fx_peg.txt").write_text("\n".join(peg), encoding="utf-8")
    manifest.append("fx_peg.txt,fx-peg,Fixture PEG,Comune,Emilia-Romagna,RE,PEG,2021,2021,")

    piao = _lines("002_142f2b20942e7c60.txt")
    _replace_line(piao, 68, "50 %", "40 %")  # area level 50 % -> 40 %: levels sum to 90
    (raw / "fx_piao.txt").write_text("\n".join(piao), encoding="utf-8")
    manifest.append("fx_piao.txt,fx-piao,Fixture PIAO,Unione,Emilia-Romagna,MO,PIAO,2023,2025,")

    asc = _lines("000_e3700703ee819e5c.txt")
    # scheda 4 indicator "Applicazione del regolamento ...": its only target (2) removed
    _replace_line(asc, 86, "dell'Azienda\t2\t", "dell'Azienda\t\t")
    (raw / "fx_asc.txt").write_text("\n".join(asc), encoding="utf-8")
    manifest.append("fx_asc.txt,fx-asc,Fixture ASC,ASC,Emilia-Romagna,BO,Schede,2021,2023,")

    (raw / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    proc = run_plans(["build"], build_env(data, raw))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()
    shutil.rmtree(data, ignore_errors=True)


def _result(con, doc: str, check: str, subject_like: str) -> tuple:
    rows = con.sql(
        "select passed, severity, observed, expected from audit.dq_results "
        "where document_id = ? and check_name = ? and subject_key like ?",
        params=[doc, check, subject_like],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_changed_incidence_is_an_error(fixtures_wh):
    assert _result(fixtures_wh, "fx_sa", "sa_incidences_sum_to_100", "%") == (
        False,
        "error",
        "102.0000",
        "100.0000",
    )


def test_changed_step_weight_is_an_error(fixtures_wh):
    assert _result(
        fixtures_wh, "fx_sa", "sa_step_weights_sum_to_100_per_objective", "objective A /%"
    ) == (False, "error", "105.0000", "100.0000")
    # objective B was not touched
    assert (
        _result(fixtures_wh, "fx_sa", "sa_step_weights_sum_to_100_per_objective", "objective B /%")[
            0
        ]
        is True
    )


def test_removed_verification_line_breaks_the_totale(fixtures_wh):
    # A's steps: 14 + 14 + 43 (+ 29 removed) = 71 against TOTALE 2020 100%
    assert _result(fixtures_wh, "fx_sa", "sa_totale_equals_sum_of_steps", "objective A /%") == (
        False,
        "error",
        "71.0000",
        "100.0000",
    )


def test_removed_budget_line_breaks_block_and_project_budget(fixtures_wh):
    # 784.326,70 - 605.218,23 = 179.108,47
    assert _result(
        fixtures_wh,
        "fx_peg",
        "peg_budget_block_lines_sum_to_totale",
        "2021_PD_8501 / block 1 / Spese Correnti",
    ) == (False, "error", "179108.47", "784326.70")
    assert _result(
        fixtures_wh, "fx_peg", "peg_project_budget_equals_block_spese", "2021_PD_8501"
    ) == (False, "error", "179108.47", "784326.70")
    # the entrate column of the same block still adds up
    assert (
        _result(
            fixtures_wh,
            "fx_peg",
            "peg_budget_block_lines_sum_to_totale",
            "2021_PD_8501 / block 1 / Entrate Correnti",
        )[0]
        is True
    )


def test_staff_allocation_over_100_is_an_error(fixtures_wh):
    passed, severity, observed, expected = _result(
        fixtures_wh, "fx_peg", "peg_staff_allocation_in_range", "2021_PD_8501 / Sironi Luisa%"
    )
    assert (passed, severity, observed, expected) == (False, "error", "120.0000", "(0, 100]")


def test_changed_piao_level_is_an_error(fixtures_wh):
    assert _result(fixtures_wh, "fx_piao", "piao_performance_levels_sum_to_100", "%") == (
        False,
        "error",
        "90.0000",
        "100",
    )


def test_indicator_without_target_is_flagged(fixtures_wh):
    passed, severity, observed, _ = _result(
        fixtures_wh, "fx_asc", "asc_indicator_has_a_target", "scheda 4 / indicator 2 %"
    )
    assert (passed, severity, observed) == (False, "warning", "0 targets")


def test_flagged_rows_are_kept(fixtures_wh):
    # a failed check never drops data: the broken figures are in the marts as written
    assert (
        fixtures_wh.sql(
            "select allocation_pct from marts.fct_staff_allocation where document_id = 'fx_peg' "
            "and person_name = 'Sironi Luisa' and project_code = '2021_PD_8501'"
        ).fetchall()[0][0]
        == 120
    )
    assert (
        fixtures_wh.sql(
            "select weight_pct from marts.fct_plan_weight where document_id = 'fx_piao' "
            "and item like '%di area'"
        ).fetchall()[0][0]
        == 40
    )
