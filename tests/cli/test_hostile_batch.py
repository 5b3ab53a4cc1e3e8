"""One batch of hostile files through `dcs extract` and `dcs ingest` (local and Dask executors).

Every reader is held to the same limits from outside the reading process, so every command ends
within them, no process it starts ever holds more memory than the limit (sampled here with psutil,
the whole process tree), each bad file gets its coded error and the good files their facts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from batch_warehouses import corpus_pdfs
from hostile_files import (
    deeply_nested_html,
    device_behind_a_name,
    named_pipe,
    pdf_with_broken_fonts,
    pdf_with_inflating_content,
    sparse_file,
)

DCS = Path(sys.executable).with_name("dcs")
MAX_SECONDS = 20
MAX_MEMORY_MB = 600
ADVERT = ("Leeds City Council is recruiting a Director of Children's Services on a salary of "
          "£150,000 per annum.\n")
# a name that is not UTF-8: stored and printed with the byte escaped as \xe9
ODD_NAME = os.fsdecode(b"caf\xe9-advert.txt")

EXPECTED = {
    "good.pdf": None,
    "caf\\xe9-advert.txt": None,
    "broken-fonts.pdf": "too_large",
    "decompression-bomb.pdf": "too_large",
    "nested.html": "too_large",
    "pipe.txt": "unreadable",
    "zero.txt": "unreadable",
    "sparse.pdf": "too_large",
}


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory, corpus_dir) -> Path:
    folder = tmp_path_factory.mktemp("hostile-batch")
    shutil.copyfile(corpus_pdfs(corpus_dir)[0], folder / "good.pdf")
    (folder / ODD_NAME).write_text(ADVERT, encoding="utf-8")
    pdf_with_broken_fonts(folder / "broken-fonts.pdf")
    pdf_with_inflating_content(folder / "decompression-bomb.pdf", 400)
    deeply_nested_html(folder / "nested.html")
    named_pipe(folder / "pipe.txt")
    device_behind_a_name(folder / "zero.txt")
    sparse_file(folder / "sparse.pdf")
    return folder


class _PeakMemory:
    """The peak resident memory of a process and all its descendants, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peaks: dict[int, tuple[int, str]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    name = " ".join(process.cmdline()[1:3])
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                if rss > self.peaks.get(process.pid, (0, ""))[0]:
                    self.peaks[process.pid] = (rss, name)
            time.sleep(0.05)

    def stop(self) -> dict[int, tuple[int, str]]:
        self._stop.set()
        self._thread.join()
        return self.peaks


def _run_measured(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, dict[int, tuple[int, str]]]:
    out, err = cwd / "stdout", cwd / "stderr"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        proc = subprocess.Popen([str(DCS), *args], stdout=stdout, stderr=stderr, cwd=cwd)
        memory = _PeakMemory(proc.pid)
        try:
            # a bound on a hang only: each of the 8 files is bounded by MAX_SECONDS, plus start-up
            proc.wait(timeout=8 * MAX_SECONDS + 240)
        finally:
            if proc.poll() is None:
                proc.kill()
        peaks = memory.stop()
    completed = subprocess.CompletedProcess(args, proc.returncode, out.read_text("utf-8", "replace"),
                                            err.read_text("utf-8", "replace"))
    return completed, peaks


def _ingested(db: Path) -> dict[str, tuple[str | None, int]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.source, d.error_code, (SELECT count(*) FROM facts f WHERE f.sha256 = d.sha256) FROM documents d"
        ).fetchall()
    return {source.rsplit("/", 1)[-1]: (code, facts) for source, code, facts in rows}


def _extracted(stdout: str) -> dict[str, tuple[str | None, int]]:
    records = [json.loads(line) for line in stdout.splitlines()]
    return {r["source"].rsplit("/", 1)[-1]: ((r["error"] or {}).get("code"), len(r["facts"])) for r in records}


@pytest.mark.parametrize("command", ["extract", "ingest", "ingest --engine dask"])
def test_a_hostile_batch_ends_within_its_limits_with_every_file_coded(hostile_batch, tmp_path, command):
    if command.endswith("dask"):
        pytest.importorskip("distributed", reason="the dask extra is not installed")
    limits = ["--max-seconds", str(MAX_SECONDS), "--max-memory-mb", str(MAX_MEMORY_MB)]
    db = tmp_path / "w.duckdb"
    args = [*command.split(), str(hostile_batch), *limits, "--quiet"]
    if command.startswith("ingest"):
        args += ["--db", str(db), "--workers", "2"]
    run, peaks = _run_measured(args, tmp_path)

    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    found = _ingested(db) if command.startswith("ingest") else _extracted(run.stdout)
    assert {name: code for name, (code, _) in found.items()} == EXPECTED
    assert found["good.pdf"][1] > 0 and found["caf\\xe9-advert.txt"][1] == 1
    # every process of the command (the main one, reader processes, Dask's workers and nanny)
    over = {pid: (rss // 2**20, name) for pid, (rss, name) in peaks.items() if rss >= MAX_MEMORY_MB * 2**20}
    assert not over, f"processes over {MAX_MEMORY_MB} MiB: {over}"
    assert len(peaks) >= 2  # the reader processes were seen, not only the main one

    if command.startswith("ingest"):
        # what failed for what its bytes are is settled: a re-run reads only the good files' hashes
        again, _ = _run_measured(args, tmp_path)
        assert again.returncode == 0, again.stderr[-3000:]
        with duckdb.connect(str(db), read_only=True) as con:
            last = con.execute("SELECT n_new, n_unchanged, n_failed FROM ingest_runs ORDER BY started DESC LIMIT 1")
            # unchanged: the two good files, the fonts, the bomb, the nested HTML; the pipe, the device and
            # the sparse file are refused again by stat, unopened
            assert last.fetchone() == (0, 5, 3)
