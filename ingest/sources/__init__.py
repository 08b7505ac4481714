"""Read a raw document as enti publish it into a :class:`ingest.common.SourceDocument`.

:func:`read_document` dispatches on the file's content (the suffix only when the content
says nothing): a PDF is converted (:mod:`ingest.sources.pdf`), with the conversion cached by
the PDF's sha256 and the converter's version; any other file is read as text in whatever
encoding it has (:mod:`ingest.sources.text`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.common import ParseError, SourceDocument
from ingest.sources import cache
from ingest.sources.pdf import Conversion, convert_pdf, converter_name, converter_version
from ingest.sources.text import decode_text, split_lines

# Suffixes discover() picks up in a raw folder.
TEXT_SUFFIXES = (".txt", ".text", ".tsv")  # never .csv: the manifest lives there too
PDF_SUFFIXES = (".pdf",)
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Conversion",
    "converter_name",
    "converter_version",
    "is_document",
    "read_document",
    "sha256_of",
]


def is_document(path: Path) -> bool:
    """A file discover() should pick up in a raw folder."""
    return path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def read_document(
    path: Path, cache_dir: Path | None = None, document_id: str | None = None
) -> SourceDocument:
    """The document at ``path`` as lines with their lineage; ParseError when it cannot be
    read (the message names the file, and the page or line)."""
    name = path.name
    with path.open("rb") as fh:
        head = fh.read(1024)
    doc_id = document_id or path.stem
    if not head:
        raise ParseError(name, None, "empty file")
    if _is_pdf(head):
        return _read_pdf(path, cache_dir, doc_id)
    if path.suffix.lower() in PDF_SUFFIXES:
        raise ParseError(name, None, "not a PDF file: no %PDF- header (renamed or damaged?)")
    if head.startswith(_ZIP) or head.startswith(_OLE):
        raise ParseError(
            name, None, "an office file (xlsx/docx/xls/doc container), not a text export or PDF"
        )
    return _read_text(path, doc_id)


def _read_text(path: Path, document_id: str) -> SourceDocument:
    data = path.read_bytes()
    text, encoding = decode_text(data, path.name)
    lines, origins = split_lines(text)
    if not any(ln.strip() for ln in lines):
        raise ParseError(path.name, None, "empty file (only blank lines)")
    return SourceDocument(
        path=path,
        document_id=document_id,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        input_format="text",
        encoding=encoding,
        origins=origins,
    )


def _read_pdf(path: Path, cache_dir: Path | None, document_id: str) -> SourceDocument:
    sha = sha256_of(path)
    conv = cache.load(cache_dir, sha, converter_version()) if cache_dir else None
    if conv is None:
        conv = convert_pdf(path)
        if cache_dir is not None:
            cache.store(cache_dir, sha, converter_version(), converter_name(), path.name, conv)
    return SourceDocument(
        path=path,
        document_id=document_id,
        sha256=sha,
        lines=tuple(conv.lines),
        input_format="pdf",
        converter=converter_name(),
        origins=conv.origins(),
    )
