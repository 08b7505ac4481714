"""Converted documents kept as build artefacts, keyed by the input's sha256 and the
converter's version: a refresh never converts an unchanged PDF twice.

``<cache_dir>/converted/<sha256>-<converter_version>.txt`` holds the converted text (what the
parsers read, one line per text line or table row, TAB-separated cells);
``<sha256>-<converter_version>.json`` beside it the page of each line and the conversion's
facts (converter, page count, what was left out). Both are written atomically; a missing or
inconsistent pair is converted again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from ingest.sources.pdf import Conversion

SUBDIR = "converted"


def paths(cache_dir: Path, sha256: str, version: str) -> tuple[Path, Path]:
    stem = cache_dir / SUBDIR / f"{sha256}-{version}"
    return stem.with_suffix(".txt"), stem.with_suffix(".json")


def load(cache_dir: Path, sha256: str, version: str) -> Conversion | None:
    txt, meta = paths(cache_dir, sha256, version)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    pages = info.get("pages")
    if not isinstance(pages, list) or len(pages) != len(lines):
        return None
    return Conversion(lines, pages, info.get("page_count", 0), info.get("dropped", []))


def _write(path: Path, data: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(
    cache_dir: Path, sha256: str, version: str, converter: str, source_file: str, conv: Conversion
) -> None:
    txt, meta = paths(cache_dir, sha256, version)
    txt.parent.mkdir(parents=True, exist_ok=True)
    _write(txt, "".join(f"{ln}\n" for ln in conv.lines))
    info = {
        "sha256": sha256,
        "source_file": source_file,
        "converter": converter,
        "converter_version": version,
        "converted_at": dt.datetime.now().isoformat(timespec="seconds"),
        "page_count": conv.page_count,
        "lines": len(conv.lines),
        "dropped": conv.dropped,
        "pages": conv.pages,
    }
    _write(meta, json.dumps(info, ensure_ascii=False))
