"""Repairs of export defects shared by the parsers (functions only).

Text exports of PDF plans share defects whatever their family: formatting debris left by the
converter (markdown separator rows ``--<TAB>--<TAB>---`` or ``| --- |``, bold markers ``**``
and ``<b>``, heading markers ``##``) and words cut in two by a cell boundary. A parser must
read the same content with or without the debris (a PDF converted by another tool has none):
these helpers let it recognise the debris and look through it. Italian number shapes used to
tell figures from text in a table row also live here. None of them guesses a figure.
"""

from __future__ import annotations

import re

from ingest.common import strip_markup

_MD_SEPARATOR_RE = re.compile(r"^[\s|:\-]*-[\s|:\-]*$")
_MARKUP_TAG_RE = re.compile(r"</?(?:b|i|u|strong|em|br|ul|li|span)\b[^>]*>", re.IGNORECASE)
_UNDERLINED_SIGN_RE = re.compile(r"<u>\s*[<>=≤≥]\s*</u>", re.IGNORECASE)
_HEADING_MARK_RE = re.compile(r"^( *)#{1,6}(?: +|$)")
_HEADING_MARKER_RE = re.compile(r"^#{1,6}\s+")
_IT_AMOUNT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
_IT_PERCENT_RE = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%$")
_VOWELS = set("aeiouàèéìíòóùú")
# Italian words ending in a consonant: a fragment equal to one of them is not a cut word.
_CONSONANT_WORDS = {
    "il", "al", "del", "dal", "nel", "sul", "col", "per", "con", "non", "in", "un", "bar",
    "gas", "sport", "pc", "pec", "web", "on", "line", "social", "network", "part", "time",
}  # fmt: skip


def is_markdown_separator(text: str) -> bool:
    """A line that is only a markdown table separator (``--<TAB>--<TAB>---``, ``| --- |``,
    ``|:--|``): debris of the export between a table's header and its rows, no content."""
    return bool(_MD_SEPARATOR_RE.match(text)) and text.count("-") >= 2


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
    return strip_markup(_HEADING_MARKER_RE.sub("", text.strip()))


def is_it_amount(cell: str) -> bool:
    """An Italian-format amount with decimals: ``'1.234.567,89'``, ``'0,00'``, ``'-12,5'``.

    Integers (counts, codes, years) are not amounts."""
    return bool(_IT_AMOUNT_RE.match(cell))


def is_it_percent(cell: str) -> bool:
    """An Italian-format percentage: ``'23,82 %'``, ``'100 %'``, ``'1.000,5%'``."""
    return bool(_IT_PERCENT_RE.match(cell))
