"""Read one file and parse it with the layout its content matches: a pure function of the
file, the manifest line and the code, so it can run in a worker process.

Any failure becomes a ``failed`` outcome that names the file and line; nothing raises.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.common import ParseError, ParseResult, SourceDocument
from ingest.enrich import enrich
from ingest.manifest import Manifest, ManifestEntry
from ingest.registry import detect_family, layout_for
from ingest.repeats import RULE as REPEATED_RULE
from ingest.repeats import hide_repeated_runs

# C0 control characters other than TAB: never text of a plan (NUL bytes of a damaged copy)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class DocOutcome:
    path: Path
    document_id: str
    sha256: str | None
    status: str  # loaded | failed
    family: str | None = None
    error: str | None = None
    error_line: int | None = None
    result: ParseResult | None = None
    manifest: ManifestEntry | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # defects found and repaired or kept
    problems: list[dict[str, Any]] = field(default_factory=list)  # one row per problem
    # kept when the parse result itself is dropped (a worker returns only what lands)
    layout: str | None = None
    records: int = 0
    line_counts: dict[str, int] = field(default_factory=dict)

    @property
    def source_file(self) -> str:
        return self.path.name


def read_source(path: Path, cache_dir: Path | None = None) -> tuple[SourceDocument, str | None]:
    """The document as lines, whatever its input format, and its family when the reader
    already knows it (a filled template, an export a profile maps); None: detect it."""
    from ingest.sources import read_document
    from ingest.tabular.inputs import is_tabular, open_document

    if is_tabular(path):
        return open_document(path)
    return read_document(path, cache_dir), None


def remove_control_characters(doc: SourceDocument) -> tuple[SourceDocument, list[str]]:
    """Drop control characters (NUL and the like, not TAB) from every line: they are never
    content, and kept they would reach names shared with other documents. Returns the
    cleaned document and a flag naming the lines."""
    lines = []
    touched = []
    for n, text in enumerate(doc.lines, start=1):
        clean = _CONTROL.sub("", text)
        if clean != text:
            touched.append(n)
        lines.append(clean)
    if not touched:
        return doc, []
    shown = ", ".join(str(n) for n in touched[:10]) + (" ..." if len(touched) > 10 else "")
    flag = f"control characters (NUL bytes or similar) removed on {len(touched)} lines: {shown}"
    return dataclasses.replace(doc, lines=tuple(lines)), [flag]


def _failed(path: Path, doc: SourceDocument | None, exc: ParseError, **kw: Any) -> DocOutcome:
    problems = getattr(exc, "problems", None) or []
    return DocOutcome(
        path,
        path.stem,
        doc.sha256 if doc else None,
        "failed",
        error=str(exc),
        error_line=exc.line_no,
        problems=[
            p if isinstance(p, dict) else {**dataclasses.asdict(p), "message": str(p)}
            for p in problems
        ],
        **kw,
    )


def parse_one(
    path: Path, manifest: Manifest | dict[str, ManifestEntry], cache_dir: Path | None = None
) -> DocOutcome:
    """Read, detect, parse and enrich one file."""
    document_id = path.stem
    try:
        doc, known_family = read_source(path, cache_dir)
    except ParseError as exc:
        return _failed(path, None, exc)
    doc, flags = remove_control_characters(doc)
    entry = manifest.get(path.name)
    line_error = manifest.line_errors.get(path.name) if isinstance(manifest, Manifest) else None
    if line_error:
        return DocOutcome(path, document_id, doc.sha256, "failed", error=line_error)
    read, hidden, repeat_flags = hide_repeated_runs(doc)
    flags += repeat_flags
    try:
        family = known_family or detect_family(read)
        layout = layout_for(family)
        result = layout.parse(read)
        # the ledger accounts for the document as it is, repeated copy included
        result.ledger.doc = doc
        for n in hidden:
            result.ledger.boilerplate(n, REPEATED_RULE)
        result.ledger.finalize()
    except ParseError as exc:
        return _failed(path, doc, exc, manifest=entry)
    except Exception as exc:  # a parser bug must not stop the batch either
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return DocOutcome(
            path,
            document_id,
            doc.sha256,
            "failed",
            error=f"{path.name}: parser error {type(exc).__name__}: {exc} "
            f"(at {Path(tb.filename).name}:{tb.lineno})",
            manifest=entry,
        )
    if entry is None and result.document_meta:
        entry = entry_from_document(path.name, result.document_meta)
    if entry is None:
        return DocOutcome(
            path,
            document_id,
            doc.sha256,
            "failed",
            family=family,
            error=f"{path.name}: not described in data/raw/manifest.csv (ente, type, period) "
            "and does not describe itself",
        )
    tables = enrich(result)
    flags += [f"possibly truncated: {why}" for why in layout.incomplete(tables, doc)]
    return DocOutcome(
        path,
        document_id,
        doc.sha256,
        "loaded",
        family=family,
        result=result,
        manifest=entry,
        tables=tables,
        flags=flags,
    )


def entry_from_document(file: str, meta: dict[str, Any]) -> ManifestEntry:
    """A manifest entry from what a self-describing document says about itself."""
    return ManifestEntry(
        file=file,
        ente_id=str(meta.get("ente_id") or ""),
        ente_name=str(meta.get("ente_name") or ""),
        ente_type=str(meta.get("ente_type") or "Altro"),
        region=str(meta.get("region") or ""),
        province=str(meta.get("province") or ""),
        doc_type=str(meta.get("doc_type") or ""),
        period_start_year=meta.get("period_start_year"),
        period_end_year=meta.get("period_end_year"),
        period_note=meta.get("period_note"),
        line=None,
    )
