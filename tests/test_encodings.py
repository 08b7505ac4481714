"""Text exports in any common encoding and with any line ends read the same.

Each sample is saved as an office tool would save it (Windows cp1252 with CRLF, UTF-8 with a
BOM, UTF-16 with and without BOM, latin-1 with old Mac CR line ends) and must give exactly
the records of the UTF-8 original, line numbers included.

cp1252 and latin-1 cannot hold a few characters of the samples: they are replaced first as
a Windows tool does (best fit), and the UTF-8 reference gets the same replacements.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.common import ParseError
from ingest.dispatch import parse_one
from ingest.manifest import read_manifest
from ingest.sources import read_document
from ingest.sources.text import decode_text, split_lines
from tests.helpers import RAW

SAMPLES = sorted(p.stem for p in RAW.glob("*.txt"))
BEST_FIT = {"●": "•", "❖": "•", "≥": ">=", "\u0435": "e"}  # black circle, diamond, >=, Cyrillic e
LATIN1_FIT = {**BEST_FIT, "•": "-", "–": "-", "€": "EUR", "’": "'"}

# (encoding written, line end, replacements, encoding detected)
VARIANTS = {
    "cp1252-crlf": ("cp1252", "\r\n", BEST_FIT, "cp1252"),
    "utf8-bom": ("utf-8-sig", "\n", {}, "utf-8-sig"),
    "utf16-bom": ("utf-16", "\n", {}, "utf-16"),
    "utf16le-crlf": ("utf-16-le", "\r\n", {}, "utf-16-le"),
    "latin1-cr": ("latin-1", "\r", LATIN1_FIT, None),  # cp1252 or latin-1: same letters
}


def _replace(text: str, table: dict[str, str]) -> str:
    for old, new in table.items():
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def manifest():
    return read_manifest(RAW / "manifest.csv")


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("doc_id", SAMPLES)
def test_every_encoding_gives_the_records_of_the_utf8_original(
    tmp_path: Path, manifest, doc_id: str, variant: str
):
    encoding, line_end, fit, detected = VARIANTS[variant]
    original = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    reference_text = _replace(original, fit)
    ref_dir, copy_dir = tmp_path / "ref", tmp_path / "copy"
    ref_dir.mkdir()
    copy_dir.mkdir()
    (ref_dir / f"{doc_id}.txt").write_text(reference_text, encoding="utf-8")
    (copy_dir / f"{doc_id}.txt").write_bytes(
        reference_text.replace("\n", line_end).encode(encoding)
    )
    ref = parse_one(ref_dir / f"{doc_id}.txt", manifest)
    copy = parse_one(copy_dir / f"{doc_id}.txt", manifest)
    assert ref.status == copy.status == "loaded", copy.error
    assert copy.tables == ref.tables
    doc = copy.result.ledger.doc
    assert doc.lines == ref.result.ledger.doc.lines
    if detected:
        assert doc.encoding == detected
    else:
        assert doc.encoding in ("cp1252", "iso8859-1")
    assert doc.input_format == "text" and doc.origins is None


@pytest.mark.parametrize("doc_id", SAMPLES)
def test_replaced_characters_change_no_figure(manifest, tmp_path: Path, doc_id: str):
    """The cp1252 copy differs from the UTF-8 original only in the replaced characters."""
    original = parse_one(RAW / f"{doc_id}.txt", manifest)
    (tmp_path / f"{doc_id}.txt").write_bytes(
        _replace((RAW / f"{doc_id}.txt").read_text(encoding="utf-8"), BEST_FIT)
        .replace("\n", "\r\n")
        .encode("cp1252")
    )
    copy = parse_one(tmp_path / f"{doc_id}.txt", manifest)
    replaced = {
        t: [
            {k: _replace(v, BEST_FIT) if isinstance(v, str) else v for k, v in r.items()}
            for r in rows
        ]
        for t, rows in original.tables.items()
    }
    # target kinds/operators are derived from the raw text: compare them from the copy
    for table, rows in copy.tables.items():
        for mine, theirs in zip(rows, replaced[table], strict=True):
            for k, v in mine.items():
                if k.startswith("target_") and k != "target_raw":
                    theirs[k] = v
    assert copy.tables == replaced
    numbers, copied = _figures(original.tables), _figures(copy.tables)
    assert copied == numbers


def _figures(tables: dict[str, list[dict]]) -> list[tuple]:
    """Every amount, percentage and target value, in order."""
    return [
        (t, k, v)
        for t, rows in tables.items()
        for r in rows
        for k, v in r.items()
        if k.endswith(("_pct", "amount", "_value")) and v is not None
    ]


def test_a_cp1252_euro_sign_and_dash_decode():
    data = "Spese correnti – 4.545.933,00 €\r\nNota: “n. proposte”\r\n".encode("cp1252")
    text, encoding = decode_text(data, "x.txt")
    assert encoding == "cp1252"
    assert split_lines(text) == (
        ("Spese correnti – 4.545.933,00 €", "Nota: “n. proposte”"),
        None,
    )


def test_line_ends_of_every_kind():
    assert split_lines("a\r\nb\rc\nd")[0] == ("a", "b", "c", "d")
    assert split_lines("a\n\n")[0] == ("a", "")


def test_form_feeds_give_pages():
    lines, origins = split_lines("uno\ndue\n\ftre\nquattro\n\fcinque\n")
    assert lines == ("uno", "due", "tre", "quattro", "cinque")
    assert [o.page for o in origins] == [1, 1, 2, 2, 3]


def test_empty_and_binary_files_are_named(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n  \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "sheet.txt").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")
    messages = {}
    for name in ("empty.txt", "blank.txt", "image.txt", "sheet.txt"):
        with pytest.raises(ParseError) as exc:
            read_document(tmp_path / name)
        messages[name] = str(exc.value)
    assert messages == {
        "empty.txt": "empty.txt: empty file",
        "blank.txt": "blank.txt: empty file (only blank lines)",
        "image.txt": "image.txt: not a text file: it holds binary data (NUL bytes)",
        "sheet.txt": "sheet.txt: an office file (xlsx/docx/xls/doc container), not a text "
        "export or PDF",
    }
