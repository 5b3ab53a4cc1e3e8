"""The text repair benchmark (bench/repair_cer.py) runs, and its numbers mean what it says."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pikepdf
from script_loader import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"




repair_cer = load_script("bench_repair_cer", BENCH / "repair_cer.py")


def test_benchmark_on_one_document():
    out = io.StringIO()
    with redirect_stdout(out):
        status = repair_cer.main(["--docs", "wandsworth-dcs", "--no-speed", "--json"])
    report = json.loads(out.getvalue())
    assert status == 0 and report["failures"] == []
    rows = {(r["defect"], r["font"]): r for r in report["defects"]}
    fonts = repair_cer.build_defects.FONTS
    assert len(rows) == len(repair_cer.build_defects.DEFECTS) * len(fonts) + 1  # every PDF variant, and the mojibake text
    for (defect, font), row in rows.items():
        assert row["documents"] == 1
        assert row["ours_worst"] <= repair_cer.VARIANT_BOUND
        if font is not None and defect != "clean":
            assert row["cer"]["pdfplumber"] > 0.5 and row["cer"]["pypdf"] > 0.5
    assert {"ours", "pdfplumber", "pdfplumber+ftfy", "pypdf", "pypdf+ftfy"} <= set(rows["clean", "dejavu-sans"]["cer"])
    families = {r["font"]: r for r in report["families"]}
    assert set(families) == set(fonts)
    for row in families.values():
        assert row["documents"] == 1 and row["clean_exact"] == 1
        assert row["ours_worst"] <= repair_cer.VARIANT_BOUND
    assert report["machine"]["versions"]["pdfplumber"]


def test_cer_is_distance_over_true_length_after_whitespace_normalisation(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("abcd  \n\n\n\nefgh\n", encoding="utf-8")
    score = repair_cer.score(path, "abXd\n\nefgh", {"raw": repair_cer.extractors.file_text}, "x", None)
    assert score.truth_chars == len("abXd\n\nefgh")
    assert score.cer("raw") == 1 / 10


def test_long_pdf_has_the_pages_asked_for():
    with pikepdf.open(io.BytesIO(repair_cer.speed.long_pdf(pages=5))) as pdf:
        assert len(pdf.pages) == 5
