"""The dashboard at scale: a synthetic warehouse of 10,000 documents, first-page render time and query times.

    .venv/bin/python bench/dashboard_scale.py                       # 10,000 documents, Markdown report
    .venv/bin/python bench/dashboard_scale.py --documents 2000 --json
    .venv/bin/python bench/dashboard_scale.py --db var/scale.duckdb --keep   # keep the warehouse to look at
    .venv/bin/python bench/dashboard_scale.py --no-browser          # skip the Chromium time-to-first-content

The warehouse is made in two steps. First ``--prototypes`` (500) distinct documents, built with the
``warehouse.testing`` helpers, go through the real writer (``Warehouse.store``): adverts for a
council somewhere in England with a salary range, the population, child poverty beside the England
figure, a post shared with a neighbour, the person in post, contact details, a year, and a page or
so of ordinary prose, plus one unreadable file in fifty. Then the published file is grown to
``--documents`` by copying those rows in SQL with new keys, salaries moved by up to ±5% and years
spread over 2019-2025, which keeps every column any migration added and takes seconds rather than
the ~25 minutes 10,000 single-document transactions would.

Timed:
- first page: the app's default page (Overview) under ``AppTest``, caches empty, in a process that
  has already imported the app's modules (the server's state after start-up), best of 3; and, with
  Chromium present, the time from opening the served page to its figures being on screen;
- every query a page interaction runs (``warehouse.queries``), each the best of ``--repeat`` calls
  with no cache, the way the first user after a publish meets them.

Exit status 1 when a target is missed: the first page's run (AppTest), or what it adds in the browser
after Streamlit's frontend is up, over 2 s; or any interaction's queries over 300 ms in total.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.models import Fact
from councildocs.results import DocumentResult
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import error_result, evidence_in, ok_result, population_fact, salary_fact

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
FIRST_PAGE_TARGET_S = 2.0
QUERY_TARGET_S = 0.3

ROLES = [
    ("Director of Children's Services", "dcs", 120_000),
    ("Executive Director of Children's Services", "dcs", 135_000),
    ("Director of Adult Social Services", "dass", 115_000),
    ("Executive Director - People", "dcs_dass", 140_000),
    ("Chief Executive", "chief_executive", 165_000),
    ("Director of Public Health", "dph", 105_000),
    ("Assistant Director, Safeguarding", "assistant_director", 85_000),
]
STATUSES = ("current", "current", "proposed", "former")
FIRST = ("Alex", "Sam", "Jo", "Priya", "Tom", "Ruth", "Daniel", "Fiona", "Marcus", "Helena", "Idris", "Leanne")
LAST = ("Okafor", "Hartnell", "Renshaw", "Grewal", "Pryce", "Ferris", "Strachan", "Kamara", "Thornley", "Abara")
PROSE = (
    "The council serves a mixed area of towns and villages, with good transport links and a strong "
    "voluntary sector. Our children's services were judged good at their last inspection, and we are "
    "investing in early help, family hubs and placements close to home. We work closely with schools, "
    "health partners and the police through the local safeguarding partnership, and we listen to "
    "children and young people through a lively youth council. "
)


@dataclass
class QueryTiming:
    interaction: str
    query: str
    best_s: float
    rows: int


# -- the synthetic warehouse -----------------------------------------------------------------


def _authorities():
    """Current English councils with children's services (counties, unitaries, metropolitan and London boroughs)."""
    gaz = load_gazetteer()
    return [a for a in gaz.authorities if a.current and a.nation == "England" and a.type in {"CTY", "UA", "MD", "LBO"}]


