"""Repairs of export debris shared by the parsers (functions only).

The text exports of PDF plans carry debris of the converter: markdown separator rows
(``--<TAB>--<TAB>---``, ``| --- |``), bold markers (``**``, ``<b>``), heading markers (``##``).
A parser must read the same content with or without it (a PDF converted by another tool has
none): these helpers let a parser recognise the debris and look through it.

Italian number shapes used to tell figures from text in a table row also live here.
"""

from __future__ import annotations

import re

from ingest.common import strip_markup

_MD_SEPARATOR_RE = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
_HEADING_MARKER_RE = re.compile(r"^#{1,6}\s+")
_IT_AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
_IT_PERCENT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%$")


def is_markdown_separator(text: str) -> bool:
    """A line that is only a markdown table separator (``--<TAB>---``, ``| --- | :-: |``).

    Such lines are debris of the export, never content: at least two dashes and nothing but
    dashes, pipes, colons and blanks.
    """
    return bool(_MD_SEPARATOR_RE.match(text)) and text.count("-") >= 2


def strip_debris(text: str) -> str:
    """The text without bold/HTML markup (``**``, ``<b>``) and a leading markdown heading
    marker (``## ``); spaces collapsed. ``'## **Prodotto**'`` -> ``'Prodotto'``."""
    return strip_markup(_HEADING_MARKER_RE.sub("", text.strip()))


def is_it_amount(cell: str) -> bool:
    """An Italian-format amount with decimals: ``'1.234.567,89'``, ``'0,00'``, ``'-12,5'``.

    Integers (counts, codes, years) are not amounts."""
    return bool(_IT_AMOUNT_RE.match(cell))


def is_it_percent(cell: str) -> bool:
    """An Italian-format percentage: ``'23,82 %'``, ``'100 %'``, ``'1.000,5%'``."""
    return bool(_IT_PERCENT_RE.match(cell))
