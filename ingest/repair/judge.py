"""Does this text decode? Code points that do not belong in English prose, and per-font verdicts.

Judging first and remapping only what is judged broken is the lesson pdf.js learned: remapping a
font that already decodes "may cause more issues than it fixes". A verdict keeps its reason so the
repair log can say why a font was touched. A font is broken, in order of evidence, when its glyphs
have no Unicode mapping (``(cid:N)``), when they decode to code points foreign to English prose,
when its PDF shows that the reader could only guess its text (``guessed``: the caller says so,
from the font dictionary, see ``font_program.read_by_guess``), or when its runs of letters are not
words (a map that sends letters to other letters).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from wordfreq import word_frequency

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

# A map that sends letters to other letters shows no foreign code points: at a constant offset of
# -29, "The dancers" reads "7KH GDQFHUV". What gives it away is that its runs of letters are not
# words. Glyph texts run words together wherever a PDF positions words instead of drawing spaces
# (LaTeX does), and not every document is English, so this verdict only asks for the font program's
# opinion; ``fonts._improved`` takes that reading only when it makes many more words.
# Only runs of four letters or more are sampled: wordfreq lists so many two- and three-letter
# strings that letters sent to other letters still made 20-60% "words" in runs of two or more
# (the defect corpus with a permuted ToUnicode), against 0-1% in runs of four or more; English
# text keeps most of its words either way.
WORD_RUN_RE = re.compile(r"[^\W\d_]{4,}")
MIN_WORD_RUNS = 8
SAMPLE_WORD_RUNS = 300
NOT_WORDS_SHARE = 0.2
KNOWN_WORD = 1e-6  # wordfreq frequency at which a run counts as an English word


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
    runs: int = 0  # runs of letters sampled (at most SAMPLE_WORD_RUNS) ...
    words: int = 0  # ... and how many of them are English words
    cause: str = ""  # "unmapped", "foreign", "guessed" or "not-words" when broken

    @property
    def word_share(self) -> float:
        return self.words / self.runs if self.runs else 0.0


def judge_font(font: str, glyph_texts: list[str], guessed: bool = False) -> FontVerdict:
    """Judge a font from the text of each of its glyphs (one string per character object).

    ``guessed``: the font's PDF dictionary shows its text was guessed (no /ToUnicode, codes read
    as glyph IDs that its /CIDToGIDMap contradicts), so it is broken even where the guess reads
    like ASCII with only a few ``(cid:N)``.
    """
    joined = "".join(glyph_texts)
    unmapped = len(CID_RE.findall(joined))
    suspicious = count_suspicious(CID_RE.sub("", joined))
    glyphs = sum(1 for t in glyph_texts if t.strip(" \t\r\n\xa0")) or 1
    runs, words = count_words(joined)

    def verdict(cause: str, reason: str) -> FontVerdict:
        return FontVerdict(font, bool(cause), glyphs, unmapped, suspicious, reason, runs, words, cause)

    if unmapped >= 1 and unmapped / glyphs >= CID_BROKEN_SHARE:
        return verdict("unmapped", f"{unmapped} of {glyphs} glyphs have no Unicode mapping")
    if suspicious >= BROKEN_MIN_GLYPHS and suspicious / glyphs >= BROKEN_SHARE:
        return verdict("foreign", f"{suspicious} of {glyphs} glyphs decode to code points foreign to English prose")
    if guessed:
        reason = f"no ToUnicode, and its CIDToGIDMap contradicts reading codes as glyph IDs ({unmapped} of {glyphs} unmapped)"
        return verdict("guessed", reason)
    if runs >= MIN_WORD_RUNS and words / runs < NOT_WORDS_SHARE:
        return verdict("not-words", f"only {words} of {runs} runs of letters are English words")
    return verdict("", "decodes")


def count_words(text: str) -> tuple[int, int]:
    """(runs of letters sampled, how many are English words) in ``text``."""
    runs = [m.group(0).lower() for m in itertools.islice(WORD_RUN_RE.finditer(text), SAMPLE_WORD_RUNS)]
    return len(runs), sum(word_frequency(run, "en") >= KNOWN_WORD for run in runs)