def prototype(i: int, rng: random.Random, councils: list) -> DocumentResult:
    """One synthetic advert whose facts are all located in its text."""
    if i % 50 == 49:
        return error_result(f"synthetic/broken-{i:05d}.pdf", code="corrupt_pdf", sha256=f"{i:064x}")
    a = councils[i % len(councils)]
    neighbours = [c for c in councils if c.region == a.region and c.gss != a.gss] or councils
    b = rng.choice(neighbours)
    title, category, base = ROLES[rng.randrange(len(ROLES))]
    low = int(round(base * rng.uniform(0.85, 1.2), -2)) + rng.randrange(0, 100) * 3
    high = low + int(round(rng.uniform(8_000, 30_000), -2))
    population = int(round((a.population_2020 or 200_000) * rng.uniform(0.97, 1.05), -3))
    poverty = round(rng.uniform(9, 45), 1)
    year = rng.randrange(2019, 2026)
    status = rng.choice(STATUSES)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    salary_phrase = f"between £{low:,} and £{high:,}"
    population_phrase = f"about {population:,} residents"
    poverty_phrase = f"{poverty}% of children live in poverty, against an England average of 20.1%"
    shared_phrase = f"{a.nice_name} and {b.nice_name} share a {title}"
    person_phrase = f"{person}, the {title}"
    text = (
        f"{a.name}\n\n{title}\n\nPublished {year}. The salary range is {salary_phrase} a year. "
        f"{a.nice_name} is home to {population_phrase}. Around {poverty_phrase}. "
        f"Since {year} {shared_phrase} ({status} arrangement). "
        f"For an informal conversation contact {person_phrase}, on 020 7946 {i % 10000:04d} or "
        f"recruitment{i}@{a.code.lower() or 'council'}.gov.uk.\n\n" + PROSE * 6
    )

    def fact(kind: str, phrase: str, fields: dict, confidence: float = 0.85) -> Fact:
        return Fact(kind=kind, fields=fields, evidence=evidence_in(text, phrase), confidence=confidence)

    facts = [
        salary_fact(text, salary_phrase, [a.gss], low, high, role=title, role_category=category),
        population_fact(text, population_phrase, a.gss, population, qualifier="about"),
        fact("poverty_rate", poverty_phrase, {"authority": a.gss, "group": "children", "percent": poverty,
                                              "comparator": {"area": "England", "percent": 20.1}}),
        fact("shared_post", shared_phrase, {"authorities": sorted({a.gss, b.gss}), "post": title,
                                            "role_category": category, "status": status}),
        fact("person", person_phrase, {"authorities": [a.gss], "name": person, "role": title,
                                       "role_category": category, "status": "incumbent"}),
    ]
    return ok_result(
        f"synthetic/{a.code.lower() or a.gss}-{i:05d}.txt", text, facts,
        authorities=[(a.gss, a.name), (b.gss, b.name)],
    )


def generate(db: Path, documents: int = 10_000, prototypes: int = 500, seed: int = 0) -> dict[str, int]:
    """Build a published warehouse of ``documents`` documents at ``db`` (replacing any file there); returns row counts."""
    for leftover in (db, Path(f"{db}.wal")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    councils = _authorities()
    prototypes = max(1, min(prototypes, documents))
    with Warehouse(db) as wh:
        wh.start_run()
        for i in range(prototypes):
            wh.store(prototype(i, rng, councils))
        wh.finish_run()
    copies = -(-documents // prototypes) - 1  # ceil, less the prototypes themselves
    con = duckdb.connect(str(db))
    try:
        if copies > 0:
            _replicate(con, copies, documents)
        con.execute("CHECKPOINT")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "facts", "fact_authorities", "document_authorities")}
    finally:
        con.close()
    return counts


def _replicate(con: duckdb.DuckDBPyConnection, copies: int, documents: int) -> None:
    """Copy every prototype row ``copies`` times with new keys, then trim to exactly ``documents`` documents."""
    con.execute("BEGIN")
    con.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, {copies + 1})")
    con.execute("CREATE TEMP TABLE proto AS SELECT sha256 FROM documents")
    has_year = bool(con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'documents' AND column_name = 'year'"
    ).fetchone()[0])
    year = ", 2019 + ((d.year + k) % 7) AS year" if has_year else ""
    con.execute(f"""
        INSERT INTO documents
        SELECT d.* REPLACE (
            sha256(d.sha256 || ':' || k) AS sha256,
            regexp_replace(d.source, '(\\.[a-z]+)$', '-' || k || '\\1') AS source{year}
        )
        FROM documents d CROSS JOIN k
    """)
    jitter = "(1 + (((hash(f.fact_id) + k) % 21) - 10) / 200.0)"
    con.execute(f"""
        INSERT INTO facts
        SELECT f.* REPLACE (
            sha256(f.fact_id || ':' || k)[1:32] AS fact_id,
            sha256(f.sha256 || ':' || k) AS sha256,
            round(f.min_gbp * {jitter}, -2) AS min_gbp,
            round(f.max_gbp * {jitter}, -2) AS max_gbp
        )
        FROM facts f CROSS JOIN k
    """)
    con.execute("""
        INSERT INTO fact_authorities
        SELECT fa.* REPLACE (sha256(fa.fact_id || ':' || k)[1:32] AS fact_id) FROM fact_authorities fa CROSS JOIN k
    """)
    con.execute("""
        INSERT INTO document_authorities
        SELECT da.* REPLACE (sha256(da.sha256 || ':' || k) AS sha256) FROM document_authorities da CROSS JOIN k
    """)
    # trim the last copy so that there are exactly `documents` documents
    con.execute(f"""
        CREATE TEMP TABLE extra AS
        SELECT sha256 FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM proto)
        ORDER BY sha256 OFFSET greatest(0, {documents} - (SELECT count(*) FROM proto))
    """)
    con.execute("""
        DELETE FROM fact_authorities WHERE fact_id IN
            (SELECT fact_id FROM facts WHERE sha256 IN (SELECT sha256 FROM extra))
    """)
    con.execute("DELETE FROM facts WHERE sha256 IN (SELECT sha256 FROM extra)")
    con.execute("DELETE FROM document_authorities WHERE sha256 IN (SELECT sha256 FROM extra)")
    con.execute("DELETE FROM documents WHERE sha256 IN (SELECT sha256 FROM extra)")
    con.execute("COMMIT")


