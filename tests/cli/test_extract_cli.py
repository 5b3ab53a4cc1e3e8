"""`dcs extract` keeps the facts contract exactly (docs/facts-contract.md in ../shared)."""

from __future__ import annotations

import json

from councildocs.contract import validate_record


def test_extract_seeds_prints_one_valid_line_per_file(run_dcs, seeds_dir, tmp_path):
    proc = run_dcs("extract", seeds_dir, "--format", "jsonl", "--include-text", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    seeds = sorted(p for p in seeds_dir.iterdir() if p.suffix == ".txt")
    assert len(lines) == len(seeds) == 5
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [str(p) for p in seeds]
    for record in records:
        assert validate_record(record, text=record["text"]) == [], record["source"]
        assert record["status"] == "ok"
        assert isinstance(record["raw_text"], str)
    assert list(tmp_path.iterdir()) == [], "extract must not write into the working directory"


def test_extract_without_text_omits_text_fields(run_dcs, seeds_dir):
    first = json.loads(run_dcs("extract", sorted(seeds_dir.glob("*.txt"))[0], "--format", "jsonl").stdout)
    assert "text" not in first and "raw_text" not in first
    assert validate_record(first) == []


def test_bad_files_become_coded_errors_and_the_batch_goes_on(run_dcs, tmp_path, corpus_dir):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "noise.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    good = sorted(corpus_dir.rglob("*.pdf"))[0]
    proc = run_dcs("extract", tmp_path / "empty.pdf", tmp_path / "noise.pdf", tmp_path / "notes.docx",
                   good, "--format", "jsonl")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["status"] for r in records] == ["error", "error", "error", "ok"]
    assert [r["error"]["code"] for r in records[:3]] == ["empty", "corrupt_pdf", "unsupported_type"]
    assert all(validate_record(r) == [] for r in records)
    assert records[3]["facts"], "the good file after the bad ones is still extracted"


def test_extract_over_the_peer_regression_pdfs_gives_one_line_each_ok_or_coded(run_dcs, peer_pdfs_dir):
    """pdfplumber's and pdfminer.six's own regression files: encryption variants, broken xrefs, odd CMaps,
    JBIG2, evil XObjects. (The run takes about 80 s here; the issue's bound is 5 minutes.)"""
    from councildocs.ingest.errors import ErrorCode

    pdfs = sorted(peer_pdfs_dir.rglob("*.pdf"))
    proc = run_dcs("extract", peer_pdfs_dir, "--format", "jsonl", "--quiet")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in pdfs]
    codes = {code.value for code in ErrorCode} - {ErrorCode.INTERNAL.value}
    for record in records:
        assert validate_record(record) == [], record["source"]
        if record["status"] == "error":
            assert record["error"]["code"] in codes and record["error"]["message"], record["source"]
    assert sum(r["status"] == "ok" for r in records) >= len(records) * 3 // 4


def test_a_pay_policy_statements_tables_come_out_one_valid_salary_per_row(run_dcs, tmp_path):
    """A text document with tables in the TAB-row form ingest renders them in (docs/ARCHITECTURE.md, Tables)."""
    statement = tmp_path / "pay-policy.txt"
    statement.write_text("Somerset Council Pay Policy Statement 2024/25\n\n"
                         "Grade\tMinimum\tMaximum\nCO1\t£120,000\t£130,000\nCO2\t£100,000\t£110,000\n\n"
                         "Revenue budget (£'000)\n\nService\t2024/25\nSalaries and wages\t£45,200\n",
                         encoding="utf-8")
    record = json.loads(run_dcs("extract", statement, "--format", "jsonl", "--include-text").stdout)
    assert validate_record(record, text=record["text"]) == []
    salaries = [(f["role"], f["min_gbp"], f["max_gbp"], f["authorities"], f["evidence"]["text"])
                for f in record["facts"] if f["kind"] == "salary"]
    assert salaries == [("CO1", 120000, 130000, ["E06000066"], "CO1\t£120,000\t£130,000"),
                        ("CO2", 100000, 110000, ["E06000066"], "CO2\t£100,000\t£110,000")]


def test_a_missing_input_path_is_a_usage_error_before_anything_is_read(run_dcs, tmp_path, corpus_dir):
    good = sorted(corpus_dir.rglob("*.pdf"))[0]
    proc = run_dcs("extract", good, tmp_path / "missing.txt", check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""  # not even the good file: a mistyped path stops the command before it starts
    assert proc.stderr.strip() == f"dcs: no such file or folder: {tmp_path / 'missing.txt'}"
    assert "Traceback" not in proc.stderr


def test_version_names_the_extractor_and_the_contract(run_dcs):
    from importlib.metadata import version

    from councildocs.extract.pipeline import EXTRACTOR_VERSION

    assert run_dcs("--version").stdout.strip() == f"dcs {version('councildocs')} (extractor {EXTRACTOR_VERSION}, facts contract v1)"
