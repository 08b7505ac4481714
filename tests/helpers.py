"""Test helpers: build SourceDocuments from excerpts of the real samples."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.common import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def doc_from_text(text: str, name: str = "excerpt.txt") -> SourceDocument:
    """A SourceDocument from literal text (lines separated by \\n, cells by \\t)."""
    lines = tuple(text.split("\n"))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return SourceDocument(
        path=Path(name),
        document_id=Path(name).stem,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        lines=lines,
    )


def sample(file_name: str) -> SourceDocument:
    """One of the real sample documents in data/raw/."""
    return SourceDocument.from_path(RAW / file_name)
