"""`dcs --help`, `dcs extract --help` and `dcs ingest --help` end with examples, and every example runs as
written, from a folder holding the shipped corpus (as the repository root does)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from councildocs.cli.examples import DCS_EXAMPLES, EXTRACT_EXAMPLES, INGEST_EXAMPLES

BIN = Path(sys.executable).parent
# rich lays help out to the terminal's width; a user's terminal is at least the classic 80 columns
HELP_ENV = {**{k: v for k, v in os.environ.items() if k != "TERMINAL_WIDTH"}, "COLUMNS": "80"}


def _help(*command: str) -> str:
    proc = subprocess.run([str(BIN / "dcs"), *command, "--help"], capture_output=True, text=True, env=HELP_ENV,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize(("command", "examples"), [((), DCS_EXAMPLES), (("extract",), EXTRACT_EXAMPLES),
                                                   (("ingest",), INGEST_EXAMPLES)])
def test_help_ends_with_its_examples_each_on_one_line(command, examples):
    lines = [line.strip() for line in _help(*command).splitlines()]
    shown = lines[lines.index("Examples") + 1:]
    expected = [line for comment, example in examples for line in (f"# {comment}", example)]
    assert shown[:len(expected)] == expected
    assert all(line == "" for line in shown[len(expected):])  # the block ends the help
    assert all(example.startswith(("dcs extract ", "dcs ingest ", "dcs export ")) for _, example in examples)


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """``command`` as a user would type it in a shell, with the installed `dcs` on the PATH."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{command} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    return proc


def _stored_sources(db: Path) -> set[str]:
    from councildocs.warehouse.queries import documents

    return set(documents(db)["source"].to_list())


@pytest.mark.slow
def test_every_example_runs_as_written(tmp_path, corpus_dir):
    """In the order a user might follow them, in a fresh folder where `corpus` is the shipped corpus."""
    from councildocs.pipeline import iter_input_files

    (tmp_path / "corpus").symlink_to(corpus_dir, target_is_directory=True)
    adverts = [str(p.relative_to(tmp_path)) for p in iter_input_files([tmp_path / "corpus" / "adverts"])]
    advert = "corpus/adverts/cambridgeshire-peterborough-dcs.pdf"
    db = tmp_path / "var" / "warehouse.duckdb"
    (one_line, as_csv, folder_with_text) = (example for _, example in EXTRACT_EXAMPLES)

    record = json.loads(_run(one_line, tmp_path).stdout)
    assert (record["source"], record["status"]) == (advert, "ok") and record["facts"]
    rows = list(csv.DictReader(io.StringIO(_run(as_csv, tmp_path).stdout)))
    assert [r["kind"] for r in rows] == [f["kind"] for f in record["facts"]]
    _run(folder_with_text, tmp_path)
    news = [json.loads(line) for line in (tmp_path / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(news) == len(list((corpus_dir / "news").glob("*.pdf"))) and all(r["text"] for r in news)

    (one_folder, more_folders) = (example for _, example in INGEST_EXAMPLES)
    _run(one_folder, tmp_path)
    assert _stored_sources(db) == set(adverts)
    _run(more_folders, tmp_path)
    assert _stored_sources(db) == set(adverts) | {r["source"] for r in news} | {
        str(p.relative_to(tmp_path)) for p in iter_input_files([tmp_path / "corpus" / "papers"])}

    (jsonl, spreadsheet, whole_corpus, export) = (example for _, example in DCS_EXAMPLES)
    _run(jsonl, tmp_path)
    assert [json.loads(line)["source"] for line in (tmp_path / "facts.jsonl").read_text().splitlines()] == adverts
    _run(spreadsheet, tmp_path)
    with (tmp_path / "facts.csv").open(newline="", encoding="utf-8") as fh:
        assert {r["source"] for r in csv.DictReader(fh)} == set(adverts)
    _run(whole_corpus, tmp_path)
    assert _stored_sources(db) == {str(p.relative_to(tmp_path)) for p in iter_input_files([tmp_path / "corpus"])}
    _run(export, tmp_path)
    assert {p.name for p in (tmp_path / "var" / "export").iterdir()} >= {"documents.csv", "facts.csv"}
