"""Never publish less than we had, never let one document block the rest (issue 9).

Each test works on its own copy of a small warehouse built from two real samples (the ASC
schede 2021 and the Consorzio's stato di attuazione), with real dbt runs, and asserts the
figure that proves nothing was lost: row counts of the serving warehouse before and after,
the run record users see, the message.
"""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, build_env, run_plans
from tests.helpers import RAW

pytestmark = pytest.mark.e2e

DOCS = ("000_e3700703ee819e5c.txt", "004_b40c0b7f81374021.txt")
HEADER = (
    "file,ente_id,ente_name,ente_type,region,province,doc_type,period_start_year,"
    "period_end_year,period_note"
)


def _manifest_line(name: str) -> str:
    for line in (RAW / "manifest.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith(name + ","):
            return line
    raise AssertionError(name)


def _write_manifest(raw: Path, names: list[str], extra: list[str] | None = None) -> None:
    lines = [HEADER, *(_manifest_line(n) for n in names), *(extra or [])]
    (raw / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("robust-base")
    raw = data / "raw"
    raw.mkdir()
    for name in DOCS:
        shutil.copy(RAW / name, raw / name)
    _write_manifest(raw, list(DOCS))
    proc = run_plans(["build", "--skip-checks"], build_env(data, raw))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return data


@pytest.fixture()
def data(base: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(base, dest, symlinks=True)
    return dest


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = build_env(data, data / "raw")
    env.update(extra)
    return env


def _runs(data: Path) -> list[dict]:
    """The run history users see (published with the marts), oldest first."""
    rel = duckdb.sql(
        f"select * from read_parquet('{data / 'marts' / 'audit_load_runs.parquet'}') "
        "order by started_at"
    )
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def _wh(data: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return con.sql(sql, params=params or []).fetchall()
    finally:
        con.close()


def _marts(data: Path, sql: str) -> list[tuple]:
    marts = data / "marts"
    return duckdb.sql(sql.replace("MARTS/", f"{marts}/")).fetchall()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _serving_counts(data: Path) -> tuple[int, int, int]:
    return _wh(
        data,
        "select (select count(*) from marts.dim_document), "
        "(select count(*) from marts.fct_objective_step), "
        "(select count(*) from marts.fct_action_year)",
    )[0]


CU_LINE = "delibera del CU n. 15/17\t80%"  # an indicator of the ASC schede and its target
TARGET_SQL = (
    "select distinct f.target_raw from {f} f join {i} i using (indicator_id) "
    "where i.name like '%delibera del CU n. 15/17%'"
)


def _target_in_marts(data: Path) -> list[str]:
    """The edited target (80% in the document, 90% once changed) in the Parquet marts."""
    sql = TARGET_SQL.format(
        f="read_parquet('MARTS/fct_indicator_year.parquet')",
        i="read_parquet('MARTS/dim_indicator.parquet')",
    )
    return [r[0] for r in _marts(data, sql) if r[0] in ("80%", "90%")]


def _target_in_warehouse(data: Path) -> list[str]:
    sql = TARGET_SQL.format(f="marts.fct_indicator_year", i="marts.dim_indicator")
    return [r[0] for r in _wh(data, sql) if r[0] in ("80%", "90%")]


# --- 1. an empty or shrunken warehouse is never published as a success ----------------


def test_a_missing_raw_folder_is_refused_and_the_warehouse_keeps_serving(data: Path):
    before = _serving_counts(data)
    proc = run_plans(["refresh"], _env(data, PLANS_RAW_DIR=str(data / "not-mounted")))
    assert proc.returncode == 8, proc.stdout + proc.stderr
    assert "does not exist" in proc.stderr and "--allow-removal" in proc.stderr
    assert _serving_counts(data) == before
    last = _runs(data)[-1]
    assert last["status"] == "refused"
    assert "not-mounted does not exist" in last["message"]
    assert len(list((data / "builds").iterdir())) == 1  # nothing left behind


def test_removing_most_documents_needs_an_explicit_flag(data: Path):
    (data / "raw" / DOCS[0]).unlink()
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 8
    assert "1 of 2 loaded documents (50%) would be removed" in proc.stderr
    assert _wh(data, "select count(*) from marts.dim_document") == [(2,)]
    proc = run_plans(["refresh", "--skip-checks", "--allow-removal"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _wh(data, "select document_id from marts.dim_document") == [(DOCS[1][:-4],)]
    assert _runs(data)[-1]["files_removed"] == 1


def test_build_keeps_the_previous_version_of_a_changed_document_that_fails(data: Path):
    actions = _wh(data, "select count(*) from marts.fct_action_year")
    (data / "raw" / DOCS[0]).write_text("Verbale di assemblea\nnessuna tabella\n")
    proc = run_plans(["build", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = _runs(data)[-1]
    assert last["status"] == "partial"
    assert f"kept previous version of {DOCS[0][:-4]}" in last["message"]
    assert _wh(data, "select count(*) from marts.fct_action_year") == actions
    assert _wh(data, "select count(*) from marts.dim_document") == [(2,)]


def test_losing_the_warehouse_file_loses_no_history(data: Path):
    _edit(data / "raw" / DOCS[0], CU_LINE, CU_LINE.replace("80%", "90%"))
    assert run_plans(["refresh", "--skip-checks"], _env(data)).returncode == 0
    revisions = _wh(data, "select count(*) from history.snp_indicator_year")[0][0]
    closed = _wh(
        data, "select count(*) from history.snp_indicator_year where dbt_valid_to is not null"
    )[0][0]
    runs = len(_runs(data))
    assert closed >= 1 and runs == 2
    # the warehouse is lost: every build folder and the links to them
    shutil.rmtree(data / "builds")
    for link in ("current", "warehouse.duckdb", "marts", "data_docs"):
        (data / link).unlink()
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _wh(data, "select count(*) from history.snp_indicator_year")[0][0] >= revisions
    assert (
        _wh(
            data,
            "select count(*) from history.snp_indicator_year where dbt_valid_to is not null",
        )[0][0]
        >= closed
    )
    assert len(_runs(data)) == runs + 1


# --- 2. one bad document never blocks the others ------------------------------------------


def _ingest(
    data: Path, names: list[str], edit=None, extra_manifest=None
) -> duckdb.DuckDBPyConnection:  # noqa: ANN001
    raw = data / "raw-ingest"
    raw.mkdir()
    for name in names:
        shutil.copy(RAW / name, raw / name)
    if edit:
        edit(raw)
    _write_manifest(raw, [n for n in names if not (extra_manifest or {}).get(n)])
    if extra_manifest:
        with (raw / "manifest.csv").open("a", encoding="utf-8") as fh:
            for line in extra_manifest.values():
                fh.write(line + "\n")
    db = data / "ingest.duckdb"
    proc = run_plans(["ingest", "--db", str(db)], build_env(data / "ingest-data", raw))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return duckdb.connect(str(db), read_only=True)


def test_a_value_out_of_range_quarantines_only_its_document(tmp_path: Path):
    peg = "003_51402a20550dfbf2.txt"
    text = (RAW / peg).read_text(encoding="utf-8")
    amount = "Art. 00\tCONTRIBUTO PER REALIZZAZIONE P ROGETTO REGIONALE"  # line 830, 231.000,00
    share = "multilinguismo\t39.000,00\t0,41 %"  # line 57, a % di assorbimento
    peg_line = _manifest_line(peg)

    def edit(raw: Path) -> None:
        (raw / "peg_amount.txt").write_text(
            text.replace("231.000,00", "12.345.678.901.234.567,00", 1), encoding="utf-8"
        )
        (raw / "peg_share.txt").write_text(
            text.replace(share, share.replace("0,41 %", "100.000,00 %")), encoding="utf-8"
        )

    extra = {
        name: peg_line.replace(peg, name).replace("comune-di-reggio-emilia", ente)
        for name, ente in (("peg_amount.txt", "re-a"), ("peg_share.txt", "re-b"))
    }
    assert amount in text and share in text
    con = _ingest(tmp_path, [DOCS[0]], edit, extra_manifest=extra)
    errors = dict(con.sql("select source_file, error from audit.load_errors").fetchall())
    assert errors == {
        "peg_amount.txt": "peg_amount.txt:830: amount 12345678901234567.00 (table "
        "peg_budget_lines) is out of the range the warehouse holds for it; check the figure in "
        "the document",
        "peg_share.txt": "peg_share.txt:57: absorption_pct 100000.00 (table peg_cdr_rows) is "
        "out of the range the warehouse holds for it; check the figure in the document",
    }
    # the other document landed whole (5 schede, 29 actions read off the document)
    assert con.sql("select count(*) from raw.asc_schede").fetchall() == [(5,)]
    assert con.sql("select count(*) from raw.asc_actions").fetchall() == [(29,)]


def test_a_page_printed_twice_is_read_once_and_flagged(tmp_path: Path):
    text = (RAW / DOCS[0]).read_text(encoding="utf-8").split("\n")
    page = text[44:64]  # the AZIONI table of scheda 3, printed again right after itself

    def edit(raw: Path) -> None:
        (raw / DOCS[0]).write_text("\n".join(text[:64] + page + text[64:]), encoding="utf-8")

    con = _ingest(tmp_path, [DOCS[0]], edit)
    assert con.sql("select count(*) from raw.asc_actions").fetchall() == [(29,)]
    assert con.sql("select count(*) from raw.asc_indicators").fetchall() == [(39,)]
    flags = con.sql("select flags from raw.documents").fetchall()[0][0]
    assert "lines 65-84 repeat the lines from 45" in flags
    copy = con.sql(
        "select distinct status, detail from raw.document_lines "
        "where line_no between 65 and 84 and trim(text) <> ''"
    ).fetchall()
    assert copy == [("boilerplate", "repeated_block")]


def test_lines_out_of_order_quarantine_only_their_document(tmp_path: Path):
    piao = "002_142f2b20942e7c60.txt"
    lines = (RAW / piao).read_text(encoding="utf-8").split("\n")
    blocks = [lines[i : i + 15] for i in range(0, len(lines), 15)]
    rest = blocks[2:]
    random.Random(1).shuffle(rest)

    def edit(raw: Path) -> None:
        (raw / piao).write_text("\n".join(x for b in blocks[:2] + rest for x in b))

    con = _ingest(tmp_path, [DOCS[0], piao], edit)
    errors = con.sql("select source_file, error from audit.load_errors").fetchall()
    assert [e[0] for e in errors] == [piao]
    assert "repeats the one of line" in errors[0][1]
    assert con.sql("select count(*) from raw.asc_schede").fetchall() == [(5,)]


def test_one_bad_manifest_line_quarantines_only_its_documents(tmp_path: Path):
    other = "001_873564630502075e.txt"
    bad = {
        DOCS[0]: _manifest_line(DOCS[0]).replace(",ASC,", ",Municipio,"),
        other: _manifest_line(other).replace(",2025,2027,", ",2021/22,2027,"),
    }
    con = _ingest(tmp_path, [DOCS[0], other, DOCS[1]], extra_manifest=bad)
    errors = dict(con.sql("select source_file, error from audit.load_errors").fetchall())
    assert errors[DOCS[0]] == (
        "manifest.csv:3: ente_type 'Municipio' is not one of ASC, ASP, Altro, Comune, "
        "Consorzio, Unione"
    )
    assert errors[other].startswith("manifest.csv:4: period_start_year '2021/22' is not a year")
    assert con.sql("select count(*) from raw.sa_objectives").fetchall() == [(18,)]


# --- 3. every run recorded; a kill at any instant leaves one consistent warehouse --------


def test_a_full_disk_fails_the_run_cleanly_and_it_is_recorded(data: Path):
    _edit(data / "raw" / DOCS[0], CU_LINE, CU_LINE.replace("80%", "90%"))
    proc = run_plans(["refresh", "--skip-checks"], _env(data, PLANS_FAULT="enospc_export"))
    assert proc.returncode == 9, proc.stdout + proc.stderr
    last = _runs(data)[-1]
    assert last["status"] == "failed" and "disk full during stage export" in last["message"]
    assert len(list((data / "builds").iterdir())) == 1  # the failed build folder is gone
    assert _target_in_marts(data) == ["80%"]
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _target_in_marts(data) == ["90%"]


@pytest.mark.parametrize(("point", "target"), [("before_switch", "80%"), ("after_switch", "90%")])
def test_a_kill_at_the_switch_leaves_warehouse_and_marts_in_step(data: Path, point, target):
    _edit(data / "raw" / DOCS[0], CU_LINE, CU_LINE.replace("80%", "90%"))
    proc = run_plans(["refresh", "--skip-checks"], _env(data, PLANS_FAULT=point))
    assert proc.returncode == -signal.SIGKILL
    assert _target_in_marts(data) == _target_in_warehouse(data) == [target]
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _target_in_marts(data) == _target_in_warehouse(data) == ["90%"]
    statuses = [r["status"] for r in _runs(data)]
    assert "interrupted" in statuses


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_no_process_survives_a_killed_run(data: Path):
    _edit(data / "raw" / DOCS[0], CU_LINE, CU_LINE.replace("80%", "90%"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest.cli", "refresh"],
        env=_env(data),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "transform: dbt build" in line:
            break
    children = _children(proc.pid)
    assert children, "the checks worker should be running beside dbt"
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.2)
    alive = [c for c in children if Path(f"/proc/{c}").exists()]
    for c in alive:  # do not leave them to the rest of the suite
        os.kill(c, signal.SIGKILL)
    assert alive == []


# --- 4. bad input that used to get through without a word --------------------------------


def test_nul_bytes_are_removed_and_flagged(tmp_path: Path):
    other = "001_873564630502075e.txt"

    def edit(raw: Path) -> None:
        text = (raw / other).read_text(encoding="utf-8")
        (raw / other).write_text(text.replace("Ferri", "\x00Ferri", 1), encoding="utf-8")

    con = _ingest(tmp_path, [other], edit)
    assert con.sql(
        "select count(*) from raw.asc_indicator_responsabili "
        "where contains(name_raw, chr(0)) or contains(person_name, chr(0))"
    ).fetchall() == [(0,)]
    flags = con.sql("select flags from raw.documents").fetchall()[0][0]
    assert flags.startswith("control characters (NUL bytes or similar) removed on 1 lines")


def test_a_truncated_document_is_flagged(tmp_path: Path):
    def edit(raw: Path) -> None:
        data = (raw / DOCS[1]).read_bytes()
        (raw / DOCS[1]).write_bytes(data[: int(len(data) * 0.45)])

    con = _ingest(tmp_path, [DOCS[1]], edit)
    flags = con.sql("select flags from raw.documents").fetchall()[0][0]
    assert "possibly truncated: it ends before its closing sections" in flags


def test_unparsed_lines_and_flags_make_the_run_a_warning_with_its_check(data: Path):
    def cut(path: Path) -> None:
        raw = path.read_bytes()
        path.write_bytes(raw[: int(len(raw) * 0.45)])

    cut(data / "raw" / DOCS[1])
    proc = run_plans(["refresh"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = _runs(data)[-1]
    assert last["status"] == "warning"
    assert f"{DOCS[1]}: possibly truncated" in last["warnings"]
    failed = _marts(
        data,
        "select document_id, observed from read_parquet('MARTS/audit_dq_results.parquet') "
        "where check_name = 'document_complete' and not passed",
    )
    assert [f[0] for f in failed] == [DOCS[1][:-4]]


def test_a_corrected_manifest_line_reloads_its_document(data: Path):
    raw = data / "raw"
    text = (raw / "manifest.csv").read_text(encoding="utf-8")
    (raw / "manifest.csv").write_text(text.replace(",Piemonte,CN,", ",Piemonte,TO,"))
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _runs(data)[-1]["files_changed"] == 1
    assert _wh(
        data, "select province from marts.dim_ente where ente_id = 'cssm-consorzio-monregalese'"
    ) == [("TO",)]


def test_check_and_transform_wait_for_the_running_build(data: Path):
    with (data / ".lock").open("a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for command in (["check"], ["transform"]):
            proc = run_plans(command, _env(data))
            assert proc.returncode == 6, command
            assert "another build or refresh is running" in proc.stderr


def test_a_document_that_failed_is_not_retried_until_it_changes(data: Path):
    raw = data / "raw"
    (raw / "broken.txt").write_text("Verbale\nnessuna tabella riconoscibile\n")
    with (raw / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write("broken.txt,ente-x,Ente X,Altro,Lazio,RM,Relazione,2024,2024,\n")
    assert run_plans(["refresh", "--skip-checks"], _env(data)).returncode == 0
    proc = run_plans(["refresh", "--skip-checks", "--strict"], _env(data))
    assert proc.returncode == 7  # still quarantined
    last = _runs(data)[-1]
    assert last["status"] == "noop" and last["files_failed"] == 1
    assert "broken.txt: not retried, same file and code as the failed attempt" in last["warnings"]
    (raw / "broken.txt").write_text("Verbale corretto\nancora nessuna tabella\n")
    proc = run_plans(["refresh", "--skip-checks"], _env(data))
    assert proc.returncode == 0
    assert _runs(data)[-1]["status"] == "partial"  # changed: tried again
