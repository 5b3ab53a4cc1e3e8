"""The batch ingest benchmark (bench/batch_throughput.py) generates the corpus it says and measures what it says.

One small run (a few short PDFs and the four bad inputs, every `dcs ingest` run and the pdfplumber
reference as subprocesses) is checked for its figures, its page counts and its warm run. Speed and
memory goals live in the benchmark (its exit status), not here.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pikepdf
import pytest
from script_loader import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"
batch_throughput = load_script("bench_batch_throughput", BENCH / "batch_throughput.py")

FILES, MAX_PAGES, SEED = 5, 3, 7
SMALL = ["--files", str(FILES), "--max-pages", str(MAX_PAGES), "--seed", str(SEED)]
RUNS = [batch_throughput.REFERENCE, batch_throughput.COLD_1, batch_throughput.COLD_2, batch_throughput.WARM]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("batch-corpus")


@pytest.fixture(scope="module")
def run(corpus, tmp_path_factory) -> tuple[int, dict]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = batch_throughput.main([*SMALL, "--corpus-dir", str(corpus),
                                        "--db-dir", str(tmp_path_factory.mktemp("batch-dbs")), "--json"])  # fmt: skip
    return status, json.loads(out.getvalue())


def test_report_has_every_figure(run):
    status, report = run
    assert status == (1 if report["failures"] else 0)
    assert report["problems"] == []  # speed bounds may be broken on a tiny corpus; the runs themselves may not
    rows = {r["run"]: r for r in report["runs"]}
    assert list(rows) == RUNS
    for r in rows.values():
        assert r["seconds"] > 0 and r["files"] == FILES + 4
        assert r["pages_per_s"] == pytest.approx(r["pages"] / r["seconds"])
        assert r["files_per_s"] == pytest.approx(r["files"] / r["seconds"])
        assert 0 < r["peak_rss_main"] <= r["peak_rss_process"] <= r["peak_rss_total"]
        assert r["cpu_s"] > 0
    assert rows[batch_throughput.REFERENCE]["processes"] == 1
    one, two = rows[batch_throughput.COLD_1], rows[batch_throughput.COLD_2]
    # every file is read in a reader process: one with one worker, two with two, beside the main process
    assert one["processes"] >= 2 and one["peak_rss_child"] > 0 and one["cpu_children_s"] > one["cpu_main_s"] > 0
    assert two["processes"] >= 3 and two["peak_rss_child"] > 0 and two["cpu_children_s"] > two["cpu_main_s"]
    ratios = report["ratios"]
    warm = rows["warm, 2 workers"]
    assert ratios["two_over_one"] == pytest.approx(two["pages_per_s"] / one["pages_per_s"])
    assert ratios["pipeline_over_pdfplumber"] == pytest.approx(one["pages_per_s"] / rows["pdfplumber"]["pages_per_s"])
    assert ratios["warm_over_cold"] == pytest.approx(warm["seconds"] / two["seconds"])
    assert report["bounds"] == {"two_over_one": 1.7, "pipeline_over_pdfplumber": 0.6, "warm_over_cold": 0.05}
    assert report["machine"]["cpus"] and report["machine"]["versions"]["pdfplumber"]

    text = batch_throughput.markdown(report)
    assert "| run | files | pages | wall | pages/s |" in text
    for name in RUNS:
        assert f"| {name} | {FILES + 4} |" in text
    assert "2 workers / 1 worker:" in text and "both cores idle" in text


def test_pages_counted_are_the_pages_of_the_generated_pdfs(run, corpus):
    _, report = run
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    pages = 0
    for entry in manifest["files"]:
        if entry["kind"] == "pdf":
            with pikepdf.open(corpus / entry["name"]) as pdf:
                assert len(pdf.pages) == entry["pages"]
            pages += entry["pages"]
    assert report["corpus"]["pages"] == pages
    rows = {r["run"]: r for r in report["runs"]}
    for name in RUNS:
        assert rows[name]["pages"] == pages
    for name in ("cold, 1 worker", "cold, 2 workers"):
        warehouse = rows[name]["warehouse"]
        assert warehouse["outcomes"] == {"new": FILES, "unchanged": 0, "re-extracted": 0, "failed": 4}
        assert (warehouse["documents_ok"], warehouse["pages_ok"]) == (FILES, pages)
        assert warehouse["errors"] == {"corrupt_pdf": 2, "encrypted": 1, "no_text_layer": 1}
    reference = rows["pdfplumber"]["reference"]
    assert reference["files"] == FILES + 4
    assert reference["pages"] >= pages and reference["errors"] >= 2  # random bytes, encrypted at least


def test_warm_run_skips_every_document(run):
    _, report = run
    warm = next(r for r in report["runs"] if r["run"] == "warm, 2 workers")["warehouse"]
    # the bad inputs fail for what their bytes are (corrupt, encrypted, image-only), so they are skipped too
    assert warm["outcomes"] == {"new": 0, "unchanged": FILES + 4, "re-extracted": 0, "failed": 0}


def test_generator_is_deterministic_and_reuses_its_corpus(run, corpus, tmp_path):
    first = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    again = batch_throughput.generate(tmp_path / "again", FILES, SEED, MAX_PAGES)
    assert not again["reused"]
    assert [(e["name"], e["sha256"]) for e in again["files"]] == [(e["name"], e["sha256"]) for e in first["files"]]
    hashes = [e["sha256"] for e in first["files"]]
    assert len(set(hashes)) == len(hashes)  # every file has its own content hash
    assert batch_throughput.generate(corpus, FILES, SEED, MAX_PAGES)["reused"]
    (corpus / first["files"][0]["name"]).write_bytes(b"%PDF-1.7 changed")
    assert not batch_throughput.corpus_is_current(corpus, batch_throughput.settings(FILES, SEED, MAX_PAGES))


def test_the_full_corpus_plan():
    specs = batch_throughput.plan(300, batch_throughput.SEED, 40)
    pdfs = [s for s in specs if s.kind == "pdf"]
    assert len(pdfs) == 300 and len({s.name for s in specs}) == len(specs)
    assert Counter(s.kind for s in specs if s.kind != "pdf") == dict.fromkeys(batch_throughput.BAD_KINDS, 2)
    pages = [s.pages for s in pdfs]
    assert min(pages) == 1 and max(pages) == 40
    short, middle = sum(p <= 5 for p in pages), sum(6 <= p <= 15 for p in pages)
    assert 0.6 < short / 300 < 0.8 and 0.12 < middle / 300 < 0.28
    defects = Counter(s.defect for s in pdfs)
    assert set(defects) == {"clean", *batch_throughput.FONT_DEFECTS} and 0.5 < defects["clean"] / 300 < 0.7
    assert {s.font for s in pdfs} == set(batch_throughput.FONTS)
    assert all(0 <= s.start <= 40 + batch_throughput.BASE_MARGIN - s.pages for s in pdfs)
    assert batch_throughput.plan(300, batch_throughput.SEED, 40) == specs
    assert batch_throughput.plan(300, batch_throughput.SEED + 1, 40) != specs


def test_bounds_and_problems_are_reported():
    def row(name, seconds, outcomes=None, ok=(2, 10), rss=100):
        r = {"run": name, "seconds": seconds, "pages_per_s": 10 / seconds, "peak_rss_process": rss}
        if outcomes:
            r["warehouse"] = {"outcomes": dict(zip(("new", "unchanged", "re-extracted", "failed"), outcomes)),
                              "documents_ok": ok[0], "pages_ok": ok[1]}  # fmt: skip
        return r

    described = {"pdfs": 2, "bad_files": 1, "pages": 10}
    good = [row("pdfplumber", 1.0), row("cold, 1 worker", 1.5, (2, 0, 0, 1)), row("cold, 2 workers", 0.8, (2, 0, 0, 1)),
            row("warm, 2 workers", 0.03, (0, 3, 0, 0))]  # fmt: skip
    ratios, broken, problems = batch_throughput.check(good, described)
    assert broken == [] and problems == []
    assert ratios["two_over_one"] == pytest.approx(1.875)
    bad = [row("pdfplumber", 1.0), row("cold, 1 worker", 2.0, (1, 0, 0, 2), ok=(1, 5)),
           row("cold, 2 workers", 1.5, (2, 0, 0, 1), rss=2**30), row("warm, 2 workers", 0.1, (0, 1, 1, 1))]  # fmt: skip
    _, broken, problems = batch_throughput.check(bad, described)
    assert len(broken) == 4  # 2 workers, pipeline / pdfplumber, warm, memory
    assert len(problems) == 3  # a good PDF failed, its pages missing, the warm run re-extracted one
