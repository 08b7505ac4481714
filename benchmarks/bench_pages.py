"""First-render time of every dashboard page on the sample warehouse.

    .venv/bin/python benchmarks/bench_pages.py            # AppTest + real browser
    .venv/bin/python benchmarks/bench_pages.py --no-browser

AppTest: a cold run per page, each in a fresh Python process (empty Streamlit caches, so every
query runs; the imports are done before the clock starts), repeated --repeat times.
Browser: a fresh `streamlit run` server per page and a headless Debian chromium that opens the
page's URL; the time is from navigation to the end of the script run with every plotly chart
drawn. Prints a table and writes benchmarks/RESULTS.md.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
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
    "bilancio": ("views/bilancio.py", "Bilancio"),
    "indicatori": ("views/indicatori.py", "Indicatori"),
    "ente": ("views/ente.py", "Scheda ente"),
    "qualita": ("views/qualita.py", "Qualità dei dati"),
    "novita": ("views/novita.py", "Novità"),
    "documentazione": ("views/documentazione.py", "Documentazione"),
    "fonte": ("views/fonte.py", "Documento sorgente"),
}
# the source viewer opens on one line of a document (as from a table's "Fonte" column)
QUERY = {"fonte": {"doc": "003_51402a20550dfbf2", "riga": "47"}}


def _one_cold_run(page: str) -> float:
    """In a fresh process: import what the app imports, then time the page's first run."""
    import plotly.express  # noqa: F401
    from streamlit.testing.v1 import AppTest

    import dashboards.charts  # noqa: F401
    import dashboards.common  # noqa: F401

    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=120)
    for k, v in QUERY.get(Path(page).stem, {}).items():
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


def apptest_cold(page: str, repeat: int) -> list[float]:
    """Each run in its own Python process: empty Streamlit caches, cold DuckDB."""
    times = []
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--one", page],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
        times.append(float(proc.stdout.strip().splitlines()[-1]))
    return times


def browser_first_render(marts: Path) -> dict[str, tuple[float, float]]:
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
        url_path = "" if name == "panoramica" else name
        with streamlit_server(marts) as base, chromium_page() as page:
            first = open_page(page, f"{base}/{url_path}")
            again = open_page(page, f"{base}/{url_path}")  # new session, warm server
            out[name] = (first, again)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one cold AppTest run
    args = parser.parse_args()

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    if args.one:
        print(f"{_one_cold_run(args.one):.4f}")
        return 0
    from dashboards import data

    marts = data.marts_dir()
    if not data.has_data():
        print(f"no marts in {marts}: run `make build` first")
        return 2
    os.environ["PLANS_MARTS_DIR"] = str(marts)

    rows = []
    for name, (path, title) in PAGES.items():
        times = apptest_cold(path, args.repeat)
        rows.append((name, title, statistics.median(times), min(times)))
        print(f"AppTest {name:<11} median {statistics.median(times):6.2f} s", flush=True)
    browser = {} if args.no_browser else browser_first_render(marts)
    for name, (first, again) in browser.items():
        print(f"browser {name:<11} first {first:6.2f} s, again {again:6.2f} s", flush=True)

    import streamlit

    header = (
        "| page | AppTest cold run, median (s) | AppTest cold, best (s) "
        "| browser, fresh server (s) | browser, reload (s) |\n|---|---:|---:|---:|---:|"
    )
    lines = [
        f"| {title} (`/{'' if n == 'panoramica' else n}`) | {med:.2f} | {best:.2f} | "
        + (" | ".join(f"{t:.2f}" for t in browser[n]) if n in browser else "— | —")
        + " |"
        for n, title, med, best in rows
    ]
    text = "\n".join(
        [
            "# Dashboard page render times",
            "",
            f"Measured {datetime.now():%Y-%m-%d %H:%M} with `benchmarks/bench_pages.py` "
            f"(`make bench`) on the sample warehouse (5 documents, 4 enti).",
            "",
            f"- machine: {machine()}",
            f"- Python {platform.python_version()}, Streamlit {streamlit.__version__}",
            f"- marts: `{marts}`",
            f"- AppTest: {args.repeat} cold runs per page, each in a fresh Python process "
            "(empty caches: every query runs against the Parquet marts; imports excluded).",
            "- browser, fresh server: a new `streamlit run` per page, headless Debian chromium "
            "opening the page's URL, from navigation to the end of the script run with every "
            "plotly chart drawn. Includes loading Streamlit's JavaScript, the websocket "
            "handshake, the server's first import of pandas/plotly/duckdb (done at the first "
            "script run) and the one extra rerun of a first visit to a deep URL (see "
            "`common.leave_pages_directory_mode`).",
            "- browser, reload: the same URL opened again right after (new session, warm "
            "server and data cache): what a visitor sees once the server has been used.",
            "",
            header,
            *lines,
            "",
        ]
    )
    print()
    print(header)
    print("\n".join(lines))
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
