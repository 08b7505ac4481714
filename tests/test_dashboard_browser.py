"""The dashboard in a real headless chromium: every page opens, finishes running, shows no
Streamlit exception or error box, and leaves a full-page screenshot in
test-artifacts/screenshots/<page>.png.

Needs Debian's chromium at /usr/bin/chromium (`make browser-deps`) and the playwright Python
client (never `playwright install`: the browser is the system one)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WIDTH = 1440  # the readers' screens
PEG = "003_51402a20550dfbf2"
# page name -> URL path (the default page is served at the root)
PAGES = {
    "panoramica": "",
    "confronto": "confronto",
    "andamento": "andamento",
    "aree": "aree",
    "bilancio": "bilancio",
    "indicatori": "indicatori",
    "ente": "ente",
    "qualita": "qualita",
    "novita": "novita",
    "documentazione": "documentazione",
    "fonte": f"fonte?doc={PEG}&riga=47",
}
# a text each page shows once it has rendered with real figures
EXPECTED_TEXT = {
    "panoramica": "Documenti caricati",
    "confronto": "Misure a confronto",
    "andamento": "Sintesi per il Forum",
    "aree": "11 obiettivi su 213",
    "bilancio": "9.422.128,07",
    "indicatori": "Scarica XLSX",
    "ente": "Obiettivi e indicatori",
    "qualita": "Controlli non superati per regola",
    "novita": "Nessuna modifica registrata",
    "documentazione": "Scarica i Data Docs (zip)",
    "fonte": "Piano Esecutivo di Gestione 2021",
}
# what a reader must never see: English wording and code names (issue 15), as words
FORBIDDEN = [
    "The subtotal",
    "projects",
    "(line",
    "lines",
    "success",
    "manual",
    "scheduled",
    "partial",
    "failed",
    "history.snp_indicator_year",
    "Deploy",
    "incidenza_obiettivi_piano",
    "performance_organizzativa",
    "Jaccard",
    "difflib",
    "targets",
    "duplicate keys",
    "header",
    "objective",
    "positional_from_azioni",
    "True",
    "False",
]
FORBIDDEN_WORDS = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(w) for w in FORBIDDEN) + r")(?![\w])"
)
FORBIDDEN_PATTERNS = {
    "None or nan in a cell": re.compile(r"(?<![\w])(None|nan|NaN|NaT)(?![\w])"),
    "an ISO date": re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b"),
    "a decimal point": re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"),
    "an English abbreviation of a number": re.compile(r"\b\d+(,\d)?[kM]\b"),
}
# in table cells: no figure without the Italian separators
ITALIAN_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 2.225 is two thousand ...
CELL_PATTERNS = {
    "a decimal point": re.compile(r"^-?\d+\.\d+$"),
    "a large number without thousands separators": re.compile(r"^-?\d{5,}([.,]\d+)?$"),
    "commas as thousands separators": re.compile(
        r"^-?\d{1,3}(,\d{3})+\.\d+$|^\d{1,3}(,\d{3}){2,}$"
    ),
    "an empty value written as None/nan": re.compile(r"^(None|nan|NaN|NaT|True|False)$"),
    "an ISO date": re.compile(r"^\d{4}-\d{2}-\d{2}"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(marts_dir: Path, timeout: float = 60.0):
    """`streamlit run dashboards/app.py` on a free port in its own process group; yields the
    base URL once /_stcore/health answers, and stops the whole group afterwards."""
    port = free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    cmd = [
        str(streamlit),
        "run",
        "dashboards/app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    env = dict(os.environ, PLANS_MARTS_DIR=str(marts_dir))
    log = SCREENSHOTS.parent / "streamlit-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {proc.returncode}, see {log}")
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not become healthy in {timeout}s")
                time.sleep(0.3)
            yield base
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@contextmanager
def chromium_page(width: int = WIDTH, height: int = 900):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale="it-IT")
            yield page
        finally:
            browser.close()


IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    return Boolean(state) && state !== 'initial' && state !== 'running'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(c => c.querySelector('.main-svg'));
}"""


