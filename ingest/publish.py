"""Publishing a build: one atomic step.

Every build lives in its own folder ``data/builds/<run_id>/`` (warehouse.duckdb, marts/,
data_docs/, documents.parquet, build.json). ``data/current`` is a symlink to the serving build
folder and the switch is one ``os.replace`` of that symlink. The paths users open never
change: ``data/warehouse.duckdb``, ``data/marts`` and ``data/data_docs`` are symlinks through
``data/current`` (created once; a leftover real file or folder of an older layout is replaced
after the first switch). A kill at any instant leaves either the old or the new build
serving, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from ingest.settings import Settings


def current_link(settings: Settings) -> Path:
    return settings.data_dir / "current"


def serving_build(settings: Settings) -> Path | None:
    """The build folder serving now, or None (nothing built yet, or an older layout)."""
    link = current_link(settings)
    if not link.is_symlink():
        return None
    target = link.resolve()
    if not (target / "warehouse.duckdb").exists():
        return None
    return target


def read_build_info(build_dir: Path) -> dict[str, Any]:
    path = build_dir / "build.json"
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text())
    except ValueError:
        return {}


def write_build_info(build_dir: Path, info: dict[str, Any]) -> None:
    (build_dir / "build.json").write_text(json.dumps(info, indent=1, sort_keys=True))


def _symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` atomically."""
    link.parent.mkdir(parents=True, exist_ok=True)
    tmp = link.with_name(f".{link.name}.swap")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(target)
    if link.exists() and not link.is_symlink() and link.is_dir():
        shutil.rmtree(link)  # a real folder of an older layout: replaced once
    os.replace(tmp, link)


def ensure_user_links(settings: Settings) -> None:
    """The stable paths users open, each a symlink through ``current``."""
    current = current_link(settings)
    for path, name in (
        (settings.db_path, "warehouse.duckdb"),
        (settings.marts_dir, "marts"),
        (settings.data_docs_dir, "data_docs"),
        (settings.dbt_docs_dir, "dbt_docs"),
    ):
        target = os.path.relpath(current / name, path.parent)
        if path.is_symlink() and os.readlink(path) == target:
            continue
        _symlink(path, target)
        for suffix in (".wal",):
            stale = path.with_name(path.name + suffix)
            if stale.exists() and not stale.is_symlink():
                stale.unlink()


def switch(settings: Settings, build_dir: Path) -> None:
    """Make ``build_dir`` the serving build: one atomic symlink replacement."""
    _symlink(current_link(settings), os.path.relpath(build_dir, settings.data_dir))
    ensure_user_links(settings)


def prune_builds(settings: Settings) -> None:
    """Remove build folders but the serving one and the most recent PLANS_KEEP_BUILDS - 1."""
    if not settings.builds_dir.exists():
        return
    live = serving_build(settings)
    builds = sorted(p for p in settings.builds_dir.iterdir() if p.is_dir())
    old = [b for b in builds if live is None or b.resolve() != live]
    for b in old[: max(0, len(old) - max(0, settings.keep_builds - 1))]:
        shutil.rmtree(b, ignore_errors=True)


def publish_file(folder: Path, name: str, write: Any) -> None:
    """Replace ``folder/name`` atomically with what ``write(tmp_path)`` writes."""
    if not folder.exists():
        return
    tmp = folder / f".{name}.tmp"
    write(tmp)
    os.replace(tmp, folder / name)
