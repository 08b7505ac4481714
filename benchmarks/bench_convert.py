"""Benchmark of the PDF converter (not a test): pages per second on the five samples printed
as PDFs, parse time from PDF vs text export, a cached re-read, and optionally a whole build.

    .venv/bin/python benchmarks/bench_convert.py [--runs 3] [--build] [--write]

``--build`` also times `plans build` from the five PDFs and from the five text exports;
``--write`` writes the figures to benchmarks/CONVERT_RESULTS.md. ``--libraries DIR`` only
times the raw extraction of the PDFs in DIR with every PDF library importable here
(pdfplumber, PyMuPDF, pypdfium2): run it from a throwaway environment that has them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import machine  # noqa: E402
from benchmarks.bench_pipeline import RAW, run  # noqa: E402


def _best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# --- raw extraction per library (for the choice of library) -----------------------------


def libraries(pdf_dir: Path, runs: int) -> list[tuple[str, str, int, float]]:
    """(library, version, pages, seconds) for finding tables and text on every page."""
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    out = []
    try:
        import pdfplumber

        def plumber() -> int:
            n = 0
            for p in pdfs:
                with pdfplumber.open(p) as pdf:
                    for page in pdf.pages:
                        for t in page.find_tables():
                            t.extract()
                        page.extract_text_lines()
                        n += 1
            return n

        pages = plumber()
        out.append(("pdfplumber", pdfplumber.__version__, pages, _best(plumber, runs)))
    except ImportError:
        pass
    try:
        import pymupdf

        def mupdf() -> int:
            n = 0
            for p in pdfs:
                with pymupdf.open(p) as doc:
                    for page in doc:
                        for t in page.find_tables().tables:
                            t.extract()
                        page.get_text("dict")
                        n += 1
            return n

        pages = mupdf()
        out.append(("PyMuPDF (AGPL)", version("pymupdf"), pages, _best(mupdf, runs)))
    except ImportError:
        pass
    try:
        import pypdfium2 as pdfium

        def pdfium_text() -> int:
            n = 0
            for p in pdfs:
                doc = pdfium.PdfDocument(p)
                for i in range(len(doc)):
                    doc[i].get_textpage().get_text_range()
                    n += 1
                doc.close()
            return n

        pages = pdfium_text()
        out.append(
            (
                "pypdfium2 (text only, no tables)",
                version("pypdfium2"),
                pages,
                _best(pdfium_text, runs),
            )
        )
    except ImportError:
        pass
    return out


# --- our converter and the parsers ------------------------------------------------------


def converter(pdfs: dict[str, Path], runs: int) -> list[dict]:
    import pdfplumber

    from ingest.dispatch import parse_one
    from ingest.manifest import read_manifest
    from ingest.sources import read_document
    from ingest.sources.pdf import convert_pdf

    manifest = read_manifest(RAW / "manifest.csv")
    for name, entry in list(manifest.items()):
        manifest[Path(name).with_suffix(".pdf").name] = entry
    rows = []
    for doc_id, pdf in pdfs.items():
        with pdfplumber.open(pdf) as p:
            pages = len(p.pages)
        convert = _best(lambda pdf=pdf: convert_pdf(pdf), runs)
        text_path = RAW / f"{doc_id}.txt"
        parse_text = _best(lambda text_path=text_path: parse_one(text_path, manifest), runs)
        parse_pdf_cold = _best(lambda pdf=pdf: parse_one(pdf, manifest), 1)
        with tempfile.TemporaryDirectory() as cache:
            read_document(pdf, Path(cache))
            cached = _best(lambda pdf=pdf, cache=cache: read_document(pdf, Path(cache)), runs)
            parse_pdf_cached = _best(
                lambda pdf=pdf, cache=cache: parse_one(pdf, manifest, Path(cache)), runs
            )
        rows.append(
            {
                "doc": doc_id,
                "pages": pages,
                "size_kb": pdf.stat().st_size // 1024,
                "convert_s": convert,
                "pages_per_s": pages / convert,
                "cached_read_s": cached,
                "parse_text_s": parse_text,
                "parse_pdf_cold_s": parse_pdf_cold,
                "parse_pdf_cached_s": parse_pdf_cached,
            }
        )
    return rows


def build(raw_dir: Path) -> float:
    """Seconds of a `plans build` of the documents (and manifest) of ``raw_dir``."""
    with tempfile.TemporaryDirectory() as data:
        shutil.copytree(raw_dir, Path(data) / "raw")
        return run(["build"], Path(data))[0]


def report(rows: list[dict], libs: list, builds: dict[str, float] | None, command: str) -> str:
    pages = sum(r["pages"] for r in rows)
    convert = sum(r["convert_s"] for r in rows)
    out = [
        "# PDF conversion benchmark",
        "",
        f"- date: {dt.date.today().isoformat()}",
        f"- machine: {machine()} (shared with other jobs: figures are best of several runs)",
        f"- command: `{command}`",
        "- input: the five samples printed to PDF by tests/pdfgen.py (SAMPLE_STYLES: ruled "
        "tables, wrapped cells, portrait and landscape pages, two fonts)",
        "",
        "## Converter (pdfplumber + ingest/sources/pdf.py)",
        "",
        "| document | pages | KiB | convert s | pages/s | cached re-read s | parse from text s "
        "| parse from PDF, converting s | parse from PDF, cached s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['doc']} | {r['pages']} | {r['size_kb']} | {r['convert_s']:.2f} | "
            f"{r['pages_per_s']:.1f} | {r['cached_read_s']:.3f} | {r['parse_text_s']:.3f} | "
            f"{r['parse_pdf_cold_s']:.2f} | {r['parse_pdf_cached_s']:.3f} |"
        )
    out += [
        f"| **all** | {pages} | | {convert:.2f} | **{pages / convert:.1f}** | "
        f"{sum(r['cached_read_s'] for r in rows):.3f} | "
        f"{sum(r['parse_text_s'] for r in rows):.3f} | "
        f"{sum(r['parse_pdf_cold_s'] for r in rows):.2f} | "
        f"{sum(r['parse_pdf_cached_s'] for r in rows):.3f} |",
        "",
        f"Median pages/s per document: {statistics.median(r['pages_per_s'] for r in rows):.1f}.",
    ]
    if libs:
        out += [
            "",
            "## Raw extraction by library (tables found and extracted, text of every page)",
            "",
            "| library | version | pages | s | pages/s |",
            "|---|---|---:|---:|---:|",
        ]
        out += [f"| {n} | {v} | {p} | {s:.2f} | {p / s:.1f} |" for n, v, p, s in libs]
    if builds:
        out += [
            "",
            "## Whole build (`plans build`: ingest, dbt build, checks, marts)",
            "",
            "| input | s |",
            "|---|---:|",
        ]
        out += [f"| {k} | {v:.1f} |" for k, v in builds.items()]
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--libraries", type=Path, help="only time the PDF libraries on DIR")
    ap.add_argument("--library-results", type=Path, help="append these library lines (TSV)")
    args = ap.parse_args()
    if args.libraries:
        for name, version, pages, secs in libraries(args.libraries, args.runs):
            print(f"{name}\t{version}\t{pages}\t{secs:.3f}")
        return
    from tests.pdfgen import render_samples

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        pdfs = render_samples(RAW, raw)
        for stats in raw.glob("*.stats"):
            stats.unlink()
        rows = converter(pdfs, args.runs)
        libs = libraries(raw, args.runs)
        if args.library_results and args.library_results.exists():
            for line in args.library_results.read_text().splitlines():
                n, v, p, s = line.split("\t")
                if n not in {x[0] for x in libs}:
                    libs.append((n, v, int(p), float(s)))
        builds = None
        if args.build:
            builds = {
                "five text exports": build(RAW),
                "five PDFs (converted in the build)": build(raw),
            }
    command = "python " + " ".join(["benchmarks/bench_convert.py", *sys.argv[1:]])
    text = report(rows, libs, builds, command)
    print(text)
    if args.write:
        (ROOT / "benchmarks" / "CONVERT_RESULTS.md").write_text(text)


if __name__ == "__main__":
    main()