def wait_until_rendered(page, timeout_ms: int = 60_000) -> float:
    """The script has run (stApp no longer initial/running, no status widget), the plotly
    charts on the page have drawn, and it stays so for a moment (a rerun may follow a run).
    Returns the perf_counter time at which the page became (and stayed) rendered: the
    moment's wait that confirms it is not counted."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        page.wait_for_function(IDLE_JS, timeout=timeout_ms, polling=50)
        rendered = time.perf_counter()
        page.wait_for_timeout(700)
        if page.evaluate(IDLE_JS) or time.monotonic() > deadline:
            return rendered


def open_page(page, url: str) -> float:
    """Navigate and wait for the full render; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    return wait_until_rendered(page) - start


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to the content first."""
    height = page.evaluate(
        """() => {
            const heights = [document.documentElement.scrollHeight, document.body.scrollHeight];
            for (const sel of ['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]',
                               '[data-testid="stMainBlockContainer"]']) {
                const el = document.querySelector(sel);
                if (el) heights.push(el.scrollHeight + el.getBoundingClientRect().top);
            }
            return Math.max(...heights);
        }"""
    )
    size = page.viewport_size or {"width": WIDTH, "height": 900}
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 16000)})
    page.wait_for_timeout(600)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


@pytest.fixture(scope="module")
def server(built_warehouse):
    if not CHROMIUM.exists():
        pytest.skip(
            "chromium is not installed at /usr/bin/chromium: run `make browser-deps` "
            "(apt-get install chromium) to enable the real-browser test"
        )
    pytest.importorskip("playwright.sync_api", reason="the playwright Python client is missing")
    with streamlit_server(built_warehouse / "marts") as base:
        yield base


def reader_problems(name: str, page) -> list[str]:
    """English words, code names, 'None'/'nan' and numbers not written the Italian way on the
    page (text, charts, table cells as the grid shows them)."""
    problems = []
    body = page.inner_text("body")
    for word in sorted(set(FORBIDDEN_WORDS.findall(body))):
        problems.append(f"{name}: {word!r} on screen")
    for what, pattern in FORBIDDEN_PATTERNS.items():
        found = pattern.search(body)
        if found:
            problems.append(f"{name}: {what} on screen ({found.group(0)!r})")
    cells = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid^="glide-cell-"]')]
              .map(c => c.innerText.trim())"""
    )
    for cell in cells:
        for what, pattern in CELL_PATTERNS.items():
            if pattern.search(cell) and not ITALIAN_THOUSANDS.match(cell):
                problems.append(f"{name}: table cell {cell!r} has {what}")
    return problems


def column_on_screen(page, header: str) -> bool:
    """Whether the column with this header is drawn without scrolling the table sideways
    (the grid lists in its accessible header row only the columns it draws)."""
    return page.evaluate(
        """(header) => [...document.querySelectorAll('[data-testid="stDataFrame"] th')]
              .some(h => h.innerText.trim() === header)""",
        header,
    )


def test_every_page_renders_in_chromium_in_italian(server):
    problems = []
    with chromium_page(width=WIDTH) as page:
        for name, path in PAGES.items():
            open_page(page, f"{server}/{path}")
            full_page_screenshot(page, SCREENSHOTS / f"{name}.png")
            exceptions = page.locator('[data-testid="stException"]').count()
            errors = page.locator('[data-testid="stAlertContentError"]').count()
            if exceptions or errors:
                problems.append(f"{name}: {exceptions} exceptions, {errors} error boxes")
            body = page.inner_text("body")
            if EXPECTED_TEXT[name] not in body:
                problems.append(f"{name}: '{EXPECTED_TEXT[name]}' not on the page")
            problems += reader_problems(name, page)
    (SCREENSHOTS.parent / "reader-problems.txt").write_text("\n".join(problems) + "\n")
    assert not problems, problems
    for name in PAGES:
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000, name


def test_key_columns_are_on_screen_at_1440_px(server):
    problems = []
    with chromium_page(width=WIDTH) as page:
        for name, path, header in [
            ("panoramica", "", "Errori"),
            ("indicatori", "indicatori", "Riga"),
            ("indicatori", "indicatori", "Fonte"),
        ]:
            open_page(page, f"{server}/{path}")
            page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            if not column_on_screen(page, header):
                problems.append(f"{name}: column {header!r} is off screen at {WIDTH} px")
    assert not problems, problems


def test_forum_summary_printed_alone(server):
    """The print view of the Forum summary: a screenshot of what the printer gets."""
    with chromium_page(width=WIDTH) as page:
        open_page(page, f"{server}/andamento")
        page.get_by_text("Mostra la sintesi per la stampa").click()
        wait_until_rendered(page)
        page.emulate_media(media="print")
        full_page_screenshot(page, SCREENSHOTS / "andamento-stampa.png")
        visible = page.evaluate(
            """() => [...document.querySelectorAll('h1, h2, h3')]
                  .filter(h => getComputedStyle(h).visibility === 'visible')
                  .map(h => h.innerText)"""
        )
    assert any("Osservatorio piani" in h for h in visible)
    assert "Andamento" not in visible  # the page title is not printed, only the summary
