"""Family detection by content, and a batch that keeps loading when one document is bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.common import UnknownLayoutError
from ingest.load import ingest
from ingest.manifest import read_manifest
from ingest.registry import detect_family
from tests.helpers import RAW, doc_from_text, sample


@pytest.mark.parametrize(
    ("file_name", "family"),
    [
        ("000_e3700703ee819e5c.txt", "asc_schede"),
        ("001_873564630502075e.txt", "asc_schede"),
        ("002_142f2b20942e7c60.txt", "piao"),
        ("003_51402a20550dfbf2.txt", "peg"),
        ("004_b40c0b7f81374021.txt", "stato_attuazione"),
    ],
)
def test_each_sample_is_detected_by_content(file_name, family):
    assert detect_family(sample(file_name)) == family


def test_unknown_layout_is_refused_with_the_file_name():
    doc = doc_from_text("Verbale di assemblea\nOrdine del giorno\t1\n", name="verbale.txt")
    with pytest.raises(UnknownLayoutError, match="verbale.txt: unknown document layout"):
        detect_family(doc)


def test_manifest_describes_every_sample():
    manifest = read_manifest(RAW / "manifest.csv")
    assert sorted(manifest) == sorted(p.name for p in RAW.glob("*.txt"))
    assert manifest["003_51402a20550dfbf2.txt"].ente_type == "Comune"
    assert manifest["004_b40c0b7f81374021.txt"].province == "CN"


def test_bad_documents_are_quarantined_and_the_rest_loads(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_e3700703ee819e5c.txt", "004_b40c0b7f81374021.txt"):
        shutil.copy(RAW / name, raw / name)
    (raw / "zz_unknown.txt").write_text("Relazione annuale\nNessuna tabella qui\n")
    # an image saved with a text suffix (a byte-level cp1252 file is text, see test_encodings)
    (raw / "zz_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    manifest = (RAW / "manifest.csv").read_text().splitlines()
    manifest.append("zz_unknown.txt,x,Ente X,Altro,Lazio,RM,Relazione,2024,2024,")
    manifest.append("zz_binary.txt,x,Ente X,Altro,Lazio,RM,Relazione,2024,2024,")
    (raw / "manifest.csv").write_text("\n".join(manifest) + "\n")

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    outcomes, counts = ingest(con, [raw], raw / "manifest.csv", run_id="t1")
    status = {o.source_file: o.status for o in outcomes}
    assert status == {
        "000_e3700703ee819e5c.txt": "loaded",
        "004_b40c0b7f81374021.txt": "loaded",
        "zz_binary.txt": "failed",
        "zz_unknown.txt": "failed",
    }
    errors = dict(con.sql("select source_file, error from audit.load_errors").fetchall())
    assert errors["zz_unknown.txt"].startswith("zz_unknown.txt: unknown document layout")
    assert errors["zz_binary.txt"] == (
        "zz_binary.txt: not a text file: it holds binary data (NUL bytes)"
    )
    # the good documents landed
    assert con.sql("select count(*) from raw.asc_schede").fetchall()[0][0] == 5
    assert con.sql("select count(*) from raw.sa_objectives").fetchall()[0][0] == 18
    # tables of families absent from the batch exist, empty
    assert con.sql("select count(*) from raw.peg_budget_lines").fetchall()[0][0] == 0
    con.close()


def test_a_document_missing_from_the_manifest_is_quarantined(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_e3700703ee819e5c.txt", raw / "new_plan.txt")
    (raw / "manifest.csv").write_text((RAW / "manifest.csv").read_text())
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    outcomes, _ = ingest(con, [raw], raw / "manifest.csv", run_id="t2")
    assert outcomes[0].status == "failed"
    assert "new_plan.txt: not described in data/raw/manifest.csv" in outcomes[0].error
    con.close()
