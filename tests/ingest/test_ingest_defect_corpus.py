"""Repair on the defect corpus (corpus/defects/): every document, every defect, every font family.

A variant passes when our text is within 1% CER of the true text, and the defect is shown to be
real: ``raw_text`` is what pdfplumber alone reads (``page.extract_text()`` per page), and on the
broken PDFs it is most of the way to unreadable. Correct text must come through unchanged: the
clean PDFs give their true text exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from councildocs.ingest.layout import normalise_whitespace
from councildocs.ingest.reader import read_document

DEFECTS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "defects"
VARIANTS = json.loads((DEFECTS_DIR / "manifest.json").read_text(encoding="utf-8"))["variants"]
CER_BOUND = 0.01
BROKEN_RAW_CER = 0.5  # pdfplumber alone, on a broken PDF, gets at least half the characters wrong


def _truth(variant: dict) -> str:
    return normalise_whitespace((DEFECTS_DIR / variant["truth"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v["file"])
def test_repair_reaches_the_true_text(variant, cer):
    truth = _truth(variant)
    document = read_document(DEFECTS_DIR / variant["file"], sha256="0" * 64)
    text, raw = normalise_whitespace(document.text), normalise_whitespace(document.raw_text)
    error = cer(text, truth)
    assert error <= CER_BOUND, f"CER {error:.2%}; raw {cer(raw, truth):.2%}"
    if variant["defect"] == "clean":
        assert text == truth and raw == truth
        assert document.repair_log == []
    elif variant["font"] is None:  # mojibake text: only the non-ASCII characters are wrong
        assert raw != truth
    else:
        assert cer(raw, truth) >= BROKEN_RAW_CER
        assert {step.method for step in document.repair_log} == {"font-program"}
