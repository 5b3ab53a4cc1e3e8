"""Known glyph orders: what a mangled symbol usually stands for, used to seed the decipherment.

When a PDF maps glyph IDs straight to code points, each letter comes out as the character whose
code point equals the letter's glyph ID in the font. For Calibri (the Microsoft Office default,
and so most council papers) that gives ``Đ`` (U+0110, glyph 272) for ``c``, ``Ŷ`` (glyph 374) for
``n``, and digits from glyph 1004 upwards as Coptic letters.

The table below was derived by aligning seed 003 with its true text (every pair it shows, and no
pair it contradicts; ``tests/ingest/test_glyph_map.py`` re-derives it). The digits 4-9 are not in
that seed; Calibri's figures are consecutive glyphs, and 0-3 sit at 1004-1007, so 4-9 follow.
"""

from __future__ import annotations

CALIBRI: dict[str, str] = {
    # lower-case letters
    "\u010f": "b",  # ď
    "\u0110": "c",  # Đ
    "\u0175": "m",  # ŵ
    "\u0176": "n",  # Ŷ
    "\u018b": "q",  # Ƌ
    "\u018c": "r",  # ƌ
    "\u01c0": "v",  # ǀ
    "\u01c1": "w",  # ǁ
    "\u01c6": "x",  # ǆ
    "\u01c7": "y",  # Ǉ
    # capitals that land on real punctuation (see AMBIGUOUS)
    "\u201c": "S",  # “
    "\u2018": "R",  # ‘
    # punctuation
    "\u035a": "\u2018",  # ͚ → ‘
    "\u035b": "\u2019",  # ͛ → ’
    "\u035e": "\u201c",  # ͞ → “
    "\u035f": "\u201d",  # ͟ → ”
    "\u037e": "(",  # ; (Greek question mark, not the ASCII semicolon)
    "\u037f": ")",  # Ϳ
    # digits, glyphs 1004-1013
    "\u03ec": "0",  # Ϭ
    "\u03ed": "1",  # ϭ
    "\u03ee": "2",  # Ϯ
    "\u03ef": "3",  # ϯ
    "\u03f0": "4",
    "\u03f1": "5",
    "\u03f2": "6",
    "\u03f3": "7",
    "\u03f4": "8",
    "\u03f5": "9",
}

# Symbols that are also ordinary punctuation in correct text: a token using them is only
# rewritten when the rewrite is the likelier reading in context.
AMBIGUOUS: frozenset[str] = frozenset({"\u201c", "\u2018"})

PRIORS: dict[str, dict[str, str]] = {"calibri": CALIBRI}
