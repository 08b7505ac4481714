"""First-render time of every dashboard page, on the sample warehouse or on a bigger marts
folder (benchmarks/scale_marts.py replicates the samples to 10,000 documents).

    .venv/bin/python benchmarks/bench_pages.py                      # samples, AppTest + browser
    .venv/bin/python benchmarks/bench_pages.py --marts data/scale/marts --label "10.000 documenti"
    .venv/bin/python benchmarks/bench_pages.py --no-browser

AppTest: a cold run per page, each in a fresh Python process (empty Streamlit caches, so every
query runs; the imports are done before the clock starts), repeated --repeat times.
Browser: per page a fresh `streamlit run` server and a headless Debian chromium (1440 px): the
server's first page (Novità: Python imports, first session) is timed apart; then the page's URL
is opened (its queries not cached yet) and opened again (a reload); each time from navigation
to the end of the script run with every plotly chart drawn. Prints a table and writes its
section ("## <label>") of benchmarks/RESULTS.md, keeping the other sections.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {
    "panoramica": ("views/panoramica.py", "Panoramica"),
    "confronto": ("views/confronto.py", "Confronto tra enti"),
    "andamento": ("views/andamento.py", "Andamento"),
    "aree": ("views/aree.py", "Aree di intervento"),
    "bilancio": ("views/bilancio.py", "Bilancio"),
    "indicatori": ("views/indicatori.py", "Indicatori"),
    "ente": ("views/ente.py", "Scheda ente"),
    "qualita": ("views/qualita.py", "Qualità dei dati"),
    "novita": ("views/novita.py", "Novità"),
    "documentazione": ("views/documentazione.py", "Documentazione"),
    "fonte": ("views/fonte.py", "Documento sorgente"),
}
# the source viewer opens on one line of a document (as from a table's "Fonte" column)
SOURCE_LINE = ("003_51402a20550dfbf2", "47")  # the PEG, line 47 (its copies end with its id)


def query(name: str) -> dict[str, str]:
    """The URL parameters a page opens with: the source viewer on the PEG (or its first
    copy in a scale corpus)."""
    if name != "fonte":
        return {}
    import duckdb

    from dashboards import data

    doc, line = SOURCE_LINE
    found = duckdb.sql(
        f"select min(document_id) from read_parquet('{data.marts_dir()}/dim_document.parquet') "
        f"where document_id like '%{doc}'"
    ).fetchall()[0][0]
    return {"doc": found or doc, "riga": line}


# a reader's choice after the first render: (page, selectbox key, value, what it does); the
# rerun is timed with the first render's queries cached and the new ones not
SELECTIONS = [
    ("views/confronto.py", "cmp_area", "12.02", "Confronto: area Disabilità"),
    ("views/andamento.py", "and_area", "12.02", "Andamento: area Disabilità"),
    ("views/aree.py", "aree_area", "12.03", "Aree di intervento: un'altra area (Anziani)"),
    # None: the option after the one the page opened with (the enti differ from warehouse
    # to warehouse)
    ("views/aree.py", "aree_ente", None, "Aree di intervento: un altro ente"),
]


def _one_cold_run(page: str) -> float:
    """In a fresh process: import what the app imports, then time the page's first run."""
    import plotly.express  # noqa: F401
    from streamlit.testing.v1 import AppTest

    import dashboards.charts  # noqa: F401
    import dashboards.common  # noqa: F401

    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=120)
    for k, v in query(Path(page).stem).items():
        at.query_params[k] = v
    at.switch_page(page)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    if at.title[0].value != PAGES[Path(page).stem][1]:
        raise RuntimeError(f"{page}: rendered {at.title[0].value!r}")
    return elapsed


def _one_selection(index: int) -> float:
    """In a fresh process: the page's first run, then the time of the rerun after a choice."""
    from streamlit.testing.v1 import AppTest

    import dashboards.charts  # noqa: F401
    import dashboards.common  # noqa: F401

    page, key, value, _ = SELECTIONS[index]
    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=120)
    at.switch_page(page)
    at.run()
    box = at.selectbox(key=key)
    if value is None:  # an ente other than the one shown (the options are ente ids)
        from dashboards import data

        value = next(e for e in data.enti()["ente_id"] if e != box.value)
    widget = box.set_value(value)
    start = time.perf_counter()
    widget.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page} {key}={value}: {at.exception[0].message}")
    return elapsed


def apptest_cold(page: str | int, repeat: int) -> list[float]:
    """Each run in its own Python process: empty Streamlit caches, cold DuckDB. An int is the
    index of a reader's choice in SELECTIONS."""
    times = []
    flag = "--one-selection" if isinstance(page, int) else "--one"
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, flag, str(page)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
        times.append(float(proc.stdout.strip().splitlines()[-1]))
    return times


def url(name: str) -> str:
    path = "" if name == "panoramica" else name
    params = query(name)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def browser_first_render(marts: Path) -> dict[str, tuple[float, float, float]]:
    """Per page: (server's first page, this page's first render, reload) in seconds."""
    from tests.test_dashboard_browser import (
        CHROMIUM,
        chromium_page,
        open_page,
        streamlit_server,
    )

    if not CHROMIUM.exists():
        print("chromium is missing at /usr/bin/chromium: browser timings skipped")
        return {}
    out = {}
    for name in PAGES:
        with streamlit_server(marts) as base, chromium_page() as page:
            server = open_page(page, f"{base}/novita")
            first = open_page(page, f"{base}/{url(name)}")
            again = open_page(page, f"{base}/{url(name)}")
            out[name] = (server, first, again)
    return out


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        mem = f", {mem_kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        mem = ""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}"


