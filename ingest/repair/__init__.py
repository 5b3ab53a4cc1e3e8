"""Text repair, in layers: the registry of named repairers, applied in this order.

1. ``font-program`` (PDF): fonts judged broken are remapped from their embedded font program.
2. ``glyph-map``: tokens still holding glyph IDs as letters are deciphered.
3. ``ftfy``: ordinary mojibake, after glyph repair (ftfy would destroy glyph evidence).
4. ``layout``: bullets, line-end hyphenation, running headers and footers.
5. ``whitespace``: the documented whitespace normalisation (``councildocs.ingest.layout``).
"""

from __future__ import annotations

from councildocs.ingest.repair.fonts import repair_fonts
from councildocs.ingest.repair.glyphs import repair_glyphs
from councildocs.ingest.repair.layout_repairs import repair_layout, repair_whitespace
from councildocs.ingest.repair.mojibake import repair_mojibake
from councildocs.ingest.repair.registry import Draft, Repairer, run_repairers

REPAIRERS: tuple[Repairer, ...] = (
    Repairer("font-program", repair_fonts, frozenset({"pdf"}), "remap broken fonts from their embedded font program"),
    Repairer("glyph-map", repair_glyphs, doc="decipher glyph IDs that arrived as letters"),
    Repairer("ftfy", repair_mojibake, doc="fix ordinary mojibake"),
    Repairer("layout", repair_layout, doc="bullets, hyphenation, running headers and footers"),
    Repairer("whitespace", repair_whitespace, doc="trailing spaces and blank-line runs"),
)


def repair(draft: Draft) -> Draft:
    """Run every registered repairer over ``draft``, in order."""
    return run_repairers(draft, REPAIRERS)


__all__ = ["REPAIRERS", "Draft", "Repairer", "repair"]
