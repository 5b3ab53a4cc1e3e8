"""Document text is always inert (issue 15): Markdown and HTML payloads in a document's text, its file
name, its sources.csv row and a page's URL parameters reach the dashboard only as text.

``tests/payload_documents.py`` writes an advert whose sentences (the evidence of its facts) carry a
Markdown image, a Markdown link dressed as a sign-in prompt, an ``<img onerror>``, a ``<script>`` and
an ``<a>``, under a file name that is Markdown and HTML too; an HTML page whose escaped markup becomes
such text and whose publisher is HTML and whose address is ``javascript:``; and a too-deep page, refused,
whose payload name reaches the failed-documents table. They are ingested by the real ``dcs ingest``,
the warehouse is served by ``dcs dashboard`` and every page is opened in Chromium, as
``test_browser.py`` does: the overview, the salary benchmark, the comparison, the shared posts, the
evidence page of every fact, the pages again with payloads in their URL parameters, and the upload
page, to which the advert is uploaded under its payload name and stored.

On every page: no request goes to the payload's host (``payload.invalid`` never resolves, and every
request for a host other than the dashboard's is also intercepted and refused, so the test means the
same offline); no element has an ``on…`` handler attribute or a ``src``/``href``/… naming the host,
and no ``<script>``, ``<iframe>`` or ``<object>`` mentions it; no dialog opens. And the payloads are
on the pages as text, which shows they were shown, not dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import duckdb
import pytest
from built_warehouses import ingested_warehouse
from payload_documents import ADVERT_NAME, ADVERT_TEXT, PAYLOAD_HOST, write_payload_documents
from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser, _wait_until_rendered, served_dashboard

pytestmark = pytest.mark.slow

LEEDS, BRADFORD = "E08000035", "E08000032"
# Not the ingested advert's bytes, so that it is stored anew, as upload/<its payload name>.
UPLOADED = ADVERT_TEXT + "\nApplications close on 30 June.\n"
CRAFTED = quote(f"<img src=http://{PAYLOAD_HOST}/q.png onerror=alert(7)>[x](http://{PAYLOAD_HOST}/q)")

# Every element attribute that makes a browser fetch or navigate, and handler attributes; checked in
# the page and in every same-origin frame.
_PAYLOAD_ELEMENTS = """(host) => {
    const urlAttributes = ['src', 'href', 'srcset', 'action', 'formaction', 'data', 'poster', 'background',
                           'xlink:href', 'style', 'ping', 'cite', 'longdesc', 'manifest', 'icon'];
    const found = [];
    const docs = [document];
    for (const frame of document.querySelectorAll('iframe')) {
        try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch (e) { /* cross-origin */ }
    }
    for (const doc of docs) {
        for (const el of doc.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                const name = attr.name.toLowerCase();
                if (name.startsWith('on')) found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
                else if (urlAttributes.includes(name) && (attr.value.includes(host)
                         || /^\\s*javascript:/i.test(attr.value)))
                    found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
            }
            const tag = el.tagName.toLowerCase();
            if (['script', 'iframe', 'object', 'embed'].includes(tag) && (el.textContent || '').includes(host))
                found.push(`<${tag}> mentioning ${host}`);
        }
    }
    return found;
}"""

# Record window.alert and friends before any page script runs: a payload that ran would call one.
_RECORD_DIALOGS = """
window.__payloadCalls = [];
for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (...args) => { window.__payloadCalls.push(name + ':' + args.join(',')); };
}
"""


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_payload_documents(tmp_path_factory.mktemp("payload-documents"))
    return ingested_warehouse(tmp_path_factory, folder)


class _Watch:
    """One browser context's requests, refused requests and dialogs."""

    def __init__(self, context, address: str):
        self.own_host = urlsplit(address).netloc
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.dialogs: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._route)
        context.add_init_script(_RECORD_DIALOGS)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).netloc == self.own_host:
            route.continue_()
        else:  # nothing leaves the machine, whatever it is
            self.refused.append(url)
            route.abort()

    def watch(self, page):
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page


def _open_expanders(page) -> None:
    """Open every collapsed expander, so that what it holds is drawn and checked too."""
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(20):  # an opened one leaves the selection, so always the first left
        if closed.count() == 0:
            break
        closed.first.click()
        page.wait_for_timeout(200)


