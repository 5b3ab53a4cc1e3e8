"""The registry: order, and a log that records only changes."""

from __future__ import annotations

from councildocs.ingest.repair import REPAIRERS, Draft, repair
from councildocs.ingest.repair.mojibake import repair_mojibake
from councildocs.ingest.repair.registry import count_changed


def test_repairers_run_in_the_documented_order():
    assert [r.name for r in REPAIRERS] == ["font-program", "glyph-map", "ftfy", "layout", "whitespace"]


def test_clean_text_leaves_an_empty_log():
    draft = repair(Draft("text", ["Director of Children’s Services\n\nThe salary is £113,205."]))
    assert draft.log == []
    assert draft.pages == ["Director of Children’s Services\n\nThe salary is £113,205."]


def test_ftfy_keeps_curly_quotes_and_glyph_letters():
    draft = Draft("text", ["“Childrenâ€™s” Ǉ ﬁ Â£5"])
    [step] = repair_mojibake(draft)
    assert draft.pages == ["“Children’s” Ǉ ﬁ £5"]
    assert step.method == "ftfy"
    assert step.chars_changed > 0


def test_glyph_repair_runs_before_ftfy():
    """ftfy alone would turn Ǉ (the glyph for y) into LJ; glyph repair must get there first."""
    text = "The ĐouŶĐil aŶd its paƌtŶeƌs ǁill ƌeǀieǁ the plaŶ eaĐh Ǉeaƌ."
    draft = repair(Draft("text", [text]))
    assert draft.pages == ["The council and its partners will review the plan each year."]
    assert [step.method for step in draft.log] == ["glyph-map"]


def test_count_changed():
    assert count_changed("abc\ndef\n", "abc\ndef\n") == 0
    assert count_changed("abc\ndef\n", "abX\ndef\n") == 1
    assert count_changed("abc\ndef\n", "abc\n") == 4
