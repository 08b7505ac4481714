"""A real export loaded with its profile alone: IZSLER's performance database (objectives and
indicators 2022-2023, one row per indicator x structure x period), read from
../shared/real-exports/ (never copied into the project). The expected figures are read off
the CSV in this test with the csv module, not with the profile code."""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, build_env, run_plans

FILE = "izsler-obiettivi-indicatori-2022-2023.csv"
DOC = "izsler-obiettivi-indicatori-2022-2023"


def real_exports() -> Path | None:
    for candidate in (
        os.environ.get("PLANS_REAL_EXPORTS"),
        ROOT.parent / "shared" / "real-exports",
        Path("/work/shared/real-exports"),
    ):
        if candidate and (Path(candidate) / FILE).is_file():
            return Path(candidate)
    return None


EXPORTS = real_exports()
pytestmark = pytest.mark.skipif(
    EXPORTS is None,
    reason=f"{FILE} not found in $PLANS_REAL_EXPORTS, ../shared/real-exports or "
    "/work/shared/real-exports (real test data, never copied into the repository)",
)


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    """The CSV's records with their record number (the header is record 1)."""
    assert EXPORTS is not None
    with (EXPORTS / FILE).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, r in enumerate(rows, start=2):
        r["_record"] = str(i)
    return rows


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("empty_raw")
    data = tmp_path_factory.mktemp("izsler")
    env = build_env(data, raw_dir=raw)
    env["PLANS_INBOX_DIR"] = str(EXPORTS)
    proc = run_plans(["build", "--skip-checks"], env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "1 parsed, 0 quarantined" in proc.stdout
    return data / "warehouse.duckdb"


def _all(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.sql(sql, params=[DOC]).fetchall()


@pytest.mark.e2e
def test_izsler_counts_match_the_csv(records: list[dict[str, str]], warehouse: Path) -> None:
    assert len(records) == 2547
    kept = [r for r in records if r["Anno"] != "0"]  # 2 rows say Anno = 0: no year
    assert len(kept) == 2545
    areas = {(r["Anno"], _norm(r["AreaStrategica"])) for r in kept}
    general = {(r["Anno"], _norm(r["ObiettivoGenerale"])) for r in kept}
    operational = {(r["Anno"], _norm(r["ObiettivoOperativo"])) for r in kept}
    indicators = {(r["Anno"], _norm(r["ObiettivoOperativo"]), _norm(r["Indicatore"])) for r in kept}
    operators = Counter(r["Operatore"] for r in kept)
    reported = [r for r in kept if float(r["ValoreInRendiconto"]) != -1]
    percent = [r for r in kept if r["Tipo_Risposta"] == "Percentuale"]

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        levels = dict(
            _all(
                con,
                "select level, count(*) from marts.dim_objective "
                "where document_id = ? group by level",
            )
        )
        n_ind = _all(con, "select count(*) from marts.dim_indicator where document_id = ?")
        ops = dict(
            _all(
                con,
                "select target_operator, count(*) from marts.fct_indicator_year "
                "where document_id = ? group by all",
            )
        )
        facts = _all(
            con,
            "select count(*), count(actual_raw), "
            "count(*) filter (where target_kind = 'percent') "
            "from marts.fct_indicator_year where document_id = ?",
        )[0]
        doc = _all(
            con,
            "select ente_id, doc_family, period_start_year, period_end_year "
            "from marts.dim_document where document_id = ?",
        )
        ente = _all(
            con,
            "select e.ente_type, e.region, e.province from marts.dim_ente e "
            "join marts.dim_document d using (ente_id) where d.document_id = ?",
        )
        unparsed = _all(
            con,
            "select source_line, reason from audit.unparsed_lines where document_id = ? order by 1",
        )
    finally:
        con.close()
    assert levels == {"area": len(areas), "generale": len(general), "operativo": len(operational)}
    assert (len(areas), len(general), len(operational)) == (9, 25, 93)
    assert n_ind == [(len(indicators),)]
    assert ops == dict(operators) == {">=": 1871, "=": 672, ">": 2}
    assert facts == (len(kept), len(reported), len(percent)) == (2545, 1437, 1601)
    assert doc == [("izsler", "profilo", 2022, 2023)]
    assert ente == [("Altro", "Lombardia", "BS")]
    # the two rows without a year are listed, not lost
    assert [reason for _, reason in unparsed] == [
        "riga esclusa dal profilo: Anno = 0: l'export non dice a quale anno si riferisce la riga"
    ] * 2


@pytest.mark.e2e
def test_izsler_rows_keep_lineage_to_the_csv_record(
    records: list[dict[str, str]], warehouse: Path
) -> None:
    by_record = {int(r["_record"]): r for r in records}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = _all(
            con,
            "select f.source_sheet, f.source_row, f.year, f.target_operator, f.target_value, "
            "f.actual_value, f.achievement_pct, f.period, r.name, i.code, i.name "
            "from marts.fct_indicator_year f join marts.dim_indicator i using (indicator_id) "
            "left join marts.dim_responsabile r using (responsabile_id) "
            "where f.document_id = ?",
        )
        objectives = _all(
            con,
            "select code, title, source_row from marts.dim_objective "
            "where document_id = ? and level = 'operativo'",
        )
    finally:
        con.close()
    assert len(rows) == 2545
    assert {r[0] for r in rows} == {DOC}
    assert len({r[1] for r in rows}) == 2545  # one fact per CSV record
    for _, row, year, op, target, actual, achievement, period, struttura, code, name in rows:
        rec = by_record[row]
        assert int(rec["Anno"]) == year
        assert rec["Operatore"] == op
        assert float(rec["Target"]) == target
        value = float(rec["ValoreInRendiconto"])
        assert actual == (None if value == -1 else value)
        assert float(achievement) == pytest.approx(float(rec["Avanzamento"]) * 100)
        assert rec["Periodo"] == period
        assert _norm(rec["Struttura"]) == struttura
        assert _norm(rec["Indicatore"]) == (f"{code} {name}" if code else name)
    # an objective's lineage is the first record that names it, its code read off the text
    for code, title, row in objectives:
        text = _norm(by_record[row]["ObiettivoOperativo"])
        assert text.startswith(code) and text.endswith(title)
        assert (
            re.sub(r"[.\s]+", " ", text.removeprefix(code))
            .strip()
            .startswith(re.sub(r"[.\s]+", " ", title)[:10].strip())
        )
