"""The ASC parser reads the schede the same with or without the export's debris (<b>, **,
## headings, markdown table separators): a PDF of the same plan has none of it."""

from __future__ import annotations

import pytest

from ingest import asc_schede
from tests.helpers import RAW, doc_from_text
from tests.pdfgen import visible_text
from tests.records import differing_tables

SAMPLES = ["000_e3700703ee819e5c", "001_873564630502075e"]


def _parse(text: str):
    result = asc_schede.parse(doc_from_text(text, "plan.txt"))
    result.ledger.finalize()
    return result


@pytest.mark.parametrize("doc_id", SAMPLES)
def test_schede_read_the_same_without_the_export_debris(doc_id: str):
    export = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    clean = visible_text(export)
    assert clean != export
    assert not any(d in clean for d in ("<b>", "**", "## ", "--\t--"))
    with_debris, without = _parse(export), _parse(clean)
    assert differing_tables(with_debris.tables, without.tables) == {}
    # line for line: same lines mapped (debris-only lines are blank now)
    a, b = with_debris.ledger.counts(), without.ledger.counts()
    assert b["mapped"] == a["mapped"] and b["unparsed"] == a["unparsed"] == 0
    assert (without.layout, without.doc_title) == (with_debris.layout, with_debris.doc_title)


def test_debris_added_where_the_export_had_none_changes_nothing():
    export = (RAW / "001_873564630502075e.txt").read_text(encoding="utf-8")
    lines = export.split("\n")
    dressed = []
    for line in lines:
        if line.startswith("Scheda "):
            line = f"<b>{line}</b>"
        elif line.strip() == "AZIONI":
            line = "## AZIONI"
        elif line.startswith("Obiettivo da piano programma"):
            label, _, title = line.partition("\t")
            line = f"{label}\t**{title}**"
        dressed.append(line)
    changed = sum(a != b for a, b in zip(lines, dressed, strict=True))
    assert changed == 4 + 4 + 4  # 4 schede: heading, AZIONI, title each
    plain, with_debris = _parse(export), _parse("\n".join(dressed))
    assert differing_tables(plain.tables, with_debris.tables) == {}
    assert with_debris.ledger.counts()["unparsed"] == 0
