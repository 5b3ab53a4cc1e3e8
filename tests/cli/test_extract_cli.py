"""`dcs extract` keeps the facts contract exactly (docs/facts-contract.md in ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_the_number_of_workers_changes_nothing_in_the_output(run_dcs, seeds_dir, peer_pdfs_dir, tmp_path):
    """Files are read in parallel but printed in input order: errors, documents and a long PDF that
    finishes after the files behind it all come out where a single worker puts them."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "0-empty.pdf").write_bytes(b"")
    (folder / "1-encrypted.pdf").write_bytes((peer_pdfs_dir / "pdfminer.six" / "encryption__aes-256.pdf").read_bytes())
    (folder / "2-long.pdf").write_bytes((peer_pdfs_dir / "pdfplumber" / "federal-register-2020-17221.pdf").read_bytes())
    for seed in sorted(seeds_dir.glob("*.txt")):
        (folder / f"3-{seed.name}").write_bytes(seed.read_bytes())
    one, two = (run_dcs("extract", folder, "--quiet", "--workers", n).stdout for n in (1, 2))
    assert one == two
    records = [json.loads(line) for line in one.splitlines()]
    assert [Path(r["source"]).name for r in records] == sorted(p.name for p in folder.iterdir())
    assert [r["status"] for r in records[:3]] == ["error", "error", "ok"]
    assert all(r["status"] == "ok" for r in records[3:]) and sum(len(r["facts"]) for r in records[3:]) > 10


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


# -- --format csv: one row per fact (councildocs/fact_table.py) ----------------------------------------

REAL_DOCS = "corpus/real/dev/docs"
# A sample advert with all six kinds (shared posts between two councils, a poverty rate with its comparator, a
# contact's phone number); a real Devon committee page (a DCS salary, a contact's phone number); a real Blaenau
# Gwent page whose list items start with "- " (evidence a spreadsheet would read as a formula); a real negative
# page with no facts; and a file that fails.
CSV_INPUTS = ("corpus/adverts/stockton-on-tees-dcs-sponsored-feature.pdf",
              f"{REAL_DOCS}/b1_devon_childrens_director_recruitment.txt",
              f"{REAL_DOCS}/b27_blaenau_gwent_council_march_2018_pay_policy_interests.txt",
              f"{REAL_DOCS}/b29_aberdeen_burial_charges_2017_18_negative.txt")


def _csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def _columns_of(kind_name: str) -> list[str]:
    """A kind's fields as columns, a comparator as its area and its percent."""
    from councildocs.extract.kinds import FACT_KINDS_REGISTRY, FieldType

    return [name for field in FACT_KINDS_REGISTRY[kind_name].fields
            for name in ([f"{field.name}_area", f"{field.name}_percent"] if field.type is FieldType.COMPARATOR
                         else [field.name])]


def _expected_field_columns() -> list[str]:
    """Every field of every kind, in the registry's order, each once."""
    from councildocs.extract.kinds import FACT_KINDS_REGISTRY

    return list(dict.fromkeys(c for kind in FACT_KINDS_REGISTRY for c in _columns_of(kind)))


def _as_number(cell: str) -> float:
    return float(cell)  # raises on "£158,640" or a guarded "'-1"


