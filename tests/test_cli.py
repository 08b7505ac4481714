"""The command line: help, exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_env, run_plans


def test_help_lists_the_steps_and_exit_codes():
    proc = run_plans(["--help"], build_env(Path("/nonexistent")))
    assert proc.returncode == 0
    for word in ("build", "refresh", "ingest", "transform", "check", "Exit codes"):
        assert word in proc.stdout


def test_unknown_command_is_a_usage_error():
    proc = run_plans(["frobnicate"], build_env(Path("/nonexistent")))
    assert proc.returncode == 2


def test_a_bad_manifest_exits_3_naming_the_file_and_line(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.csv").write_text(
        "file,ente_id,ente_name,ente_type,region,province,doc_type,period_start_year,"
        "period_end_year\nx.txt,x,X,Municipio,Lazio,RM,PEG,2021,2021\n"
    )
    proc = run_plans(["ingest", "--db", str(tmp_path / "w.duckdb")], build_env(tmp_path, raw))
    assert proc.returncode == 3
    assert "manifest.csv:2: ente_type 'Municipio'" in proc.stderr