# -- timing ------------------------------------------------------------------------------------


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _rows(value: object) -> int:
    height = getattr(value, "height", None)
    if height is not None:
        return int(height)
    rows = getattr(value, "rows", None)
    if rows is not None and hasattr(rows, "height"):
        return int(rows.height)
    if isinstance(value, list):
        return len(value)
    return 1


def interactions(db: Path) -> list[tuple[str, list[tuple[str, Callable[[], object]]]]]:
    """Each page interaction and the queries (uncached) it runs, as the pages call them."""
    from councildocs.warehouse import queries as q

    options = q.filter_options(db)
    authorities = options.authorities.sort("facts", descending=True)["gss"].to_list()
    four = authorities[:4]
    region = options.regions[0] if options.regions else None
    rows = q.salary_benchmark(db).rows
    fact_id = rows["fact_id"][0] if rows.height else ""
    status = [("warehouse_status", lambda: q.warehouse_status(db))]
    return [
        ("Overview: open", [*status, ("overview", lambda: q.overview(db)), ("documents", lambda: q.documents(db)),
                            ("failed_documents", lambda: q.failed_documents(db))]),
        ("Salary benchmark: open", [*status, ("salary_benchmark()", lambda: q.salary_benchmark(db))]),
        ("Salary benchmark: type £140,000, DCS posts", [("salary_benchmark(salary, dcs)", lambda: q.salary_benchmark(
            db, salary_gbp=140_000, role_category="dcs"))]),
        ("Salary benchmark: a range, one region, two types, two years", [("salary_benchmark(range, filters)",
            lambda: q.salary_benchmark(db, min_gbp=120_000, max_gbp=150_000, regions=[region],
                                       authority_types=["LBO", "UA"], years=options.years[-2:]))]),
        ("Compare authorities: open", [*status, ("filter_options", lambda: q.filter_options(db))]),
        ("Compare authorities: four chosen", [("compare_authorities(4)", lambda: q.compare_authorities(db, four))]),
        ("Shared posts: open (current, proposed)", [*status, ("shared_posts(current, proposed)",
                                                                lambda: q.shared_posts(db, ["current", "proposed"]))]),
        ("Shared posts: all statuses", [("shared_posts()", lambda: q.shared_posts(db))]),
        ("Evidence: open a linked fact", [*status, ("filter_options", lambda: q.filter_options(db)),
                                          ("fact_evidence", lambda: q.fact_evidence(db, fact_id))]),
        ("Evidence: choose an authority", [("compare_authorities(1)", lambda: q.compare_authorities(db, four[:1]))]),
        ("Add a document: place its salary", [*status, ("salary_benchmark(range, dcs)", lambda: q.salary_benchmark(
            db, min_gbp=150_000, max_gbp=160_000, role_category="dcs"))]),
    ]


def time_queries(db: Path, repeat: int = 5) -> list[QueryTiming]:
    timings = []
    for interaction, calls in interactions(db):
        for name, call in calls:
            best, value = _best(call, repeat)
            timings.append(QueryTiming(interaction, name, best, _rows(value)))
    return timings


