"""Token-level glyph repair: the prior table, the generic solver, and what must never change."""

from __future__ import annotations

import pytest

from councildocs.ingest.repair import glyph_priors, glyphs
from councildocs.ingest.repair.registry import Draft

MANGLED = "003_a31806d86317b05f"


def _repair(text: str) -> tuple[str, list]:
    draft = Draft("text", [text])
    steps = glyphs.repair_glyphs(draft)
    return draft.pages[0], steps


@pytest.mark.shared
def test_prior_agrees_with_the_seed_alignment(seeds_dir, gold_dev_dir):
    """Re-derive the Calibri table from seed 003 and its truth (same length, aligned by position)."""
    seed = (seeds_dir / f"{MANGLED}.txt").read_text(encoding="utf-8")
    truth = (gold_dev_dir / f"{MANGLED}.truth.txt").read_text(encoding="utf-8")
    assert len(seed) == len(truth)
    derived: dict[str, set[str]] = {}
    for mangled, true in zip(seed, truth):
        if mangled != true and mangled != "\uf0b7":  # the bullet is layout's business
            derived.setdefault(mangled, set()).add(true)
    assert all(len(targets) == 1 for targets in derived.values()), derived
    assert {k: v.pop() for k, v in derived.items()} == {
        k: v for k, v in glyph_priors.CALIBRI.items() if k in derived
    }
    assert set(derived) <= set(glyph_priors.CALIBRI)


@pytest.mark.shared
@pytest.mark.parametrize(
    "prior",
    [
        pytest.param({}, id="no-prior"),
        pytest.param({k: v for k, v in glyph_priors.CALIBRI.items() if not v.isalpha()}, id="no-letters-in-prior"),
    ],
)
def test_solver_recovers_letters_without_the_prior(seeds_dir, gold_dev_dir, cer, monkeypatch, prior):
    """The letters come from word frequencies alone; the prior is only a head start."""
    monkeypatch.setattr(glyphs, "PRIORS", {"test": prior})
    seed = (seeds_dir / f"{MANGLED}.txt").read_text(encoding="utf-8")
    truth = (gold_dev_dir / f"{MANGLED}.truth.txt").read_text(encoding="utf-8")
    repaired, [step] = _repair(seed)
    for symbol, letter in {"Đ": "c", "Ŷ": "n", "ƌ": "r", "ŵ": "m", "ď": "b", "ǀ": "v", "ǁ": "w", "Ǉ": "y", "ǆ": "x"}.items():
        assert f"{symbol}→{letter}" in step.detail
    error = cer(repaired.replace("\uf0b7", "•"), truth)
    assert error <= (0.001 if prior else 0.002), f"CER {error:.4%}"


def test_examples_from_a_mangled_paragraph():
    text = (
        "to the ĐouŶĐil͛s ĐoŶĐeƌŶed aŶd theiƌ paƌtŶeƌs, ďut ŵost iŵpoƌtaŶtlǇ to the ĐoŵŵuŶities. "
        "Adult “eƌǀiĐes / Coƌpoƌate DiƌeĐtoƌ \u037e͞the DiƌeĐtoƌ͟Ϳ. In DeĐeŵďeƌ ϮϬϭ6 the ‘egioŶal "
        "“Đhool͛s CoŵŵissioŶeƌ said: “the offer stands” and ‘yes’; MA“H."
    )
    repaired, [step] = _repair(text)
    assert repaired == (
        "to the council’s concerned and their partners, but most importantly to the communities. "
        "Adult Services / Corporate Director (“the Director”). In December 2016 the Regional "
        "School’s Commissioner said: “the offer stands” and ‘yes’; MASH."
    )
    assert step.method == "glyph-map"
    assert step.chars_changed == sum(a != b for a, b in zip(text, repaired))


@pytest.mark.parametrize(
    "text",
    [
        "She said “the offer stands” and ‘that is final’; the council’s view is clear.",
        "Cyngor Sir Ddinbych: dŵr, tŷ a gŵyl. Mae’r cyngor yn gweithio.",  # Welsh, with ŵ and ŷ
        "Łódź and Gdańsk are twinned with Kraków; Paweł Wałęsa attended.",
        "Ratios: α = 0.05, β = 0.2, and ϭ is a Coptic letter.",
        "• Lead the service; ● Work with partners.",
    ],
)
def test_text_that_is_not_mangled_is_left_alone(text):
    repaired, steps = _repair(text)
    assert repaired == text
    assert steps == []


def test_quote_closed_later_stays_a_quote_in_a_mangled_document():
    text = "The ĐouŶĐil aŶd its paƌtŶeƌs ǁill ƌeǀieǁ the plaŶ. He said “he ǁill ƌetuƌŶ” to the ĐoŵŵuŶitǇ."
    repaired, _ = _repair(text)
    assert "said “he will return”" in repaired


def test_bare_quote_before_a_word_in_a_mangled_document_is_a_capital():
    text = "The ĐouŶĐil aŶd its paƌtŶeƌs ǁill ƌeǀieǁ the plaŶ. “he ǁill ƌetuƌŶ to the ĐoŵŵuŶitǇ Ŷeǆt Ǉeaƌ."
    repaired, _ = _repair(text)
    assert "She will return" in repaired
