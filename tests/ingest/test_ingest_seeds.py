"""The development seeds: 003 is glyph-mangled and must be repaired; the others must not change.

Like ftfy's test data, negative cases matter as much as fixes: seeds 000, 001, 002 and 004 are
ordinary text (real curly quotes, £, Welsh-free English) and must come out as they went in, apart
from the documented whitespace normalisation.
"""

from __future__ import annotations

import pytest

from councildocs.ingest.layout import normalise_whitespace
from councildocs.ingest.reader import read_document

pytestmark = pytest.mark.shared

MANGLED = "003_a31806d86317b05f"
NEGATIVE = ["000_fa04a16116778ee2", "001_1782e8bf8f944f42", "002_9e40161a6ff9089f", "004_a372fa7750f0ab72"]
CER_BOUND = 0.005


@pytest.mark.parametrize("stem", NEGATIVE)
def test_negative_seed_is_unchanged(seeds_dir, stem):
    path = seeds_dir / f"{stem}.txt"
    original = path.read_text(encoding="utf-8")
    document = read_document(path, sha256="0" * 64)
    assert document.raw_text == original
    assert document.text == normalise_whitespace(original)
    assert {step.method for step in document.repair_log} <= {"whitespace"}


def test_seed_003_is_repaired_to_its_true_text(seeds_dir, gold_dev_dir, cer):
    truth = (gold_dev_dir / f"{MANGLED}.truth.txt").read_text(encoding="utf-8")
    document = read_document(seeds_dir / f"{MANGLED}.txt", sha256="0" * 64)
    # The truth keeps the seed's layout, so it gets the same whitespace normalisation.
    error = cer(document.text, normalise_whitespace(truth))
    assert cer(document.raw_text, truth) > 0.01  # the seed really is mangled
    assert error <= CER_BOUND, f"CER {error:.4%}"
    assert [step.method for step in document.repair_log] == ["glyph-map", "layout", "whitespace"]
    for mangled, repaired in [
        ("ĐouŶĐil͛s ĐoŶĐeƌŶed", "council’s concerned"),
        ("\u037e͞the DiƌeĐtoƌ͟Ϳ", "(“the Director”)"),
        ("ϮϬϭ6", "2016"),
        ("“eƌǀiĐes", "Services"),
        ("‘egioŶal", "Regional"),
    ]:
        assert mangled in document.raw_text
        assert repaired in document.text


def test_seed_003_real_quotes_and_semicolons_survive(seeds_dir):
    document = read_document(seeds_dir / f"{MANGLED}.txt", sha256="0" * 64)
    assert document.text.count(";") == document.raw_text.count(";")  # ASCII ; is not the Greek ;
    assert "‘at risk’" in document.text
    assert "“one stop shop”" in document.text
