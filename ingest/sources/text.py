"""Text exports in any common encoding: detect it, decode, split the lines.

UTF-8 (with or without BOM), UTF-16/32 with a BOM, Windows cp1252 and latin-1, and whatever
else charset-normalizer recognises. CRLF, CR and LF line ends all end a line. A form feed
(what ``pdftotext`` writes between pages) starts a new page: such a text gets a page origin
per line.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.common import LineOrigin, ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The encodings Italian office tools write besides UTF-8, most common first. The detector
# only chooses among these: by its own measures a Central European code page reads
# "attività" as "attivitŕ" just as well, and Mac Roman reads a cp1252 "– €" as "ñ Ä" better.
# Among the least garbled readings, the first of this list wins.
CANDIDATES = (
    "cp1252",
    "iso8859-15",
    "iso8859-1",
    "utf-16-le",
    "utf-16-be",
    "utf-32-le",
    "utf-32-be",
)
_LINE_END = re.compile(r"\r\n|\r|\n")
# Bytes 0x80-0x9f are C1 control characters in latin-1 and never occur in real text; in
# cp1252 they are the euro sign, dashes and typographic quotes an office tool writes.
_C1 = re.compile("[\x80-\x9f]")


def _canonical(name: str) -> str:
    return codecs.lookup(name).name


def decode_text(data: bytes, source_file: str) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes; ParseError if no text encoding fits them."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name, source_file), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise ParseError(source_file, None, "not a text file: it holds binary data (NUL bytes)")
    name = _detect(data)
    if name is None:
        raise ParseError(
            source_file, None, "not a text file: no known text encoding fits its bytes"
        )
    text = _decode(data, name, source_file)
    if name in ("iso8859-1", "latin-1") and _C1.search(text):
        name = "cp1252"
        text = _decode(data, name, source_file)
    return text, name


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds least garbled, among :data:`CANDIDATES`."""
    isolation = [codecs.lookup(c).name.replace("-", "_") for c in CANDIDATES]
    matches = list(from_bytes(data, cp_isolation=isolation))
    if not matches:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return "cp1252"  # too short for the detector to judge; every byte is cp1252
    least = min(m.chaos for m in matches)
    fit = {_canonical(m.encoding) for m in matches if m.chaos <= least + 0.01}
    rank = {_canonical(c): i for i, c in enumerate(CANDIDATES)}
    return min(fit, key=lambda c: rank.get(c, len(rank)))


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    quarter = len(head) // 4
    return len(head) >= 4 and (head[1::2].count(0) > quarter or head[::2].count(0) > quarter)


def _decode(data: bytes, encoding: str, source_file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise ParseError(source_file, line_no, f"not valid {encoding} ({exc.reason})") from exc


def split_lines(text: str) -> tuple[tuple[str, ...], tuple[LineOrigin, ...] | None]:
    """Lines without terminators (any of CRLF, CR, LF); page origins when the text has form
    feeds (a page break in a PDF-to-text dump)."""
    text = text.lstrip("\ufeff")
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if not any("\f" in ln for ln in lines):
        return tuple(lines), None
    page = 1
    out: list[str] = []
    origins: list[LineOrigin] = []
    for ln in lines:
        page_here = page
        if "\f" in ln:
            page += ln.count("\f")
            page_here = page if ln.startswith("\f") else page_here
            ln = ln.replace("\f", "")
        out.append(ln)
        origins.append(LineOrigin(page=page_here))
    return tuple(out), tuple(origins)
