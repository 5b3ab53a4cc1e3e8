"""The OCR benchmark (bench/ocr_cer.py) runs, and its numbers mean what it says."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

from script_loader import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"

ocr_cer = load_script("bench_ocr_cer", BENCH / "ocr_cer.py")


def test_benchmark_on_one_page(tesseract):
    out = io.StringIO()
    with redirect_stdout(out):
        status = ocr_cer.main(["--docs", "hackney-city-of-london-director-public-health-advert", "--dpi", "150", "--json"])
    report = json.loads(out.getvalue())
    assert status == 0
    [row] = report["summary"]
    assert (row["dpi"], row["pages"], row["documents"]) == (150, 1, 1)
    [page] = report["pages"]
    assert page["cer"] == page["distance"] / page["truth_chars"] == row["cer"] <= ocr_cer.BOUNDS[150]
    assert page["truth_chars"] > 1000 and page["ocr_seconds"] > 0
    assert report["machine"]["versions"]["tesseract"][0].isdigit()


def test_whitespace_is_layout_and_nothing_else_is_normalised():
    assert ocr_cer.one_line(" Salary:\n£121k –\n\n£134k  ") == "Salary: £121k – £134k"
    assert ocr_cer.one_line("Children’s") != ocr_cer.one_line("Children's")


def test_the_deliberately_mis_encoded_paper_is_left_out():
    names = [p.name for p in ocr_cer.corpus_pdfs(None)]
    assert len(names) == 20 and not any(".no-tounicode." in name for name in names)
