"""The PEG parser reads the content, not the export's debris.

A PDF converted by another tool has none of the text export's debris: no ``**`` or ``<b>``
bold markers, no ``#`` heading markers, no markdown separator rows. The Reggio Emilia PEG
2021 read with its debris removed must give the same records, every table and every figure,
and the same ledger for every line that is left.

Removing a bold marker must not glue two words the PDF shows apart: where a marker sits
between two non-blank characters ('Z_23101**Intervento', '(ASP)****Indirizzo') it becomes a
space, elsewhere it is dropped ('2021_OB_85PR_1 **Nomina ...**').
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ingest import peg
from ingest.common import ParseResult
from tests.helpers import RAW, doc_from_text

SAMPLE = RAW / "003_51402a20550dfbf2.txt"

_MARKER = r"(?:\*\*+|</?b>)"
_SEPARATOR_ONLY = re.compile(r"[\s|:\-]*")


def without_debris(text: str) -> tuple[str, list[int]]:
    """The text without debris, and for each of its lines the line number it had before."""
    out: list[str] = []
    origin: list[int] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip() and _SEPARATOR_ONLY.fullmatch(line) and "---" in line:
            continue  # a line that is only a markdown separator
        line = re.sub(rf"(?<=\S){_MARKER}(?=\S)", " ", line, flags=re.IGNORECASE)
        line = re.sub(_MARKER, "", line, flags=re.IGNORECASE)
        line = re.sub(r"^#+\s*", "", line)
        out.append(line)
        origin.append(n)
    return "\n".join(out), origin


def canonical(result: ParseResult, origin: list[int] | None = None) -> dict[str, Counter]:
    """Every record of every table, with its lines given in the original numbering."""
    tables = {}
    for table, rows in result.tables.items():
        recs = []
        for row in rows:
            r = dict(row)
            if origin is not None:
                r["source_line"] = origin[r["source_line"] - 1]
                r["source_line_end"] = origin[r["source_line_end"] - 1]
            recs.append(tuple(sorted((k, repr(v)) for k, v in r.items())))
        tables[table] = Counter(recs)
    return tables


@pytest.fixture(scope="module")
def both() -> tuple[ParseResult, ParseResult, list[int], str]:
    text = SAMPLE.read_text(encoding="utf-8")
    clean, origin = without_debris(text)
    original = peg.parse(doc_from_text(text, SAMPLE.name))
    stripped = peg.parse(doc_from_text(clean, SAMPLE.name))
    original.ledger.finalize()
    stripped.ledger.finalize()
    return original, stripped, origin, clean


def test_the_sample_has_the_debris_this_test_removes(both) -> None:
    original, stripped, origin, clean = both
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("**") == 144  # on 72 lines
    assert len(text.split("\n")) - len(clean.split("\n")) == 6  # six separator rows
    assert "**" not in clean
    assert "Z_23101 Intervento di Ristrutturazione" in clean  # not glued into one word


def test_same_records_without_debris(both) -> None:
    original, stripped, origin, _ = both
    before, after = canonical(original), canonical(stripped, origin)
    assert set(before) == set(after)
    for table in before:
        assert before[table] == after[table], table
    assert (stripped.doc_title, stripped.period_start_year) == (
        original.doc_title,
        original.period_start_year,
    )


def test_same_ledger_for_every_line_left(both) -> None:
    original, stripped, origin, _ = both
    old = {r["line_no"]: (r["status"], r["detail"]) for r in original.ledger.rows()}
    new = {origin[r["line_no"] - 1]: (r["status"], r["detail"]) for r in stripped.ledger.rows()}
    removed = set(old) - set(new)
    assert {old[n] for n in removed} == {("boilerplate", "markdown_separator")}
    assert {n: old[n] for n in new} == new
    assert stripped.ledger.counts()["unparsed"] == 0
