"""Does this text decode? Code points that do not belong in English prose, and per-font verdicts.

Judging first and remapping only what is judged broken is the lesson pdf.js learned: remapping a
font that already decodes "may cause more issues than it fixes". A verdict keeps its reason so the
repair log can say why a font was touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ranges a mis-mapped font typically lands in when glyph IDs come out as code points (Calibri's
# lower-case letters sit at glyph IDs 258-460, i.e. Latin Extended-A/B), plus combining marks,
# Greek/Coptic (Calibri's digits and brackets), private use (symbol fonts) and C0 controls
# (glyph IDs below 32). Latin Extended-A is included because Đ, Ŷ, ŵ and ď live there; a font of
# real Polish or Welsh text would still need a high share of them to be judged broken.
SUSPICIOUS_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008),
    (0x000B, 0x000C),
    (0x000E, 0x001F),
    (0x0100, 0x024F),  # Latin Extended-A and -B
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek and Coptic
    (0xE000, 0xF8FF),  # private use area
    (0xFFFD, 0xFFFD),  # replacement character
)

SUSPICIOUS_RE = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in SUSPICIOUS_RANGES) + "]")
CID_RE = re.compile(r"\(cid:\d+\)")

# A font is broken when this share of its glyphs is unmapped ((cid:N)) or suspicious. The floor on
# the count keeps one stray symbol (a PUA bullet in a body font) from condemning a whole font.
BROKEN_SHARE = 0.10
BROKEN_MIN_GLYPHS = 3
CID_BROKEN_SHARE = 0.005


def is_suspicious(char: str) -> bool:
    return SUSPICIOUS_RE.match(char) is not None


def count_suspicious(text: str) -> int:
    return len(SUSPICIOUS_RE.findall(text))


@dataclass(frozen=True)
class FontVerdict:
    """Whether one font's text decodes, and why we think so."""

    font: str
    broken: bool
    glyphs: int
    unmapped: int  # (cid:N) glyphs
    suspicious: int
    reason: str


def judge_font(font: str, glyph_texts: list[str]) -> FontVerdict:
    """Judge a font from the text of each of its glyphs (one string per character object)."""
    joined = "".join(glyph_texts)
    unmapped = len(CID_RE.findall(joined))
    suspicious = count_suspicious(CID_RE.sub("", joined))
    glyphs = sum(1 for t in glyph_texts if t.strip(" \t\r\n\xa0")) or 1
    if unmapped >= 1 and unmapped / glyphs >= CID_BROKEN_SHARE:
        return FontVerdict(font, True, glyphs, unmapped, suspicious, f"{unmapped} of {glyphs} glyphs have no Unicode mapping")
    if suspicious >= BROKEN_MIN_GLYPHS and suspicious / glyphs >= BROKEN_SHARE:
        return FontVerdict(
            font, True, glyphs, unmapped, suspicious,
            f"{suspicious} of {glyphs} glyphs decode to code points foreign to English prose",
        )
    return FontVerdict(font, False, glyphs, unmapped, suspicious, "decodes")
