"""Round trip: each of the five samples, built into a warehouse, exported as a filled
template (`plans export-template`) and loaded again, gives the same rows in every contract
mart, apart from lineage and the ids that name the format (compared through the business
columns of the rows they point to)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.conftest import build_env, run_plans

SAMPLES = [
    "000_e3700703ee819e5c",
    "001_873564630502075e",
    "002_142f2b20942e7c60",
    "003_51402a20550dfbf2",
    "004_b40c0b7f81374021",
]
AS_CSV_FOLDER = "004_b40c0b7f81374021"  # one sample goes through the CSV-folder form

OBJECTIVE = ("level", "code", "title")
# mart -> (business columns, {id column: how to translate it})
MARTS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "dim_objective": (
        (
            "ente_id",
            "code",
            "title",
            "level",
            "objective_type",
            "weight_pct",
            "cdr_code",
            "missione",
            "missione_name",
            "programma",
            "programma_name",
            "area_name",
            "servizio",
        ),
        {"parent_objective_id": "objective"},
    ),
    "dim_indicator": (
        ("ente_id", "code", "name", "dimension", "formula", "note", "scope", "servizio"),
        {"objective_id": "objective"},
    ),
    "fct_indicator_year": (
        (
            "ente_id",
            "year",
            "responsabile_id",
            "target_raw",
            "target_kind",
            "target_operator",
            "target_value",
            "target_date",
            "actual_raw",
            "actual_value",
            "period",
            "achievement_pct",
        ),
        {"indicator_id": "indicator"},
    ),
    "fct_action_year": (
        (
            "action_no",
            "action_seq",
            "description",
            "expected_result",
            "is_innovation",
            "year",
            "planned",
            "cell_raw",
        ),
        {"objective_id": "objective"},
    ),
    "fct_budget_capitolo": (
        (
            "ente_id",
            "year",
            "cdr_code",
            "project_code",
            "block_seq",
            "capitolo",
            "articolo",
            "capitolo_description",
            "column_name",
            "flow",
            "nature",
            "amount_raw",
            "amount_eur",
        ),
        {},
    ),
    "fct_project_budget": (
        (
            "ente_id",
            "year",
            "cdr_code",
            "cdr_name",
            "project_code",
            "project_name",
            "indirizzo",
            "obiettivo_strategico",
            "azione",
            "budget_raw",
            "budget_eur",
            "absorption_raw",
            "absorption_pct",
        ),
        {},
    ),
    "fct_staff_allocation": (
        (
            "ente_id",
            "project_code",
            "person_name",
            "person_name_normalised",
            "role",
            "allocation_raw",
            "allocation_pct",
        ),
        {},
    ),
    "fct_objective_step": (
        (
            "ente_id",
            "objective_code",
            "step_code",
            "step_seq",
            "description",
            "deadline_raw",
            "deadline",
            "indicator",
            "weight_in_objective_raw",
            "weight_in_objective_pct",
            "weight_in_year_raw",
            "weight_in_year_pct",
            "year",
            "achievement_raw",
            "achievement_pct",
            "verification",
        ),
        {"objective_id": "objective"},
    ),
    "fct_plan_weight": (("ente_id", "weight_group", "item", "weight_raw", "weight_pct"), {}),
}


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    rel = con.sql(sql, params=params)
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def business_rows(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[str, Counter]:
    """Every contract mart's rows of a document as a multiset of business tuples."""
    objectives = {
        o["objective_id"]: tuple(o[c] for c in OBJECTIVE)
        for o in _rows(
            con, "select * from marts.dim_objective where document_id = ?", [document_id]
        )
    }
    indicators = {
        i["indicator_id"]: (i["code"], i["name"], objectives.get(i["objective_id"]))
        for i in _rows(
            con, "select * from marts.dim_indicator where document_id = ?", [document_id]
        )
    }
    refs = {"objective": objectives, "indicator": indicators}
    out: dict[str, Counter] = {}
    for mart, (columns, ids) in MARTS.items():
        rows = _rows(con, f"select * from marts.{mart} where document_id = ?", [document_id])
        out[mart] = Counter(
            tuple(None if r[c] == "" else r[c] for c in columns)  # an empty cell either way
            + tuple(refs[kind].get(r[col]) if r[col] else None for col, kind in ids.items())
            for r in rows
        )
    return out


