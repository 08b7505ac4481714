"""The consistency checks in a process started at the beginning of a run.

Importing Great Expectations costs about ten seconds; the worker pays it while the run
parses and transforms, then validates when asked. It dies with the run (PR_SET_PDEATHSIG),
so a killed run leaves no process behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _serve(conn: Connection) -> None:
    die_with_parent()
    import great_expectations  # noqa: F401 - the slow import, done before the request

    from expectations.run_checks import run_checks

    request = conn.recv()
    if request is None:
        return
    db_path, run_id, docs_dir, documents = request
    try:
        counts = run_checks(
            Path(db_path),
            run_id,
            Path(docs_dir),
            lambda m: conn.send(("progress", m)),
            documents=documents,
        )
        conn.send(("done", counts))
    except Exception as exc:  # noqa: BLE001 - reported to the run, which fails with it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


class ChecksWorker:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="plans-checks")
        self._proc.start()
        child.close()

    def run(
        self,
        db_path: Path,
        run_id: str,
        docs_dir: Path,
        documents: list[str] | None,
        progress: Callable[[str], None],
    ) -> dict[str, Any]:
        self._conn.send((str(db_path), run_id, str(docs_dir), documents))
        while True:
            try:
                kind, payload = self._conn.recv()
            except EOFError:
                raise RuntimeError("the checks process ended without an answer") from None
            if kind == "progress":
                progress(payload)
            elif kind == "done":
                return payload
            else:
                raise RuntimeError(f"checks failed: {payload}")

    def close(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self._conn.send(None)
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=5)
