"""Repairs of export defects shared by the parsers (functions only).

Text exports of PDF plans share defects whatever their family, and a parser must read the
same content with or without them (a PDF converted by another tool has none):

* formatting debris left by the converter: markdown separator rows (``--<TAB>--<TAB>---``,
  ``| --- | :-: |``), bold markers (``**``, ``<b>``), heading markers (``## TITLE``);
* words cut in two by a cell boundary;
* rows broken by a page break: the tail of the row continues on the next line(s), and the
  first cell of each continuation line completes the last cell of the row so far.

Italian number shapes used to tell figures from text in a table row also live here. Figures
are read elsewhere (``ingest.common.parse_it_decimal``, ``parse_it_date``). None of these
functions guesses a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.common import SourceDocument, strip_markup

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_HEADING_MARKER = re.compile(r"^#{1,6}[ \t]+")
_MARKUP_TAG_RE = re.compile(r"</?(?:b|i|u|strong|em|br|ul|li|span)\b[^>]*>", re.IGNORECASE)
_UNDERLINED_SIGN_RE = re.compile(r"<u>\s*[<>=≤≥]\s*</u>", re.IGNORECASE)
_HEADING_MARK_RE = re.compile(r"^( *)#{1,6}(?: +|$)")
_IT_AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
_IT_PERCENT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%$")
_VOWELS = set("aeiouàèéìíòóùú")
# Italian words ending in a consonant: a fragment equal to one of them is not a cut word.
_CONSONANT_WORDS = {
    "il", "al", "del", "dal", "nel", "sul", "col", "per", "con", "non", "in", "un", "bar",
    "gas", "sport", "pc", "pec", "web", "on", "line", "social", "network", "part", "time",
}  # fmt: skip


def has_underlined_sign(text: str) -> bool:
    """An underlined comparison sign exported as ``<u><</u>`` (i.e. "≤"): its tags carry the
    operator, so they are part of the content, not debris."""
    return bool(_UNDERLINED_SIGN_RE.search(text))


def remove_markup_debris(text: str) -> str:
    """A line without the formatting debris of the export: HTML tags (``<b>``, ``</b>``,
    ``<i>``, ``<span ...>``...), markdown bold (``**``) and a leading heading marker
    (``## ``). TABs and spacing are kept as exported, so cells keep their columns; an
    underlined comparison sign (``<u><</u>``) is kept, since removing its tags would change
    the operator of a figure."""
    pieces = []
    last = 0
    for m in _UNDERLINED_SIGN_RE.finditer(text):
        pieces.append(_strip_tags(text[last : m.start()]))
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(_strip_tags(text[last:]))
    return _HEADING_MARK_RE.sub(r"\1", "".join(pieces), count=1)


def _strip_tags(text: str) -> str:
    return _MARKUP_TAG_RE.sub("", text).replace("**", "")


def is_cut_word(left: str, right: str) -> bool:
    """A text cut inside a word by a cell boundary (``Verifica sul f<TAB>unzionamento``): the
    left piece ends with a lowercase fragment ending in a consonant that is not an Italian
    word, and the right piece goes on in lowercase. Only such an evident cut counts."""
    words = left.split()
    last = words[-1] if words else ""
    return (
        bool(right)
        and right[0].islower()
        and last.isalpha()
        and last.islower()
        and last[-1] not in _VOWELS
        and last not in _CONSONANT_WORDS
    )


def join_cut_text(left: str, right: str) -> str:
    """Rejoin two pieces of a text cut by a cell boundary: with no character added when the
    cut is evidently inside a word (:func:`is_cut_word`), else with a space."""
    return left + right if is_cut_word(left, right) else f"{left} {right}".strip()


def strip_debris(text: str) -> str:
    """The text without bold/HTML markup (``**``, ``<b>``) and a leading markdown heading
    marker (``## ``); spaces collapsed. ``'## **Prodotto**'`` -> ``'Prodotto'``."""
    return strip_markup(strip_heading_marker(text.strip()))


def is_it_amount(cell: str) -> bool:
    """An Italian-format amount with decimals: ``'1.234.567,89'``, ``'0,00'``, ``'-12,5'``.

    Integers (counts, codes, years) are not amounts."""
    return bool(_IT_AMOUNT_RE.match(cell))


def is_it_percent(cell: str) -> bool:
    """An Italian-format percentage: ``'23,82 %'``, ``'100 %'``, ``'1.000,5%'``."""
    return bool(_IT_PERCENT_RE.match(cell))


def is_markdown_separator(line: str) -> bool:
    """Whether a line is only a markdown table separator, e.g. ``--<TAB>--<TAB>---`` or
    ``| --- | :-: |``.

    Table-shaped only: at least two dash cells (TAB- or ``|``-separated), or one between
    pipes. A lone ``---`` is not a separator: in a broken row it can be a cell's value (a dash
    written for "not applicable").
    """
    cells = [c.strip() for c in re.split(r"[\t|]", line)]
    dashes = [c for c in cells if c]
    if not dashes or not all(_SEPARATOR_CELL.match(c) for c in dashes):
        return False
    return (len(dashes) >= 2 or "|" in line) and line.count("-") >= 2


def strip_heading_marker(line: str) -> str:
    """A line without its leading markdown heading marker (``## TABELLA ...`` -> ``TABELLA
    ...``). Converters add such markers to some headings and not to others."""
    return _HEADING_MARKER.sub("", line, count=1)


def trim_cells(cells: list[str]) -> list[str]:
    """The cells without the trailing empty ones."""
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    return out


def cell_at(cells: list[str], idx: int | None) -> str:
    """The cell at ``idx``; "" when there is no such column (or no index)."""
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def glue_continuation(cells: list[str], continuation: list[str]) -> list[str]:
    """The cells of a row with the cells of its continuation line appended.

    Repairs a row broken by a page break: the first cell of the continuation line completes
    the last cell of the row (joined with a space), its other cells follow.
    """
    glued = " ".join(p for p in (cells[-1], continuation[0]) if p)
    return cells[:-1] + [glued] + continuation[1:]


def collect_continued_row(
    doc: SourceDocument,
    first: int,
    width: int,
    starts_structure: Callable[[list[str]], bool],
    cells_of: Callable[[int], list[str]] | None = None,
    last_line: int | None = None,
) -> tuple[list[str], int]:
    """The cells of the row starting at line ``first``, with its continuation lines merged,
    and the last line it uses.

    A row broken by a page break continues on the next non-blank line(s) that do not start a
    known structure (``starts_structure``); see :func:`glue_continuation`. Lines are merged
    only while the row keeps at most ``width`` cells (trailing empty cells do not count), so
    a complete row never swallows the next one. ``cells_of`` reads a line's cells (default
    ``doc.cells``); ``last_line`` bounds the search (default: the end of the document).
    """
    read = cells_of or doc.cells
    end = len(doc.lines) if last_line is None else last_line
    cells = read(first)
    last = first
    j = first + 1
    while j <= end and len(trim_cells(cells)) < width:
        if not doc.line(j).strip():
            j += 1
            continue
        nxt = read(j)
        if starts_structure(nxt):
            break
        merged = glue_continuation(cells, nxt)
        if len(trim_cells(merged)) > width:
            break
        cells, last = merged, j
        j += 1
    return cells, last