def time_first_page(db: Path, repeat: int = 3) -> float:
    """Best time for AppTest to run the app's default page from cold caches, modules already imported."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DCS_DB"] = str(db)
    AppTest.from_file(str(APP), default_timeout=120).run()  # imports, as a started server has done
    best = float("inf")
    for _ in range(repeat):
        st.cache_data.clear()
        start = time.perf_counter()
        at = AppTest.from_file(str(APP), default_timeout=120).run()
        best = min(best, time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the overview page failed: {at.exception[0].value}")
    return best


def time_browser_first_content(db: Path) -> dict[str, float] | None:
    """Seconds from opening the served overview page to Streamlit's frontend being up (``shell_s``: the
    app container drawn, before any script output) and to its figures on screen (``figures_s``), in
    headless Chromium; best of 3 visits after a warm-up. None without Chromium and Playwright."""
    chromium = os.environ.get("DCS_CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(chromium).is_file():
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dcs = Path(sys.executable).with_name("dcs")
    proc = subprocess.Popen([str(dcs), "dashboard", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import urllib.request

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium,
                                        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            try:
                page = browser.new_page()
                # warm-up visit: the server's first session imports the page modules
                page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
                page.close()
                best = {"shell_s": float("inf"), "figures_s": float("inf")}
                for _ in range(3):
                    page = browser.new_page()
                    start = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                    page.locator('[data-testid="stSidebarNav"]').first.wait_for(timeout=60_000)
                    shell = time.perf_counter() - start
                    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
                    figures = time.perf_counter() - start
                    page.close()
                    best = {"shell_s": min(best["shell_s"], shell), "figures_s": min(best["figures_s"], figures)}
                return best
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# -- report ------------------------------------------------------------------------------------


def by_interaction(timings: list[QueryTiming]) -> list[tuple[str, float, list[QueryTiming]]]:
    groups: dict[str, list[QueryTiming]] = {}
    for t in timings:
        groups.setdefault(t.interaction, []).append(t)
    return [(name, sum(t.best_s for t in ts), ts) for name, ts in groups.items()]


def markdown(report: dict) -> str:
    lines = [
        f"Synthetic warehouse: {report['counts']['documents']:,} documents, {report['counts']['facts']:,} facts, "
        f"{report['file_mb']:.0f} MB; generated in {report['generate_s']:.1f} s.",
        "",
        "| first page (Overview) | seconds | target |",
        "| --- | --: | --: |",
        f"| AppTest run, caches empty (best of 3) | {report['first_page_s']:.2f} | ≤ {FIRST_PAGE_TARGET_S:.0f} |",
    ]
    browser = report.get("browser_first_content")
    if browser is not None:
        lines.append(f"| Chromium: open the page → Streamlit's frontend up (navigation drawn) | "
                     f"{browser['shell_s']:.2f} | |")
        lines.append(f"| Chromium: open the page → its figures on screen (best of 3) | {browser['figures_s']:.2f} | "
                     f"≤ {FIRST_PAGE_TARGET_S:.0f} |")
    lines += ["", "| interaction | queries (best of each, uncached) | total ms | target |", "| --- | --- | --: | --: |"]
    for name, total, ts in by_interaction([QueryTiming(**t) for t in report["queries"]]):
        each = ", ".join(f"{t.query} {t.best_s * 1000:.0f}" for t in ts)
        lines.append(f"| {name} | {each} | {total * 1000:.0f} | ≤ {QUERY_TARGET_S * 1000:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--prototypes", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="where to build the warehouse (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the warehouse afterwards")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    folder = None if args.db else Path(tempfile.mkdtemp(prefix="dcs-scale-"))
    db = args.db or folder / "warehouse.duckdb"
    try:
        start = time.perf_counter()
        counts = generate(db, args.documents, args.prototypes)
        report = {
            "documents": args.documents, "counts": counts, "generate_s": time.perf_counter() - start,
            "file_mb": db.stat().st_size / 1e6,
            "first_page_s": time_first_page(db),
            "browser_first_content": None if args.no_browser else time_browser_first_content(db),
            "queries": [asdict(t) for t in time_queries(db, args.repeat)],
            "machine": f"{os.cpu_count()} CPU cores, {platform.system()} {platform.machine()}, Python "
                       f"{platform.python_version()}, DuckDB {duckdb.__version__}",
        }
    finally:
        if folder and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(report, indent=2) if args.json else markdown(report))
    slow = [name for name, total, _ in by_interaction([QueryTiming(**t) for t in report["queries"]])
            if total > QUERY_TARGET_S]
    # The browser's shell time is Streamlit's frontend starting, the same for any warehouse (it is
    # reported, and docs/BENCHMARKS.md discusses it); what the page and its data add is held to the target.
    browser = report["browser_first_content"] or {}
    first = [report["first_page_s"], browser.get("figures_s", 0) - browser.get("shell_s", 0)]
    if slow or max(first) > FIRST_PAGE_TARGET_S:
        print(f"targets missed: {', '.join(slow) or 'first page'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
