"""What every step of a run shares: the exit codes, the error that stops a run, and the
RunSummary each run records (one row of ``audit.load_runs``)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.dispatch import DocOutcome

Progress = Callable[[str], None]

# Exit codes of the command line (documented in the README).
EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INGEST = 3
EXIT_DBT = 4
EXIT_CHECKS = 5
EXIT_LOCKED = 6
EXIT_PARTIAL = 7  # only with --strict: some documents were quarantined
EXIT_REFUSED = 8  # the run would have removed too many documents
EXIT_DISK_FULL = 9


class StepError(Exception):
    def __init__(self, exit_code: int, message: str, status: str = "failed") -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.status = status


class LockedError(StepError):
    def __init__(self, message: str) -> None:
        super().__init__(EXIT_LOCKED, message)


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@dataclass
class RunSummary:
    run_id: str
    trigger: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    status: str = "running"
    stage: str = "start"
    outcomes: list[DocOutcome] = field(default_factory=list)
    raw_counts: dict[str, int] = field(default_factory=dict)
    mart_counts: dict[str, int] = field(default_factory=dict)
    checks: dict[str, int | str] = field(default_factory=dict)
    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    files_parsed: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    not_retried: list[str] = field(default_factory=list)  # still quarantined, same file
    db_path: Path | None = None
    marts_dir: Path | None = None

    @property
    def failed(self) -> list[DocOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def record(self) -> dict:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": self.status,
            "trigger": self.trigger,
            "files_seen": self.files_seen,
            "files_new": self.files_new,
            "files_changed": self.files_changed,
            "files_failed": len(self.failed) + len(self.not_retried),
            "files_unchanged": self.files_unchanged,
            "files_removed": self.files_removed,
            "files_parsed": self.files_parsed,
            "raw_rows": sum(self.raw_counts.values()),
            "mart_rows": json.dumps(self.mart_counts, sort_keys=True),
            "checks_run": int(self.checks.get("run", 0)),
            "checks_failed_error": int(self.checks.get("failed_error", 0)),
            "checks_failed_warning": int(self.checks.get("failed_warning", 0)),
            "message": self.message.strip("; "),
            "warnings": "; ".join(self.warnings),
            "stage": self.stage,
        }