@pytest.fixture(scope="module")
def round_trip(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Export every sample with the CLI, then build a warehouse from the exports alone."""
    raw = tmp_path_factory.mktemp("templates_raw")
    env = build_env(tmp_path_factory.mktemp("export_data"))
    for doc in SAMPLES:
        out = raw / (f"{doc}_modello" if doc == AS_CSV_FOLDER else f"{doc}_modello.xlsx")
        proc = run_plans(
            [
                "export-template",
                doc,
                "--db",
                str(built_warehouse / "warehouse.duckdb"),
                "--out",
                str(out),
            ],
            env,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert out.exists()
    data_dir = tmp_path_factory.mktemp("roundtrip_wh")
    proc = run_plans(["build"], build_env(data_dir, raw_dir=raw))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "0 quarantined" in proc.stdout
    return data_dir


@pytest.mark.e2e
@pytest.mark.parametrize("document_id", SAMPLES)
def test_round_trip_gives_the_same_mart_rows(
    built_warehouse: Path, round_trip: Path, document_id: str
) -> None:
    before_con = duckdb.connect(str(built_warehouse / "warehouse.duckdb"), read_only=True)
    after_con = duckdb.connect(str(round_trip / "warehouse.duckdb"), read_only=True)
    try:
        before = business_rows(before_con, document_id)
        after = business_rows(after_con, f"{document_id}_modello")
        family = after_con.sql(
            "select doc_family from marts.dim_document where document_id = ?",
            params=[f"{document_id}_modello"],
        ).fetchall()
        lineage = after_con.sql(
            "select count(*), count(source_sheet), count(source_row) from marts.dim_objective "
            "where document_id = ?",
            params=[f"{document_id}_modello"],
        ).fetchall()[0]
    finally:
        before_con.close()
        after_con.close()
    assert family == [("modello",)]
    assert lineage[0] > 0 and lineage[0] == lineage[1] == lineage[2]
    for mart in MARTS:
        missing = before[mart] - after[mart]
        extra = after[mart] - before[mart]
        assert not missing and not extra, (
            f"{mart}: {sum(missing.values())} rows lost, {sum(extra.values())} rows added; "
            f"lost e.g. {list(missing)[:2]}; added e.g. {list(extra)[:2]}"
        )
    assert sum(sum(c.values()) for c in before.values()) > 0


def _failed(db: Path, check_name: str, document_id: str) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(
            "select subject_key, observed from audit.dq_results where not passed "
            "and check_name = ? and document_id = ? order by 1",
            params=[check_name, document_id],
        ).fetchall()
    finally:
        con.close()


@pytest.mark.e2e
def test_the_checks_flag_the_same_contradictions_in_the_templates(
    built_warehouse: Path, round_trip: Path
) -> None:
    before, after = built_warehouse / "warehouse.duckdb", round_trip / "warehouse.duckdb"
    # stato di attuazione: step weights of 2020 that do not add up to 100
    sa = _failed(before, "sa_step_weights_sum_to_100_per_year", "004_b40c0b7f81374021")
    tpl = _failed(after, "tpl_step_weights_sum_to_100_per_year", "004_b40c0b7f81374021_modello")
    assert sorted((k.split()[1], float(v)) for k, v in sa) == [
        ("10", 101.0),
        ("12", 101.0),
        ("5", 99.0),
        ("B", 99.0),
    ]
    assert sorted((k.split()[3].split(":")[1], float(v)) for k, v in tpl) == sorted(
        (k.split()[1], float(v)) for k, v in sa
    )
    # ASC 2025-2027: the indicator with no target, and the targets set for 2024
    asc = _failed(before, "asc_indicator_has_a_target", "001_873564630502075e")
    tpl = _failed(after, "tpl_indicator_has_a_target", "001_873564630502075e_modello")
    assert [k.split(" (")[0] for k, _ in asc] == ["scheda 2 / indicator 2"]
    assert [k.split(" (")[0] for k, _ in tpl] == ["indicatori / s2:2"]
    years = _failed(after, "tpl_target_year_within_plan_period", "001_873564630502075e_modello")
    con = duckdb.connect(str(before), read_only=True)
    try:
        n2024 = con.sql(
            "select count(distinct indicator_id) from marts.fct_indicator_year "
            "where document_id = '001_873564630502075e' and year = 2024 "
            "and target_raw is not null"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert years == [("anni_indicatori / 2024", f"{n2024} targets in 2024")]
