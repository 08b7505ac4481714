"""The dashboard in a real headless chromium: every page opens, finishes running, shows no
Streamlit exception or error box, and leaves a full-page screenshot in
test-artifacts/screenshots/<page>.png.

Needs Debian's chromium at /usr/bin/chromium (`make browser-deps`) and the playwright Python
client (never `playwright install`: the browser is the system one)."""

from __future__ import annotations

import os
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
# page name -> URL path (the default page is served at the root)
PAGES = {
    "panoramica": "",
    "confronto": "confronto",
    "andamento": "andamento",
    "bilancio": "bilancio",
    "indicatori": "indicatori",
    "ente": "ente",
    "qualita": "qualita",
    "novita": "novita",
}
# a text each page shows once it has rendered with real figures
EXPECTED_TEXT = {
    "panoramica": "Documenti caricati",
    "confronto": "Misure a confronto",
    "andamento": "Sintesi per il Forum",
    "bilancio": "9.422.128,07",
    "indicatori": "Scarica XLSX",
    "ente": "Scheda ente",
    "qualita": "Data Docs",
    "novita": "Nessuna modifica registrata",
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
def chromium_page(width: int = 1400, height: int = 900):
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


def wait_until_rendered(page, timeout_ms: int = 60_000) -> None:
    """The script has run (stApp no longer initial/running, no status widget), the plotly
    charts on the page have drawn, and it stays so for a moment (a rerun may follow a run)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        page.wait_for_function(IDLE_JS, timeout=timeout_ms)
        page.wait_for_timeout(700)
        if page.evaluate(IDLE_JS) or time.monotonic() > deadline:
            break


def open_page(page, url: str) -> float:
    """Navigate and wait for the full render; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    wait_until_rendered(page)
    return time.perf_counter() - start


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
    size = page.viewport_size or {"width": 1400, "height": 900}
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


def test_every_page_renders_in_chromium(server):
    problems = []
    with chromium_page() as page:
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
    assert not problems, problems
    for name in PAGES:
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000, name
