"""The PDF converter on small documents made here: cell and paragraph rewrapping, tables
across pages, page numbers, the conversion cache, and PDFs that cannot be read."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import ingest.sources as sources
from ingest.common import ParseError
from ingest.dispatch import parse_one
from ingest.load import ingest
from ingest.manifest import read_manifest
from ingest.sources import read_document
from ingest.sources.cache import paths
from ingest.sources.pdf import convert_pdf, converter_version
from ingest.sources.wraps import is_number_break, join_pair, join_pieces
from tests.helpers import RAW
from tests.pdfgen import PdfStyle, register_fonts, render_pdf, render_scanned_pdf

ASC21 = "000_e3700703ee819e5c"


# --- rejoining wrapped pieces -----------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "tail", "marks", "joined"),
    [
        ("4.545.", "933,00", False, "4.545.933,00"),  # broken after a thousands dot
        ("Totale 196.500,", "00", False, "Totale 196.500,00"),  # after the decimal comma
        ("4.545.93", "3,00", False, "4.545.933,00"),  # inside a digit group
        ("4.545", ".933,00", False, "4.545.933,00"),  # before the dot
        ("Previsione", "2021", False, "Previsione 2021"),
        ("anno 2021", "2022", False, "anno 2021 2022"),  # two whole numbers stay apart
        ("23,82", "%", False, "23,82 %"),
        ("socio-", "sanitario", False, "socio-sanitario"),
        ("Direttrice/", "Responsabili", False, "Direttrice/Responsabili"),
        ("Totale -", "resto", False, "Totale - resto"),
        ("omogeneizzate/ ", "istituti", False, "omogeneizzate/ istituti"),  # kept space
        ("Diritti delle ", "persone", True, "Diritti delle persone"),
        ("Omogeneizza", "zione", True, "Omogeneizzazione"),  # producer keeps wrap spaces
        ("Omogeneizza", "zione", False, "Omogeneizza zione"),  # cannot know: a space
    ],
)
def test_join_pair(head, tail, marks, joined):
    assert join_pair(head, tail, marks) == joined


def test_join_pieces_of_a_cell():
    assert join_pieces(["CITTA' DELL'EDUCAZIONE E ", "DELLA CONOSCENZA"]) == (
        "CITTA' DELL'EDUCAZIONE E DELLA CONOSCENZA"
    )
    assert join_pieces(["9.173.", "761,03"]) == "9.173.761,03"
    assert join_pieces(["", "  a  b ", ""]) == "a b"
    assert not is_number_break("12", "34")


# --- small PDFs -------------------------------------------------------------------------


def test_a_figure_broken_inside_its_cell_is_one_figure(tmp_path: Path):
    rows = [
        "Codice\tProgetto\tBudget\t% di assorbimento",
        "2021_PD_8716\tAzioni di governance nei confronti delle partecipate e delle aziende "
        "di servizi alla persona del distretto\t4.545.933,00\t48,25 %",
        "\tTotale Azione\t5.345.259,70\t56,73 %",
    ]
    text = "\n".join(rows * 12)
    stats = render_pdf(text, tmp_path / "t.pdf", PdfStyle(number_min_ratio=0.45))
    assert "4.545.933,00" in stats.broken_numbers  # printed as "4.545." / "933,00"
    conv = convert_pdf(tmp_path / "t.pdf")
    assert [ln for ln in conv.lines if ln] == text.split("\n")


def test_a_table_across_pages_stays_rows_in_order(tmp_path: Path):
    rows = [
        f"{i}\tIndicatore numero {i} con una descrizione\t{i * 1000:,}".replace(",", ".")
        for i in range(1, 121)
    ]
    stats = render_pdf("Tabella\n" + "\n".join(rows), tmp_path / "t.pdf")
    assert stats.tables_across_pages == 1 and stats.pages >= 3
    conv = convert_pdf(tmp_path / "t.pdf")
    body = [(ln, p) for ln, p in zip(conv.lines, conv.pages, strict=True) if "\t" in ln]
    assert [ln for ln, _ in body] == rows
    pages = [p for _, p in body]
    assert pages == sorted(pages) and pages[-1] == stats.pages


def test_paragraphs_wrapped_by_the_page_are_one_line_again(tmp_path: Path):
    long = " ".join(["Le modalità operative di applicazione del Sistema di misurazione"] * 6)
    text = f"{long}\nSEZIONE I\nLa performance organizzativa\n\n{long}."
    stats = render_pdf(text, tmp_path / "p.pdf", PdfStyle(keep_wrap_spaces=False))
    assert stats.wrapped_paragraphs == 2
    conv = convert_pdf(tmp_path / "p.pdf")
    assert [ln for ln in conv.lines if ln] == [
        long,
        "SEZIONE I",
        "La performance organizzativa",
        f"{long}.",
    ]


def test_page_numbers_are_not_content(tmp_path: Path):
    text = "\n".join(f"Riga {i} del documento" for i in range(1, 140))
    stats = render_pdf(text, tmp_path / "n.pdf", PdfStyle(footer=True))
    conv = convert_pdf(tmp_path / "n.pdf")
    assert [ln for ln in conv.lines if ln] == text.split("\n")
    assert [d["page"] for d in conv.dropped] == list(range(1, stats.pages + 1))
    assert {d["rule"] for d in conv.dropped} == {"page_number"}


def test_an_unruled_column_becomes_a_cell(tmp_path: Path):
    register_fonts()
    c = canvas.Canvas(str(tmp_path / "u.pdf"), pagesize=A4)
    c.setFont("Sans", 10)
    for i, (label, amount) in enumerate([("Spese correnti", "784.326,70"), ("Totale", "1,00")]):
        c.drawString(50, 700 - 14 * i, label)
        c.drawString(400, 700 - 14 * i, amount)
    c.save()
    conv = convert_pdf(tmp_path / "u.pdf")
    assert conv.lines == ["Spese correnti\t784.326,70", "Totale\t1,00"]


# --- the cache --------------------------------------------------------------------------


def test_a_pdf_is_converted_once(tmp_path: Path, monkeypatch):
    pdf = tmp_path / "plan.pdf"
    render_pdf((RAW / f"{ASC21}.txt").read_text(encoding="utf-8"), pdf)
    cache = tmp_path / "cache"
    first = read_document(pdf, cache)
    txt, meta = paths(cache, first.sha256, converter_version())
    assert txt.exists() and meta.exists()
    assert txt.read_text(encoding="utf-8").split("\n")[:-1] == list(first.lines)

    def no_conversion(*a, **k):
        raise AssertionError("converted again")

    monkeypatch.setattr(sources, "convert_pdf", no_conversion)
    second = read_document(pdf, cache)
    assert second == first  # lines, origins, converter, sha256
    # the same PDF under another name is the same conversion
    shutil.copy(pdf, tmp_path / "copy.pdf")
    assert read_document(tmp_path / "copy.pdf", cache).lines == first.lines
    # a damaged cache entry is converted again, not trusted
    meta.write_text("{")
    monkeypatch.undo()
    assert read_document(pdf, cache).lines == first.lines
    assert len(list((cache / "converted").iterdir())) == 2


# --- PDFs that cannot be read -----------------------------------------------------------


def _quarantine_set(tmp_path: Path) -> dict[str, Path]:
    """One PDF of each kind that must be quarantined."""
    some_text = (RAW / f"{ASC21}.txt").read_text(encoding="utf-8")
    out = {}
    out["scanned.pdf"] = tmp_path / "scanned.pdf"
    render_scanned_pdf(some_text, out["scanned.pdf"])
    out["encrypted.pdf"] = tmp_path / "encrypted.pdf"
    render_pdf(some_text, out["encrypted.pdf"], user_password="segreto")
    whole = tmp_path / "whole.pdf"
    render_pdf(some_text, whole)
    data = whole.read_bytes()
    out["truncated.pdf"] = tmp_path / "truncated.pdf"
    out["truncated.pdf"].write_bytes(data[: len(data) // 2])
    out["unknown.pdf"] = tmp_path / "unknown.pdf"
    render_pdf(
        "Relazione annuale sulla gestione\nNessuna tabella in questo documento\n",
        out["unknown.pdf"],
    )
    out["empty.pdf"] = tmp_path / "empty.pdf"
    out["empty.pdf"].write_bytes(b"")
    out["renamed.pdf"] = tmp_path / "renamed.pdf"
    out["renamed.pdf"].write_text("Scheda 1\nObiettivo\n")
    out["garbled.pdf"] = tmp_path / "garbled.pdf"
    out["garbled.pdf"].write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    return out


EXPECTED = {
    "scanned.pdf": "scanned.pdf: no text layer on any page: a scanned document needs OCR",
    "encrypted.pdf": "encrypted.pdf: encrypted PDF: it needs a password to be opened; ask the "
    "ente for an unprotected copy",
    "truncated.pdf": "truncated.pdf: damaged PDF: no end-of-file marker (%%EOF) at the end of "
    "the file: it is truncated or incomplete",
    "unknown.pdf": "unknown.pdf: unknown document layout: the closest is ",
    "empty.pdf": "empty.pdf: empty file",
    "renamed.pdf": "renamed.pdf: not a PDF file: no %PDF- header (renamed or damaged?)",
    "garbled.pdf": "garbled.pdf: damaged PDF: ",
}


def test_unreadable_pdfs_are_quarantined_with_their_reason(tmp_path: Path):
    files = _quarantine_set(tmp_path)
    entry = next(iter(read_manifest(RAW / "manifest.csv").values()))
    manifest = {name: entry for name in files}
    for name, path in files.items():
        outcome = parse_one(path, manifest)
        assert outcome.status == "failed", name
        assert outcome.error.startswith(EXPECTED[name]), outcome.error


def test_a_scanned_page_among_text_pages_is_named(tmp_path: Path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    register_fonts()
    c = canvas.Canvas(str(tmp_path / "mixed.pdf"), pagesize=A4)
    c.setFont("Sans", 10)
    c.drawString(50, 700, "Scheda 1")
    c.showPage()
    c.drawImage(ImageReader(Image.new("L", (600, 800), 200)), 0, 0, A4[0], A4[1])
    c.showPage()
    c.save()
    with pytest.raises(ParseError) as exc:
        read_document(tmp_path / "mixed.pdf")
    assert str(exc.value) == (
        "mixed.pdf: no text layer on page 2 (a scanned image): those pages need OCR"
    )


def test_a_pdf_protected_only_against_editing_is_read(tmp_path: Path):
    pdf = tmp_path / "protected.pdf"
    text = (RAW / f"{ASC21}.txt").read_text(encoding="utf-8")
    render_pdf(text, pdf, owner_password="ufficio")  # opens without a password
    plain = tmp_path / "plain.pdf"
    render_pdf(text, plain)
    assert read_document(pdf).lines == read_document(plain).lines


def test_the_rest_of_the_batch_loads(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    bad = _quarantine_set(tmp_path)
    for name, path in bad.items():
        shutil.copy(path, raw / name)
    render_pdf((RAW / f"{ASC21}.txt").read_text(encoding="utf-8"), raw / f"{ASC21}.pdf")
    shutil.copy(RAW / "004_b40c0b7f81374021.txt", raw)
    lines = (RAW / "manifest.csv").read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace(".txt,", ".pdf,", 1))
    lines += [f"{n},x,Ente X,Altro,Lazio,RM,Relazione,2024,2024," for n in bad]
    (raw / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    outcomes, counts = ingest(con, [raw], raw / "manifest.csv", run_id="q")
    status = {o.source_file: o.status for o in outcomes}
    assert status == {
        **{n: "failed" for n in bad},
        f"{ASC21}.pdf": "loaded",
        "004_b40c0b7f81374021.txt": "loaded",
    }
    errors = dict(con.sql("select source_file, error from audit.load_errors").fetchall())
    for name, message in EXPECTED.items():
        assert errors[name].startswith(message), errors[name]
    assert counts["asc_schede"] == 5 and counts["sa_objectives"] == 18
    con.close()


def test_discover_picks_up_pdfs_and_text_exports(tmp_path: Path):
    from ingest.load import discover

    for name in ("a.pdf", "b.TXT", "c.PDF", "manifest.csv", "notes.docx", "d.tsv"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub.pdf").mkdir()
    assert [p.name for p in discover([tmp_path])] == ["a.pdf", "b.TXT", "c.PDF", "d.tsv"]
