"""Shared building blocks for every document parser.

A parser receives a :class:`SourceDocument` (the raw lines with their lineage) and returns a
:class:`ParseResult`: named tables of records (plain dicts) plus a :class:`Ledger` that says,
for every non-blank line, whether it was mapped to a record, classified as boilerplate by a
named rule, or left unparsed with a reason. Nothing is lost: lines no parser claimed end up
in ``audit.unparsed_lines``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

MAPPED = "mapped"
BOILERPLATE = "boilerplate"
UNPARSED = "unparsed"
BLANK = "blank"


class ParseError(Exception):
    """A document (or one of its lines) cannot be read; names the file and line."""

    def __init__(self, source_file: str, line_no: int | None, message: str) -> None:
        self.source_file = source_file
        self.line_no = line_no
        self.message = message
        where = f"{source_file}:{line_no}" if line_no else source_file
        super().__init__(f"{where}: {message}")


class UnknownLayoutError(ParseError):
    """No known document family matches the document's content."""


@dataclass(frozen=True)
class LineOrigin:
    """Where a line of a converted document comes from in its original file: the PDF page,
    or the spreadsheet sheet and row. Text exports need none (the line is the origin)."""

    page: int | None = None
    sheet: str | None = None
    row: int | None = None

    def lineage(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.page is not None:
            out["source_page"] = self.page
        if self.sheet is not None:
            out["source_sheet"] = self.sheet
        if self.row is not None:
            out["source_row"] = self.row
        return out


@dataclass(frozen=True)
class SourceDocument:
    """One raw document as lines of text with its lineage.

    A text export is its own lines. Other inputs (PDF, spreadsheets) are converted into the
    same shape (one line per text line or table row, TAB-separated cells) and keep, per line,
    its ``origins`` in the original file. ``input_format``, ``encoding`` and ``converter``
    say how the lines were obtained.
    """

    path: Path
    document_id: str
    sha256: str
    lines: tuple[str, ...]  # without line terminators; lines[0] is line 1
    input_format: str = "text"  # text | pdf | xlsx | csv
    encoding: str | None = None  # as detected, for text inputs
    converter: str | None = None  # name and version, for converted inputs
    origins: tuple[LineOrigin, ...] | None = None  # one per line, for converted inputs

    @classmethod
    def from_path(cls, path: Path, document_id: str | None = None) -> SourceDocument:
        """Read a text export or a PDF (see :func:`ingest.sources.read_document`)."""
        from ingest.sources import read_document

        return read_document(path, document_id=document_id)

    @property
    def source_file(self) -> str:
        return self.path.name

    def line(self, line_no: int) -> str:
        """The text of a 1-based line."""
        return self.lines[line_no - 1]

    def numbered(self) -> list[tuple[int, str]]:
        """(line_no, text) pairs, 1-based."""
        return list(enumerate(self.lines, start=1))

    def cells(self, line_no: int) -> list[str]:
        """Tab-separated cells of a line, each stripped of surrounding spaces."""
        return [c.strip() for c in self.line(line_no).split("\t")]

    def lineage(self, line_no: int) -> dict[str, Any]:
        """``source_page`` / ``source_sheet`` / ``source_row`` of a line of a converted
        document (empty for a text export)."""
        if self.origins is None:
            return {}
        return self.origins[line_no - 1].lineage()


@dataclass
class LineStatus:
    status: str
    detail: str  # table name (mapped), rule name (boilerplate) or reason (unparsed)


class Ledger:
    """Accounts for every line of one document.

    The first claim on a line wins, except that ``map`` overrides a boilerplate or unparsed
    claim (a line that feeds a record is data). ``finalize`` marks every non-blank line that
    nobody claimed as unparsed.
    """

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self._status: dict[int, LineStatus] = {}

    def _check(self, line_no: int) -> None:
        if not 1 <= line_no <= len(self.doc.lines):
            raise ValueError(f"{self.doc.source_file}: line {line_no} out of range")

    def map(self, line_no: int, table: str) -> None:
        self._check(line_no)
        current = self._status.get(line_no)
        if current is None or current.status != MAPPED:
            self._status[line_no] = LineStatus(MAPPED, table)

    def map_range(self, first: int, last: int, table: str) -> None:
        for n in range(first, last + 1):
            if self.doc.line(n).strip():
                self.map(n, table)

    def boilerplate(self, line_no: int, rule: str) -> None:
        self._check(line_no)
        self._status.setdefault(line_no, LineStatus(BOILERPLATE, rule))

    def unparsed(self, line_no: int, reason: str) -> None:
        self._check(line_no)
        self._status.setdefault(line_no, LineStatus(UNPARSED, reason))

    def status(self, line_no: int) -> LineStatus | None:
        return self._status.get(line_no)

    def is_claimed(self, line_no: int) -> bool:
        return line_no in self._status

    def finalize(self) -> None:
        for n, text in self.doc.numbered():
            if not text.strip():
                self._status[n] = LineStatus(BLANK, "")
            elif n not in self._status:
                self._status[n] = LineStatus(UNPARSED, "no parser rule claimed this line")

    def rows(self) -> list[dict[str, Any]]:
        """One row per line (after ``finalize``) for raw.document_lines."""
        out = []
        doc_id = self.doc.document_id
        status = self._status
        for n, text in enumerate(self.doc.lines, start=1):
            st = status.get(n) or LineStatus(BLANK if not text.strip() else UNPARSED, "")
            out.append(
                {
                    "document_id": doc_id,
                    "line_no": n,
                    "text": text,
                    "status": st.status,
                    "detail": st.detail,
                }
            )
        return out

    def counts(self) -> dict[str, int]:
        c = {MAPPED: 0, BOILERPLATE: 0, UNPARSED: 0, BLANK: 0}
        for n, text in enumerate(self.doc.lines, start=1):
            st = self._status.get(n)
            c[st.status if st else (BLANK if not text.strip() else UNPARSED)] += 1
        return c


@dataclass
class ParseResult:
    """What a parser returns for one document."""

    document_id: str
    family: str
    layout: str
    ledger: Ledger
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    doc_title: str | None = None
    period_start_year: int | None = None
    period_end_year: int | None = None
    # What a self-describing document (a filled template) says about itself: ente_id,
    # ente_name, ente_type, region, province, doc_type, period_start_year, period_end_year.
    # The loader uses it when the manifest has no line for the file; a manifest line wins.
    document_meta: dict[str, Any] = field(default_factory=dict)

    def add(self, table: str, record: dict[str, Any], lines: int | tuple[int, int]) -> None:
        """Append a record to ``table`` and mark its source line(s) as mapped.

        ``lines`` is one line number or an inclusive (first, last) range. The record gets
        ``document_id``, ``source_line`` and ``source_line_end``.
        """
        first, last = (lines, lines) if isinstance(lines, int) else lines
        row = {"document_id": self.document_id, "source_line": first, "source_line_end": last}
        row.update(self.ledger.doc.lineage(first))
        row.update(record)
        self.tables.setdefault(table, []).append(row)
        self.ledger.map_range(first, last, table)


# --- Italian number formats -------------------------------------------------------------

_IT_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def parse_it_decimal(raw: str | None) -> Decimal | None:
    """'1.234.567,89' -> Decimal('1234567.89'); '23,82 %' -> Decimal('23.82').

    Returns None for empty strings. Raises ValueError for text that is not an Italian-format
    number (callers decide whether that is a defect to report).
    """
    if raw is None:
        return None
    s = raw.strip().replace("\u00a0", " ")
    if s.endswith("%"):
        s = s[:-1].strip()
    if s.startswith("€"):
        s = s[1:].strip()
    if s.endswith("€"):
        s = s[:-1].strip()
    s = s.replace(" ", "")
    if not s:
        return None
    if not _IT_NUMBER.match(s):
        raise ValueError(f"not an Italian-format number: {raw!r}")
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - regex guards this
        raise ValueError(f"not a number: {raw!r}") from exc


def try_parse_it_decimal(raw: str | None) -> Decimal | None:
    """Like :func:`parse_it_decimal` but returns None instead of raising."""
    try:
        return parse_it_decimal(raw)
    except ValueError:
        return None


_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")


def parse_it_date(raw: str | None) -> str | None:
    """'31/12/2021' or '31/12/21' or '30.06.2023' -> '2021-12-31' (ISO); None if not a date."""
    if raw is None:
        return None
    m = _DATE.match(raw.strip())
    if not m:
        return None
    d, mth, y = int(m.group(1)), int(m.group(2)), m.group(3)
    year = int(y) + 2000 if len(y) == 2 else int(y)
    import datetime as _dt

    try:
        return _dt.date(year, mth, d).isoformat()
    except ValueError:
        return None


_HTML_TAG = re.compile(r"</?(b|i|u|strong|em|br|ul|li|span)\b[^>]*>", re.IGNORECASE)


_SPACES = re.compile(r"[ \u00a0]+")


def strip_markup(text: str) -> str:
    """Remove HTML tags and markdown bold markers left by the export; collapse spaces."""
    s = _HTML_TAG.sub("", text) if "<" in text else text
    if "*" in s:
        s = s.replace("**", "")
    if "  " in s or "\u00a0" in s:
        s = _SPACES.sub(" ", s)
    return s.strip()
