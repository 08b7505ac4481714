"""PDF -> the text shape the parsers read, with pdfplumber (MIT, on pdfminer.six).

Page after page, in reading order (top to bottom):

* every ruled table found by pdfplumber's table finder: one line per row, its cells joined
  by TABs (empty cells kept, so columns stay in place); the lines a cell wraps into are
  rejoined (:mod:`ingest.sources.wraps`), so a figure broken inside its cell is one figure;
  a table continued on the next page goes on with its rows, in order;
* every other text line: one line; consecutive lines of one paragraph that the PDF wrapped
  only because of the page width are rejoined when it is evident (same left edge, the usual
  line spacing, and the next line's first word would not have fitted at the end of this
  one); a gap wider than 1.5 em inside a line (an unruled column) becomes a TAB;
* a blank line where the page leaves vertical space (between paragraphs, around tables);
* page numbers alone in the top or bottom margin ("3", "Pagina 3 di 12", "- 3 -"; up to
  three digits, so a year is never one) are not content and are left out (listed in the
  conversion's ``dropped`` list).

Every output line keeps its page (:class:`ingest.common.LineOrigin`).

A file that cannot be read raises :class:`ingest.common.ParseError` naming the file and the
page: encrypted with a password, damaged or truncated, or without a text layer (a scan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ingest.common import LineOrigin, ParseError
from ingest.sources.wraps import clean, join_pair, join_pieces

# Bump when the output of the conversion changes: cached conversions are keyed by it.
CONVERTER_VERSION = "1"
LIBRARY = "pdfplumber"

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pag(?:ina|\.)?|page|p\.)\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:di|/|of)\s*\d{1,3})?$",
    re.IGNORECASE,
)
MARGIN_BAND = 0.08  # top and bottom share of the page where page numbers live


def converter_name() -> str:
    """What ``SourceDocument.converter`` says: the library and its version, and ours."""
    return f"{LIBRARY} {pdfplumber.__version__}+plans-pdf {CONVERTER_VERSION}"


def converter_version() -> str:
    """Cache key part: a conversion is reused only by the same library and converter."""
    return f"{CONVERTER_VERSION}-{LIBRARY}{pdfplumber.__version__}"


@dataclass
class Conversion:
    """A converted PDF: its lines with their pages, and what was left out."""

    lines: list[str]
    pages: list[int]  # 1-based page of each line
    page_count: int
    dropped: list[dict[str, Any]] = field(default_factory=list)

    def origins(self) -> tuple[LineOrigin, ...]:
        return tuple(LineOrigin(page=p) for p in self.pages)


@dataclass
class _Item:
    top: float
    bottom: float
    kind: str  # text | row
    text: str = ""  # a text line, raw (trailing space kept)
    cells: list[str] = field(default_factory=list)  # a table row, raw cell texts
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    first_word: float = 0.0  # width of the line's first word
    table: int = -1


# --- one page ---------------------------------------------------------------------------


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _line_text(chars: list[dict[str, Any]]) -> tuple[str, float]:
    """A text line from its chars: spaces where glyphs are apart, a TAB across a wide gap.
    Returns the text (trailing space kept) and the width of its first word."""
    out: list[str] = []
    last_x1: float | None = None
    first_word_end: float | None = None
    start = chars[0]["x0"] if chars else 0.0
    for ch in chars:
        t = ch["text"]
        if t.isspace():
            out.append(" ")
            continue
        size = ch.get("size") or 10.0
        if last_x1 is not None:
            gap = ch["x0"] - last_x1
            if gap > 1.5 * size:
                while out and out[-1] == " ":
                    out.pop()
                out.append("\t")
            elif gap > 0.15 * size and out and out[-1] not in (" ", "\t"):
                out.append(" ")
        if first_word_end is None and out and out[-1] in (" ", "\t") and last_x1 is not None:
            first_word_end = last_x1
        out.append(t)
        last_x1 = ch["x1"]
    text = "".join(out)
    return text, (first_word_end if first_word_end is not None else (last_x1 or start)) - start


def _page_items(page: Any, table_no: int) -> tuple[list[_Item], int]:
    tables = page.find_tables(TABLE_SETTINGS)
    items: list[_Item] = []
    cell_boxes: list[tuple[float, float, float, float]] = []
    for table in tables:
        # a word gap is judged relative to the font size: at 8 pt an inter-word space
        # (2.2 pt) is below pdfplumber's default absolute tolerance (3 pt)
        rows = table.extract(keep_blank_chars=True, x_tolerance_ratio=0.15)
        for row, cells in zip(table.rows, rows, strict=True):
            x0, top, x1, bottom = row.bbox
            items.append(_Item(top, bottom, "row", cells=[c or "" for c in cells], table=table_no))
        cell_boxes.extend(table.cells)
        table_no += 1
    chars_outside = page.filter(
        lambda o: o.get("object_type") != "char" or not _inside(o, cell_boxes)
    )
    for line in chars_outside.extract_text_lines(
        strip=False, return_chars=True, keep_blank_chars=True
    ):
        chars = [c for c in line["chars"] if c.get("upright", True)] or line["chars"]
        text, first_word = _line_text(chars)
        if not text.strip():
            continue
        sizes = [c.get("size") or 0.0 for c in chars if not c["text"].isspace()]
        items.append(
            _Item(
                line["top"],
                line["bottom"],
                "text",
                text=text,
                x0=line["x0"],
                x1=line["x1"],
                size=max(sizes) if sizes else 0.0,
                first_word=first_word,
            )
        )
    items.sort(key=lambda it: (round(it.top, 1), it.x0))
    return items, table_no


def _drop_page_numbers(items: list[_Item], height: float, page_no: int) -> list[dict]:
    dropped = []
    for it in (items[:1] + items[-1:]) if items else []:
        in_band = it.bottom < height * MARGIN_BAND or it.top > height * (1 - MARGIN_BAND)
        number = it.kind == "text" and in_band and _PAGE_NUMBER.match(clean(it.text))
        if number and it in items:
            items.remove(it)
            dropped.append({"page": page_no, "text": clean(it.text), "rule": "page_number"})
    return dropped


# --- the document -----------------------------------------------------------------------


def _soft_wrap(prev: _Item, cur: _Item, right_edge: float) -> bool:
    """Is ``cur`` the continuation of the paragraph line ``prev`` (wrapped at the margin)?"""
    if prev.kind != "text" or cur.kind != "text" or "\t" in prev.text or "\t" in cur.text:
        return False
    if abs(prev.size - cur.size) > 0.5 or cur.x0 > prev.x0 + 1.0:
        return False
    if cur.top - prev.bottom > 0.55 * max(prev.size, 1.0) or cur.top < prev.bottom - 1.0:
        return False
    space = 0.3 * prev.size
    return prev.x1 + space + cur.first_word > right_edge - 1.0


def _marks_spaces(pages: list[list[_Item]]) -> bool:
    """Does this producer keep the space it wraps a cell at? (then a wrap without one is a
    break inside a word)"""
    for items in pages:
        for it in items:
            for cell in it.cells:
                pieces = cell.split("\n")
                if any(p[-1:] == " " and p.strip() for p in pieces[:-1]):
                    return True
    return False


def _emit(pages: list[list[_Item]], widths: list[tuple[float, float]]) -> Conversion:
    marks = _marks_spaces(pages)
    lines: list[str] = []
    line_pages: list[int] = []
    raw_last = ""  # the last text line as extracted (trailing space kept)
    prev: _Item | None = None

    def put(text: str, page_no: int) -> None:
        lines.append(text)
        line_pages.append(page_no)

    for page_no, items in enumerate(pages, start=1):
        width, height = widths[page_no - 1]
        text_items = [it for it in items if it.kind == "text"]
        right_edge = max(
            [it.x1 for it in text_items] + [width - min((it.x0 for it in text_items), default=0)]
        )
        page_prev: _Item | None = None
        for it in items:
            gap_before = page_prev is not None and it.top - page_prev.bottom > 0.9 * max(
                page_prev.size or 8.0, 8.0
            )
            if it.kind == "text":
                joinable = prev is not None and lines and lines[-1] != ""
                if joinable and _continues(prev, it, page_prev, right_edge, width, height):
                    lines[-1] = join_pair(raw_last, it.text, marks)
                    raw_last = lines[-1] + (" " if it.text[-1:].isspace() else "")
                else:
                    if lines and lines[-1] != "" and (gap_before or (prev and prev.kind == "row")):
                        put("", page_no)
                    put(clean_tabs(it.text), page_no)
                    raw_last = it.text
            else:
                new_table = prev is None or prev.kind != "row" or prev.table != it.table
                if lines and lines[-1] != "" and new_table and (gap_before or prev.kind == "text"):
                    put("", page_no)
                put("\t".join(join_pieces(c.split("\n"), marks) for c in it.cells), page_no)
            prev = it
            page_prev = it
    return Conversion(lines, line_pages, len(pages))


def _continues(
    prev: _Item | None,
    cur: _Item,
    page_prev: _Item | None,
    right_edge: float,
    width: float,
    height: float,
) -> bool:
    if prev is None:
        return False
    if page_prev is None:  # first line of a page: a paragraph going on from the last page
        if prev.kind != "text" or "\t" in prev.text or "\t" in cur.text:
            return False
        if abs(prev.size - cur.size) > 0.5 or abs(prev.x0 - cur.x0) > 1.0:
            return False
        return prev.x1 + 0.3 * prev.size + cur.first_word > right_edge - 1.0
    return _soft_wrap(prev, cur, right_edge)


def clean_tabs(text: str) -> str:
    return "\t".join(clean(part) for part in text.split("\t"))


def _is_scanned(page: Any) -> bool:
    """A page with no text but an image over most of it: a scanned page."""
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, (im["x1"] - im["x0"])) * max(0.0, (im["bottom"] - im["top"])) for im in page.images
    )
    return covered > 0.3 * area


def convert_pdf(path: Path, source_file: str | None = None) -> Conversion:
    """Convert one PDF file; ParseError (naming the file and the page) when it cannot."""
    name = source_file or path.name
    data_tail = _tail(path)
    if b"%%EOF" not in data_tail:
        raise ParseError(
            name,
            None,
            "damaged PDF: no end-of-file marker (%%EOF) at the end of the file: it is "
            "truncated or incomplete",
        )
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFPasswordIncorrect) as exc:
        raise _open_error(name, exc) from exc
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise ParseError(name, None, f"damaged PDF: cannot be opened ({_describe(exc)})") from exc
    with pdf:
        pages: list[list[_Item]] = []
        widths: list[tuple[float, float]] = []
        scanned: list[int] = []
        empty: list[int] = []
        dropped: list[dict[str, Any]] = []
        table_no = 0
        try:
            page_list = list(pdf.pages)
        except Exception as exc:
            raise _open_error(name, exc) from exc
        if not page_list:
            raise ParseError(name, None, "damaged PDF: it has no pages")
        for page_no, page in enumerate(page_list, start=1):
            try:
                items, table_no = _page_items(page, table_no)
            except Exception as exc:
                raise ParseError(
                    name, None, f"damaged PDF: page {page_no} cannot be read ({_describe(exc)})"
                ) from exc
            if not items:
                (scanned if _is_scanned(page) else empty).append(page_no)
            dropped.extend(_drop_page_numbers(items, float(page.height), page_no))
            pages.append(items)
            widths.append((float(page.width), float(page.height)))
            page.close()
    if len(empty) + len(scanned) == len(pages):
        if scanned:
            raise ParseError(name, None, "no text layer on any page: a scanned document needs OCR")
        raise ParseError(name, None, "empty PDF: no text on any page")
    if scanned:
        listed = ", ".join(str(p) for p in scanned)
        raise ParseError(
            name,
            None,
            f"no text layer on page{'s' if len(scanned) > 1 else ''} {listed} (a scanned "
            "image): those pages need OCR",
        )
    conv = _emit(pages, widths)
    conv.dropped = dropped
    return conv


def _tail(path: Path, size: int = 2048) -> bytes:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        end = fh.tell()
        fh.seek(max(0, end - size))
        return fh.read()


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    text = str(inner) or type(inner).__name__
    return f"{type(inner).__name__}: {text}" if text != type(inner).__name__ else text


def _open_error(name: str, exc: BaseException) -> ParseError:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect) or isinstance(exc, PDFPasswordIncorrect):
        return ParseError(
            name,
            None,
            "encrypted PDF: it needs a password to be opened; ask the ente for an unprotected copy",
        )
    return ParseError(name, None, f"damaged PDF: cannot be opened ({_describe(exc)})")