def write_section(out: Path, label: str, text: str) -> None:
    """Replace (or add) the section '## <label>' of the results file, keeping the text
    before the first section and the other sections."""
    old = out.read_text(encoding="utf-8") if out.exists() else "# Dashboard page render times\n"
    first = old.find("\n## ")
    preamble = old if first < 0 else old[: first + 1]
    rest = "" if first < 0 else old[first + 1 :]
    parts = [p for p in re.split(r"(?m)^## ", rest) if p.strip()]
    sections = {p.split("\n", 1)[0].strip(): "## " + p.rstrip() + "\n" for p in parts}
    sections[label] = text.rstrip() + "\n"
    out.write_text(preamble.rstrip() + "\n\n" + "\n".join(sections.values()), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--marts", type=Path, help="marts folder (default PLANS_MARTS_DIR)")
    parser.add_argument("--label", default="5 documenti (campione)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one cold AppTest run
    parser.add_argument("--one-selection", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    if args.one:
        print(f"{_one_cold_run(args.one):.4f}")
        return 0
    if args.one_selection is not None:
        print(f"{_one_selection(args.one_selection):.4f}")
        return 0
    if args.marts:
        os.environ["PLANS_MARTS_DIR"] = str(args.marts.resolve())
    from dashboards import data

    marts = data.marts_dir()
    if not data.has_data():
        print(f"no marts in {marts}: run `make build` first")
        return 2
    os.environ["PLANS_MARTS_DIR"] = str(marts)
    import duckdb

    n_docs, n_enti = duckdb.sql(
        "select count(*), count(distinct ente_id) from "
        f"read_parquet('{marts}/dim_document.parquet')"
    ).fetchall()[0]
    load = os.getloadavg()[0]

    rows = []
    for name, (path, title) in PAGES.items():
        times = apptest_cold(path, args.repeat)
        rows.append((name, title, statistics.median(times), min(times)))
        print(f"AppTest {name:<15} median {statistics.median(times):6.2f} s", flush=True)
    choices = []
    for i, (_page, _key, _value, what) in enumerate(SELECTIONS):
        times = apptest_cold(i, args.repeat)
        choices.append((what, statistics.median(times), min(times)))
        print(f"AppTest {what:<45} median {statistics.median(times):6.2f} s", flush=True)
    browser = {} if args.no_browser else browser_first_render(marts)
    for name, (_server, first, again) in browser.items():
        print(f"browser {name:<15} first {first:6.2f} s, reload {again:6.2f} s", flush=True)
    load = max(load, os.getloadavg()[0])

    import streamlit

    header = (
        "| page | AppTest cold, median (s) | AppTest cold, best (s) | browser, first render (s) "
        "| browser, reload (s) | browser, fresh server's first page (s) |\n"
        "|---|---:|---:|---:|---:|---:|"
    )
    lines = [
        f"| {title} (`/{url(n)}`) | {med:.2f} | {best:.2f} | "
        + (
            " | ".join(f"{t:.2f}" for t in (browser[n][1], browser[n][2], browser[n][0]))
            if n in browser
            else "— | — | —"
        )
        + " |"
        for n, title, med, best in rows
    ]
    command = "benchmarks/bench_pages.py" + (
        f' --marts {args.marts} --label "{args.label}"' if args.marts else ""
    )
    text = "\n".join(
        [
            f"## {args.label}",
            "",
            f"Measured {datetime.now():%Y-%m-%d %H:%M} with `{command}` on "
            f"{n_docs:,} documents of {n_enti:,} enti (marts `{marts}`).".replace(",", "."),
            "",
            f"- machine: {machine()}; load average during the run up to {load:.1f} (the machine "
            "is shared with other jobs: figures include waiting for a core)",
            f"- Python {platform.python_version()}, Streamlit {streamlit.__version__}",
            f"- AppTest: {args.repeat} cold runs per page, each in a fresh Python process "
            "(empty caches: every query runs against the Parquet marts; imports excluded).",
            "- browser, first render: a fresh `streamlit run` server that has already served one "
            "other page (Novità), headless Debian chromium at 1440 px opening the page's URL "
            "(a new session, the page's queries not cached), from navigation to the end of the "
            "script run with every plotly chart drawn.",
            "- browser, reload: the same URL opened again right after (new session, warm data "
            "cache).",
            "- browser, fresh server's first page: the Novità page as the first page a new "
            "server serves (Python imports of pandas, plotly, duckdb at the first script run).",
            "",
            header,
            *lines,
            "",
            "A reader's choice after the first render (AppTest, fresh process: the rerun with "
            "the first render's queries cached, the new ones not):",
            "",
            "| choice | rerun, median (s) | rerun, best (s) |",
            "|---|---:|---:|",
            *(f"| {what} | {med:.2f} | {best:.2f} |" for what, med, best in choices),
            "",
        ]
    )
    print()
    print(text)
    write_section(args.out, args.label, text)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
