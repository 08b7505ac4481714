"""The manifest: every defect belongs to its own line, and is said with the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dispatch import parse_one
from ingest.manifest import ManifestError, read_manifest
from tests.helpers import RAW

HEADER = (
    "file,ente_id,ente_name,ente_type,region,province,doc_type,period_start_year,"
    "period_end_year,period_note"
)
ASC = (
    "000_e3700703ee819e5c.txt,asc-insieme,ASC InSieme,ASC,Emilia-Romagna,BO,"
    "Piano programma,2021,2023,"
)
CSSM = (
    '004_b40c0b7f81374021.txt,cssm,"CSSM, Consorzio Monregalese",Consorzio,Piemonte,CN,'
    "Stato di attuazione,2020,2022,"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "manifest.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_manifest_saved_with_a_bom_reads_the_same(tmp_path: Path):
    plain = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC}\n"))
    bom = read_manifest(_write(tmp_path, f"\ufeff{HEADER}\n{ASC}\n"))
    assert bom.entries == plain.entries
    assert bom["000_e3700703ee819e5c.txt"].ente_type == "ASC"


def test_a_windows_1252_manifest_is_read_with_a_warning(tmp_path: Path):
    line = ASC.replace("ASC InSieme", "Unione Terre di Città")
    m = read_manifest(_write(tmp_path, f"{HEADER}\n{line}\n", "cp1252"))
    assert m["000_e3700703ee819e5c.txt"].ente_name == "Unione Terre di Città"
    assert m.warnings == [
        "manifest.csv:2: not UTF-8; read as Windows-1252 (save the manifest as UTF-8 to be "
        "sure of accented letters)"
    ]


def test_missing_columns_make_the_whole_manifest_unreadable(tmp_path: Path):
    with pytest.raises(ManifestError, match=r"manifest.csv:1: missing columns ente_type"):
        read_manifest(_write(tmp_path, "file,ente_id,ente_name\nx.txt,x,X\n"))


def test_a_bad_line_is_the_error_of_its_file_only(tmp_path: Path):
    bad = ASC.replace(",2021,2023,", ",2021/22,2023,")
    m = read_manifest(_write(tmp_path, f"{HEADER}\n{bad}\n{CSSM}\n"))
    assert list(m) == ["004_b40c0b7f81374021.txt"]
    assert m.line_errors == {
        "000_e3700703ee819e5c.txt": "manifest.csv:2: period_start_year '2021/22' is not a year "
        "(four digits, e.g. 2023)"
    }


def test_a_file_listed_twice(tmp_path: Path):
    same = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC}\n{ASC}\n"))
    assert list(same) == ["000_e3700703ee819e5c.txt"]
    assert same.warnings == [
        "manifest.csv:3: 000_e3700703ee819e5c.txt listed again (same as line 2)"
    ]
    other = ASC.replace(",2021,2023,", ",2022,2024,")
    differ = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC}\n{other}\n"))
    assert list(differ) == []
    assert (
        "listed twice with different content (lines 2 and 3)"
        in (differ.line_errors["000_e3700703ee819e5c.txt"])
    )


def test_an_ente_id_reused_with_another_description_is_refused(tmp_path: Path):
    other_doc = ASC.replace("000_e3700703ee819e5c.txt", "001_873564630502075e.txt").replace(
        ",BO,", ",MO,"
    )
    m = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC}\n{other_doc}\n"))
    assert list(m) == ["000_e3700703ee819e5c.txt"]
    assert m.line_errors["001_873564630502075e.txt"] == (
        "manifest.csv:3: ente_id 'asc-insieme' has another province ('MO') than on line 2 "
        "('BO'): one ente, one description"
    )


def test_a_corrected_line_changes_the_fingerprint_a_refresh_compares(tmp_path: Path):
    before = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC}\n"))
    after = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC.replace(',BO,', ',MO,')}\n"))
    entry = "000_e3700703ee819e5c.txt"
    assert before[entry].fingerprint() != after[entry].fingerprint()


def test_an_empty_file_says_it_is_empty(tmp_path: Path):
    empty = tmp_path / "vuoto.txt"
    empty.write_text("")
    manifest = read_manifest(_write(tmp_path, f"{HEADER}\n{ASC.replace(ASC[:24], 'vuoto.txt')}\n"))
    outcome = parse_one(empty, manifest)
    assert outcome.status == "failed"
    assert outcome.error == "vuoto.txt: empty file"


def test_the_samples_manifest_reads_without_a_word():
    m = read_manifest(RAW / "manifest.csv")
    assert len(m.entries) == 5 and not m.line_errors and not m.warnings
