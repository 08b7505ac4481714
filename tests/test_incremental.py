"""An incremental refresh gives the same marts as a full build of the same documents.

The refresh recomputes only the touched documents (dbt_project/macros/incremental.sql): a
changed figure in two documents (one of them the PEG), a document removed and a new one
added; then a full build of the same raw folder; every mart must be identical, row for row,
apart from the run ids and load times and the revision history (only the refresh has one).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.snapshot import compare, snapshot_marts
from tests.conftest import build_env, run_plans
from tests.helpers import RAW

pytestmark = pytest.mark.e2e

IGNORE = {"run_id", "loaded_at", "validated_run_id", "checked_at", "dbt_updated_at"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_incremental_refresh_equals_a_full_build(tmp_path: Path):
    data = tmp_path / "inc"
    raw = data / "raw"
    raw.mkdir(parents=True)
    for p in RAW.iterdir():
        shutil.copy(p, raw / p.name)
    assert run_plans(["build", "--skip-checks"], build_env(data, raw)).returncode == 0

    _edit(raw / "000_e3700703ee819e5c.txt", "15/17\t80%", "15/17\t90%")
    _edit(raw / "003_51402a20550dfbf2.txt", "\t39.000,00\t0,41 %", "\t39.500,00\t0,42 %")
    (raw / "002_142f2b20942e7c60.txt").unlink()
    shutil.copy(raw / "001_873564630502075e.txt", raw / "009_copia.txt")
    line = next(x for x in (raw / "manifest.csv").read_text().splitlines() if x.startswith("001_"))
    with (raw / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            line.replace("001_873564630502075e", "009_copia").replace("asc-insieme", "asc-copia")
            + "\n"
        )
    proc = run_plans(["refresh", "--skip-checks", "--allow-removal"], build_env(data, raw))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(incremental)" in proc.stdout
    assert "incremental, 4 documents touched" in proc.stdout

    full = tmp_path / "full"
    shutil.copytree(raw, full / "raw")
    assert run_plans(["build", "--skip-checks"], build_env(full, full / "raw")).returncode == 0

    a = snapshot_marts(full / "warehouse.duckdb", IGNORE)
    b = snapshot_marts(data / "warehouse.duckdb", IGNORE)
    a.pop("mart_indicator_changes")
    assert len(b.pop("mart_indicator_changes")) > 0  # the refresh recorded the revisions
    assert compare(a, b) == []
    assert len(a["dim_document"]) == 5 and len(a["fct_budget_capitolo"]) == 139
