"""Shared fixtures: one real build of the warehouse from data/raw/ per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
APP = str(ROOT / "dashboards" / "app.py")


def build_env(data_dir: Path, raw_dir: Path = RAW, manifest: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PLANS_DATA_DIR": str(data_dir),
            "PLANS_RAW_DIR": str(raw_dir),
            "PLANS_MANIFEST": str(manifest or raw_dir / "manifest.csv"),
        }
    )
    env.pop("PLANS_DB_PATH", None)
    env.pop("PLANS_MARTS_DIR", None)
    return env


def run_plans(
    args: list[str], env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data dir of a full `plans build` of the real samples (real dbt, real GE)."""
    data_dir = tmp_path_factory.mktemp("warehouse")
    proc = run_plans(["build"], build_env(data_dir))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return data_dir


@pytest.fixture()
def wh(built_warehouse: Path):
    con = duckdb.connect(str(built_warehouse / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def app(built_warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    """The Streamlit app (AppTest) over the marts of the sample build."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLANS_MARTS_DIR", str(built_warehouse / "marts"))
    monkeypatch.delenv("PLANS_DATA_DOCS_DIR", raising=False)
    return AppTest.from_file(APP, default_timeout=90)
