"""The monthly refresh: incremental, atomic, one at a time, with revision history.

Each test works on its own copy of a small warehouse built from two real samples (the ASC
schede 2021 and the Consorzio's stato di attuazione), with real dbt runs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, build_env, run_plans
from tests.helpers import RAW

pytestmark = pytest.mark.e2e

DOCS = ("000_e3700703ee819e5c.txt", "004_b40c0b7f81374021.txt")


def _raw_copy(dest: Path) -> Path:
    raw = dest / "raw"
    raw.mkdir(parents=True)
    for name in DOCS:
        shutil.copy(RAW / name, raw / name)
    shutil.copy(RAW / "manifest.csv", raw / "manifest.csv")
    return raw


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("refresh-base")
    raw = _raw_copy(data)
    proc = run_plans(["refresh", "--skip-checks"], build_env(data, raw))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return data


@pytest.fixture()
def data(base: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(base, dest, symlinks=True)
    return dest


def _env(data: Path) -> dict[str, str]:
    return build_env(data, data / "raw")


def _last_run(data: Path) -> dict:
    """The latest run as users see it: the run history published with the marts (no-op,
    failed and refused runs included; the warehouse file holds the runs up to its build)."""
    runs = data / "marts" / "audit_load_runs.parquet"
    cur = duckdb.sql(f"select * from read_parquet('{runs}') order by started_at desc limit 1")
    return dict(zip(cur.columns, cur.fetchall()[0], strict=True))


def _marts_snapshot(data: Path) -> dict[str, list]:
    out = {}
    for p in sorted((data / "marts").glob("*.parquet")):
        if p.name.startswith("audit_"):
            continue
        out[p.stem] = duckdb.sql(f"select * from read_parquet('{p}') order by all").fetchall()
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_refresh_twice_is_a_recorded_noop_with_identical_marts(data: Path):
    before = _marts_snapshot(data)
    started = time.monotonic()
    proc = run_plans(["refresh"], _env(data))
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    run = _last_run(data)
    assert run["status"] == "noop"
    assert (run["files_seen"], run["files_parsed"], run["files_unchanged"]) == (2, 0, 2)
    assert _marts_snapshot(data) == before
    # the no-op is recorded in the Parquet copy of the audit too
    runs = duckdb.sql(
        f"select count(*) from read_parquet('{data / 'marts' / 'audit_load_runs.parquet'}')"
    ).fetchall()[0][0]
    assert runs == 2
    assert elapsed < 60  # no dbt run: a no-op does not rebuild anything


def test_a_changed_figure_reparses_one_document_and_records_the_revision(data: Path):
    # scheda 1 indicator 4 of the ASC 2021 plan: 2021 target "80%" becomes "85%"
    _edit(
        data / "raw" / "000_e3700703ee819e5c.txt",
        "delibera del CU n. 15/17\t80%",
        "delibera del CU n. 15/17\t85%",
    )
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run = _last_run(data)
    assert (run["files_changed"], run["files_unchanged"], run["files_parsed"]) == (1, 1, 1)
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    target = con.sql(
        "select f.target_raw, f.target_value from marts.fct_indicator_year f "
        "join marts.dim_indicator i using (indicator_id) "
        "where i.name like 'Applicazione dell''Isee%' and f.year = 2021"
    ).fetchall()
    assert target == [("85%", 85.0)]
    changes = con.sql(
        "select change_type, year, old_target_raw, new_target_raw from marts.mart_indicator_changes"
    ).fetchall()
    assert changes == [("modificato", 2021, "80%", "85%")]
    # the unchanged document was carried over, not re-parsed: same rows as before
    assert con.sql("select count(*) from marts.fct_objective_step").fetchall()[0][0] == 84
    con.close()
    # and the dashboard's Novità page shows the revision with both values
    from streamlit.testing.v1 import AppTest

    os.environ["PLANS_MARTS_DIR"] = str(data / "marts")
    try:
        at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=90).run()
        at.switch_page("views/novita.py").run()
    finally:
        del os.environ["PLANS_MARTS_DIR"]
    assert not at.exception
    table = at.dataframe[0].value
    row = table[table["Anno"] == "2021"].iloc[0]  # cells as the reader sees them
    assert (row["Modifica"], row["Target prima"], row["Target ora"]) == ("modificato", "80%", "85%")


def test_a_broken_document_is_quarantined_and_the_rest_refreshes(data: Path):
    raw = data / "raw"
    (raw / "broken.txt").write_text("Verbale\nnessuna tabella riconoscibile\n", encoding="utf-8")
    with (raw / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write("broken.txt,ente-x,Ente X,Altro,Lazio,RM,Relazione,2024,2024,\n")
    _edit(raw / "004_b40c0b7f81374021.txt", "TOTALE 2020\t\t\t\t\t83%", "TOTALE 2020\t\t\t\t\t84%")
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "quarantined broken.txt" in proc.stdout
    run = _last_run(data)
    assert run["status"] == "partial"
    assert (run["files_new"], run["files_changed"], run["files_failed"]) == (1, 1, 1)
    assert "broken.txt: unknown document layout" in run["message"]
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    total = con.sql("select total_pct from raw.sa_totals where objective_code = '5'").fetchall()
    assert [float(t) for (t,) in total] == [84.0]
    assert con.sql("select count(*) from marts.dim_document").fetchall()[0][0] == 2
    con.close()
    # with --strict the same situation exits 7
    proc = run_plans(["refresh", "--strict", "--skip-checks"], _env(data))
    assert proc.returncode == 7


def _start_refresh(data: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest.cli", "refresh", "--skip-checks"],
        env=_env(data),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 120) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return seen
    raise AssertionError(f"{marker!r} not seen: {''.join(seen)}")


def test_a_killed_refresh_leaves_the_previous_warehouse_serving(data: Path):
    _edit(
        data / "raw" / "000_e3700703ee819e5c.txt",
        "delibera del CU n. 15/17\t80%",
        "delibera del CU n. 15/17\t90%",
    )
    proc = _start_refresh(data)
    _wait_for(proc, "transform: dbt build")
    time.sleep(2)  # dbt is running against the new file
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    assert con.sql(
        "select distinct target_raw from raw.asc_indicator_years where target_raw in ('80%', '90%')"
    ).fetchall() == [("80%",)]
    con.close()
    marts = duckdb.sql(
        f"select count(*) from read_parquet('{data / 'marts' / 'dim_document.parquet'}')"
    ).fetchall()
    assert marts == [(2,)]

    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    assert ("90%",) in con.sql("select distinct target_raw from raw.asc_indicator_years").fetchall()
    con.close()


def test_a_second_refresh_is_refused_while_one_runs(data: Path):
    _edit(
        data / "raw" / "000_e3700703ee819e5c.txt",
        "delibera del CU n. 15/17\t80%",
        "delibera del CU n. 15/17\t70%",
    )
    first = _start_refresh(data)
    _wait_for(first, "scan:")
    second = run_plans(["refresh", "--skip-checks"], _env(data))
    assert second.returncode == 6
    assert "another build or refresh is running" in second.stderr
    rest, _ = first.communicate(timeout=300)
    assert first.returncode == 0, rest


def test_readers_see_no_error_during_a_refresh(data: Path):
    _edit(
        data / "raw" / "004_b40c0b7f81374021.txt",
        "TOTALE 2020\t\t\t\t\t83%",
        "TOTALE 2020\t\t\t\t\t82%",
    )
    errors: list[str] = []
    queries = 0
    stop = threading.Event()

    def read() -> None:
        nonlocal queries
        while not stop.is_set():
            try:
                duckdb.sql(
                    f"select count(*) from read_parquet('{data / 'marts'}/fct_objective_step"
                    ".parquet')"
                ).fetchall()
                con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
                con.sql("select count(*) from marts.dim_document").fetchall()
                con.close()
                queries += 1
            except Exception as exc:  # noqa: BLE001 - any reader error fails the test
                errors.append(repr(exc))
            time.sleep(0.05)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        proc = run_plans(["refresh", "--skip-checks"], _env(data))
    finally:
        stop.set()
        thread.join()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert queries > 20
    assert errors == []