def test_csv_has_one_row_per_fact_holding_the_jsonl_facts(run_dcs, tmp_path, corpus_dir):
    from councildocs.warehouse.privacy import MASK, mask_contacts

    (tmp_path / "empty.pdf").write_bytes(b"")
    inputs = [*CSV_INPUTS, tmp_path / "empty.pdf"]
    records = [json.loads(line) for line in run_dcs("extract", *inputs, "--quiet", cwd=corpus_dir.parent).stdout.splitlines()]
    proc = run_dcs("extract", *inputs, "--format", "csv", "--quiet", cwd=corpus_dir.parent)
    header, rows = _csv_rows(proc.stdout)

    assert header == ["source", "sha256", "doc_type", "kind", *_expected_field_columns(),
                      "evidence_text", "page", "start", "end", "confidence", "error_code", "error_message",
                      "publisher", "published", "url", "licence", "fictional"]
    assert proc.stdout.count("source,sha256,doc_type,kind,") == 1  # the header once, for five files
    facts = [(record, fact) for record in records for fact in record["facts"]]
    fact_rows = [row for row in rows if row["kind"]]
    assert len(fact_rows) == len(facts) >= 20
    # in input order: a row per fact, and one for a document without any
    assert [r["source"] for r in rows] == [rec["source"] for rec in records for _ in range(max(1, len(rec["facts"])))]
    assert [rec["source"] for rec in records] == [str(p) for p in inputs]

    for row, (record, fact) in zip(fact_rows, facts):
        assert (row["source"], row["sha256"], row["doc_type"], row["kind"]) == \
            (record["source"], record["sha256"], record["doc_type"], fact["kind"])
        for name, value in fact.items():
            if name in {"kind", "evidence"}:
                continue
            if name == "comparator":
                assert (row["comparator_area"], row["comparator_percent"]) == \
                    ((value["area"], str(value["percent"])) if value else ("", ""))
            elif name == "authorities":
                assert row[name] == ";".join(value) and all(code[0] in "ENSW" and len(code) == 9 for code in value)
            elif isinstance(value, (int, float)):
                assert _as_number(row[name]) == value, name
            elif name in {"role", "post", "name"}:
                assert row[name].removeprefix("'") == mask_contacts(value), name
            else:
                assert row[name] == ("" if value is None else value), name
        evidence = fact["evidence"]
        assert row["evidence_text"].removeprefix("'") == mask_contacts(evidence["text"])
        assert [int(row[c]) for c in ("page", "start", "end")] == [evidence["page"], evidence["start"], evidence["end"]]
        assert row["error_code"] == row["error_message"] == ""
        # a kind's row leaves the other kinds' fields empty
        assert all(row[c] == "" for c in set(_expected_field_columns()) - set(_columns_of(fact["kind"])))

    stockton = fact_rows[:len(records[0]["facts"])]
    shared_dph = next(r for r in stockton if r["kind"] == "shared_post" and r["post"] == "Director of Public Health")
    assert shared_dph["authorities"] == "E06000001;E06000004"  # Hartlepool and Stockton-on-Tees
    poverty = next(r for r in stockton if r["kind"] == "poverty_rate")
    assert (poverty["authority"], poverty["percent"], poverty["comparator_area"], poverty["comparator_percent"]) == \
        ("E06000004", "28.4", "England", "20.0")
    # where each document was published: the samples are fictional, the real pages name their council
    assert {(r["publisher"], r["fictional"]) for r in stockton} == {("councildocs project (fictional example)", "true")}
    devon_rows = [r for r in rows if r["source"] == str(inputs[1])]
    assert {(r["publisher"], r["licence"], r["fictional"]) for r in devon_rows} == {
        ("Devon County Council", "OGL-3.0", "false")}
    assert {r["url"] for r in devon_rows} == {"http://democracy.devon.gov.uk/ieListDocuments.aspx?CId=201&MID=4469"}
    assert {r["publisher"] for r in rows if r["source"] == str(inputs[-1])} == {""}  # no sources.csv names it
    assert [rec.get("provenance", {}).get("fictional") for rec in records] == [True, False, False, False, None]
    devon_salary = next(r for r in fact_rows if r["source"] == str(inputs[1]) and r["role_category"] == "dcs")
    assert (devon_salary["authorities"], devon_salary["min_gbp"], devon_salary["max_gbp"]) == ("E10000008", "145810", "145810")
    # contacts are masked as the exports mask them, and only there
    contact = next(r for r in fact_rows if r["source"] == str(inputs[1]) and r["kind"] == "person")
    assert contact["evidence_text"] == "Karen Strahan " + MASK * 5 + " " + MASK * 6 + " Email:"
    # a list item "- Corporate Director ..." is written so that no spreadsheet runs it
    assert any(r["evidence_text"].startswith("'- ") for r in fact_rows if r["source"] == str(inputs[2]))

    no_facts, failed = rows[-2], rows[-1]
    assert (no_facts["kind"], no_facts["doc_type"], no_facts["error_code"]) == ("", records[3]["doc_type"], "")
    assert (failed["kind"], failed["doc_type"], failed["error_code"]) == ("", "", "empty")
    assert failed["error_message"] == records[4]["error"]["message"]
    assert all(failed[c] == "" for c in _expected_field_columns() + ["evidence_text", "page", "confidence"])


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(run_dcs, tmp_path):
    statement = tmp_path / "pay-policy.txt"
    statement.write_text("Somerset Council Pay Policy Statement 2024/25\n\n"
                         "Post\tMinimum\tMaximum\n"
                         '=HYPERLINK("https://example.invalid/x","Director of Children\'s Services")\t£120,000\t£130,000\n'
                         "@SUM(1+1) Chief Executive\t£150,000\t£160,000\n",
                         encoding="utf-8")
    record = json.loads(run_dcs("extract", statement).stdout)
    _, rows = _csv_rows(run_dcs("extract", statement, "--format", "csv").stdout)

    assert [f["role"] for f in record["facts"]] == [
        '=HYPERLINK("https://example.invalid/x","Director of Children\'s Services")', "@SUM(1+1) Chief Executive"]
    assert [r["role"] for r in rows] == ["'" + f["role"] for f in record["facts"]]
    assert [r["evidence_text"] for r in rows] == ["'" + f["evidence"]["text"] for f in record["facts"]]
    # numbers are never touched: they are numbers, not text a spreadsheet could run
    assert [(r["min_gbp"], r["max_gbp"], r["authorities"]) for r in rows] == [
        ("120000", "130000", "E06000066"), ("150000", "160000", "E06000066")]


def test_the_formula_guard_covers_each_trigger_and_only_those():
    from councildocs.fact_table import neutralise_formula

    for cell in ("=1+1", "+44 20 7946 0000", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise_formula(cell) == "'" + cell
    for cell in ("Director of Children's Services", "£120,000", " =1", "", "'=1", "E06000066;E10000003"):
        assert neutralise_formula(cell) == cell


def test_csv_and_include_text_is_a_usage_error(run_dcs, tmp_path, corpus_dir):
    good = corpus_dir / "adverts" / "stockton-on-tees-dcs-sponsored-feature.pdf"
    proc = run_dcs("extract", good, "--format", "csv", "--include-text", check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "--include-text goes with --format jsonl" in proc.stderr and "Traceback" not in proc.stderr

    missing = run_dcs("extract", good, tmp_path / "missing.pdf", "--format", "csv", check=False)
    assert (missing.returncode, missing.stdout) == (2, "")

    unknown = run_dcs("extract", good, "--format", "xlsx", check=False)
    assert unknown.returncode == 2 and unknown.stdout == "" and "xlsx" in unknown.stderr
