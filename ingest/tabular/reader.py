"""Spreadsheet inputs as :class:`SourceDocument`: one line per non-empty row of each sheet
(cells TAB-joined) with its sheet and row as origin.

* a workbook (.xlsx): every sheet in workbook order; numbers are written in Italian format
  (1234,5), cells formatted as percentages as "25%", dates as gg/mm/aaaa, booleans sì/no;
* a folder of CSV files (the template as CSV): one file per sheet, ``<sheet>.csv``;
* a CSV export (profile-mapped): its own records, a quoted cell with line breaks staying in
  one record; delimiter and encoding as the profile says.

A TAB inside a cell becomes a space in the line (TAB separates cells); line breaks inside a
cell are kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.common import LineOrigin, ParseError, SourceDocument
from ingest.tabular.spec import MARKER_FIELDS, MARKER_SHEET, SHEETS
from ingest.tabular.values import format_it_number


def render_cell(value: object, number_format: str | None = None) -> str:
    """The text of a spreadsheet cell as the template reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return format_it_number(round(value * 100, 10)) + "%"
        return format_it_number(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _line(cells: Iterable[str]) -> str:
    return "\t".join(c.replace("\t", " ") for c in cells).rstrip("\t")


def _document(
    path: Path,
    data: bytes,
    rows: Iterator[tuple[str, int, list[str]]],
    input_format: str,
    converter: str,
    encoding: str | None = None,
) -> SourceDocument:
    lines: list[str] = []
    origins: list[LineOrigin] = []
    for sheet, row, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        lines.append(_line(cells))
        origins.append(LineOrigin(sheet=sheet, row=row))
    return SourceDocument(
        path=path,
        document_id=path.stem,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(lines),
        input_format=input_format,
        encoding=encoding,
        converter=converter,
        origins=tuple(origins),
    )


def read_xlsx(path: Path, converter: str | None = None) -> SourceDocument:
    """Every sheet of a workbook, in workbook order."""
    import openpyxl

    data = path.read_bytes()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip or XML errors: not a readable workbook
        raise ParseError(path.name, None, f"not a readable .xlsx workbook ({exc})") from exc

    def rows() -> Iterator[tuple[str, int, list[str]]]:
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(), start=1):
                cells = [render_cell(c.value, getattr(c, "number_format", None)) for c in row]
                yield ws.title, r, cells

    try:
        return _document(
            path, data, rows(), "xlsx", converter or f"openpyxl {openpyxl.__version__}"
        )
    finally:
        wb.close()


def decode(path: Path, data: bytes, encoding: str = "utf-8") -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise ParseError(path.name, line_no, f"not valid {encoding} ({exc.reason})") from exc
    return text.lstrip("\ufeff")


def sniff_delimiter(text: str) -> str:
    """',' or ';' (or TAB), whichever the header line uses most."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=header.count)


def csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(record number, cells) of a CSV text: a quoted cell with line breaks is one record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for n, record in enumerate(reader, start=1):
        yield n, [c.replace("\r\n", "\n").replace("\r", "\n") for c in record]


def read_csv(
    path: Path,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    converter: str = "csv",
) -> SourceDocument:
    """A CSV export: one line per record, origin = (file name, record number)."""
    data = path.read_bytes()
    text = decode(path, data, encoding)
    sep = delimiter or sniff_delimiter(text)
    rows = ((path.stem, n, cells) for n, cells in csv_records(text, sep))
    return _document(path, data, rows, "csv", converter, encoding)


def template_csv_files(folder: Path) -> list[Path]:
    """The CSV files of a template folder: the template's sheets first, in their order."""
    order = {s.name: i for i, s in enumerate(SHEETS)}
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv"]
    return sorted(files, key=lambda p: (order.get(p.stem, len(order)), p.name))


def read_csv_folder(folder: Path) -> SourceDocument:
    """A template as a folder of CSV files, one per sheet (``documento.csv`` ...)."""
    files = template_csv_files(folder)
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")

    def rows() -> Iterator[tuple[str, int, list[str]]]:
        for p in files:
            text = decode(p, p.read_bytes())
            for n, cells in csv_records(text, sniff_delimiter(text)):
                yield p.stem, n, cells

    doc = _document(folder, b"", rows(), "csv", "csv")
    return SourceDocument(
        path=folder,
        document_id=folder.stem,
        sha256=h.hexdigest(),
        lines=doc.lines,
        input_format="csv",
        encoding="utf-8",
        converter="csv",
        origins=doc.origins,
    )


def header_names(line: str) -> list[str]:
    """Field names of a header line: the required-field marker ' *' removed, lower case."""
    return [c.strip().removesuffix("*").strip().lower() for c in line.split("\t")]


def is_template(doc: SourceDocument) -> bool:
    """A document is a template when its ``documento`` sheet's header has the marker fields."""
    if doc.origins is None:
        return False
    for line, origin in zip(doc.lines, doc.origins, strict=True):
        if origin.sheet == MARKER_SHEET:
            names = header_names(line)
            return all(f in names for f in MARKER_FIELDS)
    return False


def is_template_folder(path: Path) -> bool:
    return path.is_dir() and (path / f"{MARKER_SHEET}.csv").is_file()
