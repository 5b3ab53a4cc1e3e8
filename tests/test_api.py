"""The Python API (`councildocs.extract_file`, `councildocs.open_warehouse`) on real documents and a real
warehouse built by `dcs ingest`, and the README's Python examples run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import councildocs

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
REAL_DOCS = "corpus/real/dev/docs"
# Real committee pages and salary returns that pay a Director of Children's Services (gold salary facts with
# "role_category": "dcs": Manchester £135,976-£155,898, Devon £145,810, Oxfordshire £138,875), and a Torbay and
# Plymouth page about sharing a Director of Public Health, with a contact's e-mail address.
WAREHOUSE_DOCS = (f"{REAL_DOCS}/b1_manchester_dcs_recruitment.txt",
                  f"{REAL_DOCS}/b1_devon_childrens_director_recruitment.txt",
                  f"{REAL_DOCS}/b37_oxfordshire_executive_salaries_and_expenses.txt",
                  f"{REAL_DOCS}/b3_torbay_plymouth_interim_shared_dph.txt")
MANCHESTER, DEVON, TORBAY, PLYMOUTH = "E08000003", "E10000008", "E06000027", "E06000026"

pytestmark = pytest.mark.slow


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def _readme_warehouse_path() -> str:
    """The warehouse the README's example opens (a path relative to the repository root)."""
    paths = re.findall(r'open_warehouse\("([^"]+)"\)', "\n".join(_python_blocks(README.read_text(encoding="utf-8"))))
    assert len(paths) == 1, paths
    return paths[0]


@pytest.fixture(scope="module")
def example_root(tmp_path_factory) -> Path:
    """A folder laid out like the repository for the README's example: `corpus` is the shipped corpus, and the
    warehouse the example opens is built there by the real `dcs ingest`, run from the repository root (so the
    documents keep their sources, corpus/real/sources.csv) on a few real documents rather than the whole corpus."""
    root = tmp_path_factory.mktemp("readme")
    (root / "corpus").symlink_to(REPO / "corpus", target_is_directory=True)
    db = root / _readme_warehouse_path()
    dcs = Path(sys.executable).with_name("dcs")
    subprocess.run([str(dcs), "ingest", *WAREHOUSE_DOCS, "--db", str(db), "--quiet"], cwd=REPO, check=True,
                   capture_output=True, timeout=900)
    return root


@pytest.fixture(scope="module")
def warehouse(example_root):
    return councildocs.open_warehouse(example_root / _readme_warehouse_path())


def test_the_readme_has_a_python_api_section_just_before_layout():
    headings = re.findall(r"^## .+$", README.read_text(encoding="utf-8"), flags=re.M)
    assert headings[headings.index("## Layout") - 1] == "## Python API"


