"""Undo the line wrapping of a PDF: rejoin the pieces of a table cell or of a paragraph.

A cell of a text export is one line; printed in a PDF it wraps inside its cell. Rejoining
needs to know whether the break was at a space (join with one space) or inside a word or a
figure (join with nothing):

* the piece ends with a space character: the producer kept the space it broke at -> space;
* a figure broken at its thousands dot or decimal comma (``4.545.`` / ``933,00``), or inside a
  digit group (``4.545.93`` / ``3,00``): the two parts make one Italian-format number that
  the first part alone is not -> nothing;
* a producer known to keep the space it breaks at (``marks_spaces``): no space means a break
  inside a word -> nothing;
* a word broken after its hyphen, slash or underscore (``socio-`` / ``sanitario``) -> nothing;
* otherwise -> one space.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_NUMBER_TAIL = re.compile(r"(?:^|\s)([+-]?\d[\d.,]*)$")
_NUMBER_HEAD = re.compile(r"^([.,]?\d[\d.,]*)")
_IT_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_WORD_BREAK = re.compile(r"[^\s\d][-/_]$|\d[/_]$")


def clean(text: str) -> str:
    """Whitespace runs (spaces, NBSP, tabs inside a cell) collapsed to one space, trimmed."""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def is_number_break(head: str, tail: str) -> bool:
    """``head`` ends and ``tail`` starts with two parts of one figure."""
    m, n = _NUMBER_TAIL.search(head), _NUMBER_HEAD.match(tail)
    if not m or not n:
        return False
    a, b = m.group(1), n.group(1)
    if a[-1] in ".,":
        return a[:-1][-1:].isdigit() and b[0].isdigit()
    if b[0] in ".,":
        return a[-1].isdigit()
    joined = (a + b).rstrip(".,")
    return bool(_IT_NUMBER.match(joined)) and not _IT_NUMBER.match(a)


def join_pair(head_raw: str, tail_raw: str, marks_spaces: bool = False) -> str:
    """Join two wrapped pieces (``head_raw`` as extracted, with its trailing space if any)."""
    head, tail = clean(head_raw), clean(tail_raw)
    if not head or not tail:
        return head or tail
    if head_raw[-1:].isspace():
        return f"{head} {tail}"
    if is_number_break(head, tail):
        return head + tail
    if marks_spaces:
        return head + tail
    if _WORD_BREAK.search(head) and tail[0].isalnum():
        return head + tail
    return f"{head} {tail}"


def join_pieces(pieces: list[str], marks_spaces: bool = False) -> str:
    """The pieces of one wrapped cell or paragraph as one line."""
    out, last_raw = "", ""
    for piece in pieces:
        if not clean(piece):
            continue
        if not out:
            out = clean(piece)
        else:
            trailing = " " if last_raw[-1:].isspace() else ""
            out = join_pair(out + trailing, piece, marks_spaces)
        last_raw = piece
    return out
