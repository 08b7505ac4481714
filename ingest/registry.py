"""The registry of document layouts: one entry per layout is the only place to touch.

Each module of ``ingest/layouts/`` defines ``LAYOUT = Layout(...)``: the family, the markers
that detect it from a document's content (never from its file name), the parser module, and
the raw tables its records land in. The loader, the detection, the raw schema and the
generated staging models all read this registry.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from ingest.common import ParseResult, SourceDocument, UnknownLayoutError
from ingest.schema import CORE_TABLES, RawTable


@dataclass(frozen=True)
class Marker:
    """One content marker of a layout: a human label and the pattern that finds it."""

    label: str
    pattern: str

    def found_in(self, text: str) -> bool:
        return re.search(self.pattern, text, re.IGNORECASE | re.MULTILINE) is not None


@dataclass(frozen=True)
class Layout:
    family: str
    title: str  # what the documents of this layout are, for people
    parser: str  # module with ``parse(doc: SourceDocument) -> ParseResult``
    tables: tuple[RawTable, ...]
    markers: tuple[Marker, ...] = ()  # all must be found; empty: never detected from text
    input_formats: tuple[str, ...] = ("text", "pdf")
    # signs that a parsed document is cut short (a truncated file): reasons, empty if none
    completeness: Callable[[dict[str, list[dict[str, Any]]], SourceDocument], list[str]] | None = (
        None
    )

    def module(self) -> ModuleType:
        return importlib.import_module(self.parser)

    def parse(self, doc: SourceDocument) -> ParseResult:
        return self.module().parse(doc)

    def incomplete(self, tables: dict[str, list[dict[str, Any]]], doc: SourceDocument) -> list[str]:
        """Why the parsed document looks cut short (a truncated file), if it does."""
        return self.completeness(tables, doc) if self.completeness else []

    def missing_markers(self, text: str) -> list[Marker]:
        return [m for m in self.markers if not m.found_in(text)]


@cache
def layouts() -> tuple[Layout, ...]:
    """Every registered layout, in module name order."""
    import ingest.layouts as package

    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if isinstance(layout, Layout):
            found.append(layout)
    return tuple(found)


def layout_for(family: str) -> Layout:
    for layout in layouts():
        if layout.family == family:
            return layout
    raise KeyError(f"no layout registered for family {family!r}")


@cache
def raw_tables() -> dict[str, RawTable]:
    """Every raw table: the core ones, then each layout's, by name."""
    tables: dict[str, RawTable] = {t.name: t for t in CORE_TABLES}
    for layout in layouts():
        for t in layout.tables:
            if t.name in tables:
                raise ValueError(f"raw table {t.name} declared twice ({layout.family})")
            tables[t.name] = t
    return tables


def family_of_table() -> dict[str, str]:
    return {t.name: layout.family for layout in layouts() for t in layout.tables}


_DEBRIS_TAGS = re.compile(r"</?(b|i|u|strong|em|br|ul|li|span)\b[^>]*>", re.IGNORECASE)
_HEADING_MARKS = re.compile(r"^#+[ \t]*", re.MULTILINE)


def content_text(doc: SourceDocument) -> str:
    """The document's text without export debris (HTML/markdown emphasis, heading marks), so
    that markers match content whether it comes from a text export or a converted PDF."""
    text = "\n".join(doc.lines)
    if "<" in text:
        text = _DEBRIS_TAGS.sub("", text)
    if "**" in text:
        text = text.replace("**", "")
    if "#" in text:
        text = _HEADING_MARKS.sub("", text)
    return text


def detect_family(doc: SourceDocument) -> str:
    """The family whose markers the document's content has, all of them.

    No match: UnknownLayoutError naming the closest layout and the markers it lacks. Several
    matches: UnknownLayoutError naming them (a document must not be read two ways).
    """
    text = content_text(doc)
    if not text.strip():
        raise UnknownLayoutError(doc.source_file, None, "empty document: no text to read")
    candidates = [lay for lay in layouts() if lay.markers and doc.input_format in lay.input_formats]
    found = [lay.family for lay in candidates if not lay.missing_markers(text)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownLayoutError(
            doc.source_file, None, f"ambiguous document layout: matches {', '.join(found)}"
        )
    if not candidates:
        raise UnknownLayoutError(
            doc.source_file, None, f"no layout reads {doc.input_format} documents"
        )
    scored = sorted(
        candidates,
        key=lambda lay: (len(lay.missing_markers(text)) / len(lay.markers), lay.family),
    )
    best = scored[0]
    missing = best.missing_markers(text)
    have = len(best.markers) - len(missing)
    raise UnknownLayoutError(
        doc.source_file,
        None,
        f"unknown document layout: the closest is {best.family} ({best.title}), which has "
        f"{have} of its {len(best.markers)} markers; missing: "
        + "; ".join(f"{m.label} /{m.pattern}/" for m in missing),
    )