def _assert_inert(page, watch: _Watch, where: str) -> None:
    # the host a request goes to (our own pages' addresses carry the crafted parameters)
    leaked = [u for u in watch.requests + watch.refused
              if (urlsplit(u).hostname or "").endswith(PAYLOAD_HOST) or u.lower().startswith("javascript:")]
    assert not leaked, f"{where}: requests for the payload's host: {leaked}"
    assert page.evaluate(_PAYLOAD_ELEMENTS, PAYLOAD_HOST) == [], f"{where}: payload markup became elements"
    calls = page.evaluate("() => window.__payloadCalls")
    assert not calls and not watch.dialogs, f"{where}: a payload ran: {calls or watch.dialogs}"
    assert page.locator('[data-testid="stException"]').count() == 0, f"{where}: the page raised"


def _fact_ids(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT fact_id, kind FROM facts").fetchall())


def test_payloads_in_text_names_and_urls_stay_text_on_every_page(payload_db: Path):
    sync_playwright = _require_browser()
    facts = _fact_ids(payload_db)
    assert {"salary", "shared_post", "person"} <= set(facts.values()), "the adverts' facts are read"
    pages = [
        ("", "Overview"),
        ("salaries?salary=150000", "Salary benchmark"),
        (f"compare?gss={LEEDS},{BRADFORD}", "Compare authorities"),
        ("shared?show=Both&status=current&status=proposed&status=former", "Shared posts"),
        *[(f"evidence?fact={fact_id}", "Evidence") for fact_id in facts],
        # the same pages with payloads in their parameters
        (f"?doc={CRAFTED}", "Overview"),
        (f"salaries?salary={CRAFTED}&role={CRAFTED}&region={CRAFTED}&type={CRAFTED}", "Salary benchmark"),
        (f"compare?gss={LEEDS},{CRAFTED}", "Compare authorities"),
        (f"shared?show={CRAFTED}&status={CRAFTED}", "Shared posts"),
        (f"evidence?fact={CRAFTED}", "Evidence"),
        (f"upload?name={CRAFTED}", "Add a document"),
    ]
    with served_dashboard(payload_db) as address, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            watch = _Watch(context, address)
            page = watch.watch(context.new_page())
            shown_as_text = 0
            for path, heading in pages:
                page.goto(f"{address}/{path}", wait_until="domcontentloaded")
                _wait_until_rendered(page, heading)
                _open_expanders(page)
                _assert_inert(page, watch, f"/{path}")
                if path.startswith("evidence?fact=") and CRAFTED not in path:
                    # the evidence sentence and the file name are on the page, as text
                    body = page.inner_text("body")
                    assert PAYLOAD_HOST in body, f"/{path}: the payload should be shown as text"
                    shown_as_text += 1
                if CRAFTED in path and heading == "Evidence":
                    assert "does not name a fact" in page.inner_text("body")
                    assert "onerror" not in page.inner_text("body"), "the crafted parameter is never echoed"
            assert shown_as_text == len(facts)
            assert not page.get_by_role("link", name=re.compile("Session expired")).count()
        finally:
            browser.close()
    print(f"requests refused (not the dashboard's own host): {sorted(set(watch.refused))}")


def test_an_upload_with_a_payload_name_and_text_stays_text(payload_db: Path, tmp_path: Path):
    """The advert uploaded through the page's file chooser under its payload name, its facts shown,
    stored, and the overview and its evidence opened again."""
    sync_playwright = _require_browser()
    db = tmp_path / "uploads.duckdb"
    db.write_bytes(payload_db.read_bytes())
    with served_dashboard(db) as address, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            watch = _Watch(context, address)
            page = watch.watch(context.new_page())
            page.goto(f"{address}/upload", wait_until="domcontentloaded")
            _wait_until_rendered(page, "Add a document")
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
                files=[{"name": ADVERT_NAME, "mimeType": "text/plain", "buffer": UPLOADED.encode("utf-8")}]
            )
            page.get_by_text("Facts found:").first.wait_for(state="visible", timeout=120_000)
            _wait_until_rendered(page, "Add a document")
            _open_expanders(page)
            _assert_inert(page, watch, "/upload (read)")
            body = page.inner_text("body")
            assert "<img src=x onerror=alert(1)>" in body, "the file's name is shown as text"
            assert f"[Session expired - sign in again](http://{PAYLOAD_HOST}/login)" in body, "and its text"
            page.get_by_role("button", name="Store in the warehouse").click()
            page.get_by_text("Stored in").first.wait_for(state="visible", timeout=60_000)
            _assert_inert(page, watch, "/upload (stored)")
            for path, heading in [("", "Overview"), ("salaries?salary=150000", "Salary benchmark")]:
                page.goto(f"{address}/{path}", wait_until="domcontentloaded")
                _wait_until_rendered(page, heading)
                _open_expanders(page)
                _assert_inert(page, watch, f"/{path} after the upload")
        finally:
            browser.close()
