"""Every page of the served dashboard in a real headless Chromium, as README command one serves it.

`dcs dashboard --db <corpus warehouse> --port <free port>` is started, and Playwright drives the
system's Debian `chromium` (no `playwright install`). Each page is opened by its URL, the test waits
for its heading and for Streamlit to finish running the script, checks that no exception is shown,
and saves a screenshot under ``test-artifacts/screenshots/`` (or ``$DCS_TEST_ARTIFACTS/screenshots``).

Without chromium or Playwright the test skips with the reason; under CI (``CI`` set) it fails instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from councildocs.warehouse import queries

REPO_ROOT = Path(__file__).resolve().parents[2]
DCS = Path(sys.executable).with_name("dcs")
CHROMIUM = os.environ.get("DCS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("DCS_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts")) / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

# (url path, heading the page shows once its script has run)
PAGES = [
    ("", "Overview"),
    ("salaries", "Salary benchmark"),
    ("compare", "Compare authorities"),
    ("shared", "Shared posts"),
    ("evidence", "Evidence"),
    ("upload", "Add a document"),
]

pytestmark = pytest.mark.slow


def _require_browser():
    reasons = []
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        reasons.append(f"chromium is not installed at {CHROMIUM} (Debian package `chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reasons.append("the playwright Python package is not installed (`pip install -e '.[dev]'`)")
        sync_playwright = None
    if reasons:
        message = "; ".join(reasons)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must provide it: scripts/install.sh installs both)")
        pytest.skip(message)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(corpus_db: Path):
    """The app served by `dcs dashboard`, as README command one runs it; yields its address."""
    port = _free_port()
    proc = subprocess.Popen([str(DCS), "dashboard", "--db", str(corpus_db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        address = proc.stderr.readline().split()[1]
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as health:
                    if health.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(f"the dashboard did not come up at {address}")
            time.sleep(0.3)
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_until_rendered(page, heading: str) -> None:
    # The page's own heading means its script has started drawing; then wait for the run to end
    # (Streamlit shows its status widget while a script runs) so the screenshot is the finished page.
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(state="visible", timeout=60_000)
    # Streamlit marks the app element with the script's state and draws grey skeletons where
    # elements are still to come; wait until the script is idle and no skeleton is left.
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const idle = !app || app.getAttribute('data-test-script-state') !== 'running';
            return idle && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
        }""",
        timeout=60_000,
    )
    page.wait_for_timeout(500)  # let charts lay out


def test_every_page_renders_without_an_exception(served: str, corpus_db: Path):
    sync_playwright = _require_browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for path, heading in PAGES:
                page.goto(f"{served}/{path}", wait_until="domcontentloaded")
                _wait_until_rendered(page, heading)
                shot = ARTIFACTS / f"{path or 'overview'}.png"
                page.screenshot(path=str(shot), full_page=True)
                saved.append(shot)
                errors = page.locator('[data-testid="stException"]')
                assert errors.count() == 0, f"/{path}: {errors.first.inner_text()}"
            # a fact linked from another page opens with its sentence highlighted
            rows = queries.salary_benchmark(corpus_db, regions=["London"]).rows
            fact_id = rows.filter(rows["max_gbp"] == 190800)["fact_id"][0]
            page.goto(f"{served}/evidence?fact={fact_id}", wait_until="domcontentloaded")
            _wait_until_rendered(page, "Evidence")
            page.locator("mark").first.wait_for(state="visible", timeout=30_000)
            assert "190,800" in page.locator("mark").first.inner_text()
            shot = ARTIFACTS / "evidence-wandsworth-salary.png"
            page.screenshot(path=str(shot), full_page=True)
            saved.append(shot)
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
    for shot in saved:
        assert shot.stat().st_size > 0
        print(f"screenshot: {shot}")
