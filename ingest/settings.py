"""Paths and options, all configurable by environment variables with project defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def duckdb_config() -> dict[str, str]:
    """Settings of every DuckDB connection that writes a build: a memory limit (beyond it
    DuckDB spills to disk), PLANS_DUCKDB_MEMORY_LIMIT, default 1536MB, as in dbt's profile;
    no insertion order kept where a query does not ask for one (less memory)."""
    return {
        "memory_limit": os.environ.get("PLANS_DUCKDB_MEMORY_LIMIT", "1536MB"),
        "preserve_insertion_order": False,
    }


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    p = Path(value) if value else default
    return p if p.is_absolute() else (ROOT / p)


@dataclass(frozen=True)
class Settings:
    root: Path
    data_dir: Path
    raw_dir: Path
    inbox_dir: Path | None
    manifest_path: Path
    db_path: Path
    marts_dir: Path
    builds_dir: Path
    cache_dir: Path
    data_docs_dir: Path
    dbt_docs_dir: Path
    log_dir: Path
    dbt_project_dir: Path
    keep_builds: int
    blocking_severity: str | None  # "error" makes failed error-checks fail the build
    state_dir: Path  # what no warehouse build holds: run history, failures, hash cache
    max_removed_share: float  # a run removing more of the loaded documents is refused

    @property
    def state_path(self) -> Path:
        return self.state_dir / "state.duckdb"

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = _path("PLANS_DATA_DIR", ROOT / "data")
        inbox = os.environ.get("PLANS_INBOX_DIR")
        return cls(
            root=ROOT,
            data_dir=data_dir,
            raw_dir=_path("PLANS_RAW_DIR", data_dir / "raw"),
            inbox_dir=_path("PLANS_INBOX_DIR", Path(inbox)) if inbox else None,
            manifest_path=_path("PLANS_MANIFEST", data_dir / "raw" / "manifest.csv"),
            db_path=_path("PLANS_DB_PATH", data_dir / "warehouse.duckdb"),
            marts_dir=_path("PLANS_MARTS_DIR", data_dir / "marts"),
            builds_dir=_path("PLANS_BUILDS_DIR", data_dir / "builds"),
            cache_dir=_path("PLANS_CACHE_DIR", data_dir / "cache"),
            data_docs_dir=_path("PLANS_DATA_DOCS_DIR", data_dir / "data_docs"),
            dbt_docs_dir=_path("PLANS_DBT_DOCS_DIR", data_dir / "dbt_docs"),
            log_dir=_path("PLANS_LOG_DIR", data_dir / "logs"),
            dbt_project_dir=ROOT / "dbt_project",
            keep_builds=int(os.environ.get("PLANS_KEEP_BUILDS", "2")),
            blocking_severity=os.environ.get("PLANS_BLOCKING_SEVERITY") or None,
            state_dir=_path("PLANS_STATE_DIR", data_dir / "state"),
            max_removed_share=float(os.environ.get("PLANS_MAX_REMOVED_SHARE", "0.25")),
        )

    def raw_dirs(self) -> list[Path]:
        dirs = [self.raw_dir]
        if self.inbox_dir is not None:
            dirs.append(self.inbox_dir)
        return dirs