def test_the_readmes_python_examples_run(example_root, monkeypatch, capsys):
    blocks = _python_blocks(README.read_text(encoding="utf-8"))
    assert blocks, "the README has no ```python block"
    monkeypatch.chdir(example_root)
    namespace: dict = {"__name__": "__readme__"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"README.md (python block {number})", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()

    # the Manchester page's DCS salary, with its evidence
    assert any(line.startswith("salary {") and "'min_gbp': 135976, 'max_gbp': 155898" in line
               and f"'authorities': ['{MANCHESTER}']" in line and "| job evaluation" in line for line in printed)
    # midpoints £138,875 (Oxfordshire), £145,810 (Devon), £145,937 (Manchester): one of three below £140,000
    assert printed[-1].startswith("£140,000 is at percentile 33 of 3 posts of Director of Children's Services "
                                  "in 3 authorities, ")


def test_import_councildocs_loads_nothing_heavy():
    probe = "import councildocs, sys; print(sorted(m for m in ('spacy', 'duckdb', 'polars') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert all(callable(getattr(councildocs, name)) for name in councildocs.__all__ if name != "__version__")
    assert set(councildocs.__all__) <= set(dir(councildocs))
    with pytest.raises(AttributeError):
        councildocs.no_such_thing  # noqa: B018


def test_extract_file_reads_repairs_and_extracts_one_file():
    from councildocs.extract.models import Fact
    from councildocs.results import DocumentResult

    result = councildocs.extract_file(REPO / WAREHOUSE_DOCS[0])
    assert isinstance(result, DocumentResult) and result.ok
    assert all(isinstance(f, Fact) and f.evidence.text == result.document.text[f.evidence.start:f.evidence.end]
               for f in result.extraction.facts)
    salaries = [(f.fields["role_category"], f.fields["min_gbp"], f.fields["max_gbp"], f.fields["authorities"])
                for f in result.extraction.facts if f.kind == "salary"]
    assert salaries == [("dcs", 135976, 155898, [MANCHESTER])]
    # a PDF, with the same pipeline (built once per process)
    advert = councildocs.extract_file(str(REPO / "corpus/adverts/cambridgeshire-peterborough-dcs.pdf"))
    assert advert.ok and advert.document.pages >= 2 and {f.kind for f in advert.extraction.facts} >= {"salary", "person"}
    from councildocs.api import _extractor

    assert _extractor() is _extractor()


def test_extract_file_reports_a_bad_file_as_a_coded_result(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert councildocs.extract_file(tmp_path / "empty.pdf").error_code == "empty"
    missing = councildocs.extract_file(tmp_path / "missing.pdf")
    assert (missing.ok, missing.error_code, missing.extraction) == (False, "not_found", None)


def test_open_warehouse_needs_a_warehouse(tmp_path):
    from councildocs.warehouse.errors import WarehouseMissing, WarehouseUnavailable

    with pytest.raises(WarehouseMissing, match="dcs ingest"):
        councildocs.open_warehouse(tmp_path / "none.duckdb")
    (tmp_path / "notes.duckdb").write_text("not a database")
    with pytest.raises(WarehouseUnavailable):
        councildocs.open_warehouse(tmp_path / "notes.duckdb")


def test_the_salary_benchmark_compares_dcs_posts_unless_told_otherwise(warehouse):
    from councildocs.warehouse.queries import SalaryBenchmark

    bench = warehouse.salary_benchmark(salary_gbp=140_000)
    assert isinstance(bench, SalaryBenchmark)
    assert (bench.figure, bench.n_posts, bench.role_categories) == (140_000.0, 3, ("dcs",))
    assert bench.percentile == pytest.approx(100 / 3)
    assert isinstance(bench.rows, pl.DataFrame) and set(bench.rows["gss"]) == {MANCHESTER, DEVON, "E10000025"}
    assert bench.nearest["gss"][0] == "E10000025"  # Oxfordshire's £138,875 is nearest £140,000
    every_post = warehouse.salary_benchmark(min_gbp=130_000, max_gbp=150_000, role_category=None)
    assert every_post.n_posts > bench.n_posts and every_post.role_categories == ()
    assert "all senior posts" in every_post.pool


def test_the_reader_answers_as_the_dashboard_does(warehouse):
    from councildocs.warehouse.queries import AuthorityComparison, FactEvidence

    documents = warehouse.documents()
    assert isinstance(documents, pl.DataFrame)
    assert sorted(documents["source"]) == sorted(WAREHOUSE_DOCS) and set(documents["status"]) == {"ok"}

    salaries = warehouse.salaries()
    assert isinstance(salaries, pl.DataFrame)
    manchester = salaries.filter(pl.col("gss") == MANCHESTER)
    assert manchester.select("min_gbp", "max_gbp").rows() == [(135976, 155898)]

    comparison = warehouse.compare([DEVON, MANCHESTER])
    assert all(isinstance(c, AuthorityComparison) for c in comparison)
    assert [c.gss for c in comparison] == [DEVON, MANCHESTER]
    assert comparison[1].salaries["min_gbp"].to_list() == [135976]

    shared = warehouse.shared_posts()
    assert isinstance(shared, pl.DataFrame)
    assert (PLYMOUTH, TORBAY, "Director of Public Health", "proposed") in shared.select(
        "gss_a", "gss_b", "post", "status").rows()
    assert warehouse.shared_posts(status="former").is_empty()

    evidence = warehouse.fact_evidence(manchester["fact_id"][0])
    assert isinstance(evidence, FactEvidence)
    assert evidence.evidence == evidence.text[evidence.start:evidence.end] and "£135,976" in evidence.evidence
    assert warehouse.fact_evidence("no-such-fact") is None


def test_the_reader_masks_contacts(warehouse):
    """Like every reader of the warehouse: an officer's e-mail address never comes out."""
    people = warehouse.compare([TORBAY])[0].people
    contact = people.filter(pl.col("name") == "Caroline Taylor")
    assert contact.height == 1 and "Email: " in contact["evidence"][0] and "@" not in contact["evidence"][0]
    text = warehouse.fact_evidence(contact["fact_id"][0]).text
    assert "Caroline Taylor" in text and "caroline.taylor@torbay.gov.uk" not in text
