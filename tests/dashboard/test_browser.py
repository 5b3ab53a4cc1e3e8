"""Every page of the served dashboard in a real headless Chromium, as README command one serves it.

`dcs dashboard --db <the warehouse of corpus/real> --port <free port>` is started, and Playwright drives
the system's Debian `chromium` (no `playwright install`). Each page is opened by its URL at desktop
(1440×900) and phone (390×844) sizes; the test waits for its heading and for Streamlit to finish
running the script, checks that no exception is shown, that the browser tab carries the page's own
title, that there is no Deploy button, and (at desktop size) that no table scrolls sideways, and saves
a screenshot under ``test-artifacts/screenshots/`` (or ``$DCS_TEST_ARTIFACTS/screenshots``).

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
from contextlib import contextmanager
from pathlib import Path

import pytest

from councildocs.warehouse import queries

REPO_ROOT = Path(__file__).resolve().parents[2]
DCS = Path(sys.executable).with_name("dcs")
CHROMIUM = os.environ.get("DCS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("DCS_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts")) / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

# (url path with its query, heading the page shows once its script has run, the tab's title)
MANCHESTER, LEEDS = "E08000003", "E08000035"
PAGES = [
    ("", "Overview", "Overview"),
    ("salaries?salary=140000", "Salary benchmark", "Salary benchmark"),
    (f"compare?gss={MANCHESTER},{LEEDS}", "Compare authorities", "Compare authorities"),
    ("shared?show=Both", "Shared posts", "Shared posts"),
    ("evidence", "Evidence", "Evidence"),
    ("upload", "Add a document", "Add a document"),
]
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

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


@contextmanager
def served_dashboard(db: Path):
    """``dcs dashboard`` on ``db`` at a free port, as a user starts it; yields its address."""
    port = _free_port()
    proc = subprocess.Popen([str(DCS), "dashboard", "--db", str(db), "--port", str(port)],
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


@pytest.fixture(scope="module")
def served(real_db: Path):
    """The app served by `dcs dashboard` over README command one's warehouse; yields its address."""
    with served_dashboard(real_db) as address:
        yield address


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
    page.wait_for_timeout(500)  # let charts and tables lay out


# Tables (Streamlit's data grid) whose content is wider than their box, so that they scroll sideways.
_SIDEWAYS_TABLES = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .map((frame, i) => {
        const scroller = frame.querySelector('.dvn-scroller') || frame;
        return {i, scroll: scroller.scrollWidth, client: scroller.clientWidth};
    })
    .filter(t => t.scroll > t.client + 1)"""


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_at_desktop_and_phone_size(served: str, size: str):
    sync_playwright = _require_browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=SIZES[size])
            for path, heading, title in PAGES:
                page.goto(f"{served}/{path}", wait_until="domcontentloaded")
                _wait_until_rendered(page, heading)
                shot = ARTIFACTS / f"{path.split('?')[0] or 'overview'}-{size}.png"
                page.screenshot(path=str(shot), full_page=True)
                saved.append(shot)
                errors = page.locator('[data-testid="stException"]')
                assert errors.count() == 0, f"/{path}: {errors.first.inner_text()}"
                assert page.title() == title, f"/{path} is titled {page.title()!r}"
                assert page.get_by_text("Deploy", exact=True).count() == 0, "readers see no Deploy button"
                if size == "desktop":
                    assert page.evaluate(_SIDEWAYS_TABLES) == [], f"/{path}: a table scrolls sideways"
        finally:
            browser.close()
    for shot in saved:
        assert shot.stat().st_size > 0
        print(f"screenshot: {shot}")


@pytest.mark.parametrize("size", list(SIZES))
def test_an_evidence_link_opens_on_its_highlighted_sentence(served: str, real_db: Path, size: str):
    sync_playwright = _require_browser()
    rows = queries.salary_benchmark(real_db, regions=["North West"]).rows
    fact_id = rows.filter(rows["min_gbp"] == 135976)["fact_id"][0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=SIZES[size])
            page.goto(f"{served}/evidence?fact={fact_id}", wait_until="domcontentloaded")
            _wait_until_rendered(page, "Evidence")
            # the heading states the fact, and the source is named and linked
            statement = page.locator("h3").filter(has_text="Salary: £135,976–£155,898 a year for")
            assert statement.count() == 1 and statement.inner_text().endswith("— Manchester")
            assert page.get_by_text("Published by Manchester City Council").count() == 1
            assert page.get_by_role("link", name="published page").get_attribute("href").startswith("https://")
            # the highlight is visible inside its box without scrolling it
            mark = page.locator("mark").first
            mark.wait_for(state="visible", timeout=30_000)
            assert "135,976" in mark.inner_text()
            inside = mark.evaluate("""m => {
                const box = m.closest('div[style*="overflow"]');
                const a = m.getBoundingClientRect(), b = box.getBoundingClientRect();
                return a.top >= b.top && a.bottom <= b.bottom;
            }""")
            assert inside, "the highlighted sentence is in view when the page opens"
            shot = ARTIFACTS / f"evidence-manchester-salary-{size}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()


def test_a_comparison_is_shared_by_its_address(served: str):
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=SIZES["desktop"])
            page.goto(f"{served}/salaries", wait_until="domcontentloaded")
            _wait_until_rendered(page, "Salary benchmark")
            field = page.get_by_role("spinbutton", name="Salary (£ a year)")
            field.fill("140000")
            field.press("Enter")
            page.wait_for_url("**salary=140000**", timeout=30_000)
            _wait_until_rendered(page, "Salary benchmark")
            answer = page.get_by_text("sits at the").first.inner_text()
            assert "posts of Director of Children's Services in" in answer
            # the address alone brings back the same answer
            other = browser.new_page(viewport=SIZES["desktop"])
            other.goto(page.url, wait_until="domcontentloaded")
            _wait_until_rendered(other, "Salary benchmark")
            assert other.get_by_text("sits at the").first.inner_text() == answer
        finally:
            browser.close()
