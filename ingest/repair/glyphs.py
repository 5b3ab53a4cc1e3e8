"""Token-level glyph repair, for text that arrives with glyph IDs already standing in for letters.

``ĐouŶĐil͛s ĐoŶĐeƌŶed`` is ``council’s concerned``: a PDF's font mapped glyph IDs to code points,
and the text was extracted (and perhaps saved as .txt) before anyone noticed. The repair:

1. Build a table symbol → character: the priors (``glyph_priors``) for symbols the text contains,
   extended by ``decipher.solve`` for suspicious symbols the priors do not cover.
2. Judge the document: the table must turn words into English words, or the text is not mangled
   this way and nothing is touched (Welsh ``dŵr`` must not become ``dmr``).
3. Rewrite token by token, only tokens holding table symbols, and only when the rewrite is the
   likelier English token. Symbols that are also real punctuation (``“`` is ``S`` in mangled
   Calibri) are decided per token: ``“eƌǀiĐes`` becomes ``Services`` but ``“the`` keeps its quote.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping

from wordfreq import word_frequency

from councildocs.ingest.models import RepairStep
from councildocs.ingest.repair import decipher
from councildocs.ingest.repair.glyph_priors import AMBIGUOUS, PRIORS
from councildocs.ingest.repair.judge import SUSPICIOUS_RE, count_suspicious
from councildocs.ingest.repair.registry import Draft

NAME = "glyph-map"

# The document is judged mangled when at least this many tokens (and this share of the tokens the
# table touches) become English words that were not words before.
MIN_WORDS_MADE = 2
MIN_WORDS_MADE_SHARE = 0.5
SUSPICIOUS_PENALTY = 3.0  # log10 units per character that does not belong in English prose
MAX_AMBIGUOUS_PER_TOKEN = 4
PARAGRAPH_LOOKAHEAD = 600

_INNER_PUNCTUATION_OK = set("'’.,-/&")
_CLOSERS = {"\u201c": "\u201d", "\u2018": "\u2019"}


def repair_glyphs(draft: Draft) -> list[RepairStep]:
    text = "\n\n".join(draft.pages)
    found = GlyphTable.for_text(text)
    if found is None:
        return []
    changed = 0
    for i, page in enumerate(draft.pages):
        draft.pages[i], n = found.rewrite(page)
        changed += n
    return [RepairStep(NAME, changed, None, found.describe())]


class GlyphTable:
    """A symbol → character table judged to explain a document's text."""

    def __init__(self, table: Mapping[str, str], ambiguous: frozenset[str], prior: str, solved: Mapping[str, str]):
        self.table = dict(table)
        self.ambiguous = ambiguous
        self.prior = prior
        self.solved = dict(solved)
        self._token_re = re.compile(r"\S*[" + re.escape("".join(self.table)) + r"]\S*")

    @classmethod
    def for_text(cls, text: str) -> GlyphTable | None:
        """The table for ``text``, or None when the text shows no glyph mangling."""
        suspicious = set(SUSPICIOUS_RE.findall(text))
        if not suspicious:  # the common case, decided in one regex pass
            return None
        present = set(text)
        prior_name, prior = max(PRIORS.items(), key=lambda kv: len(present & kv[1].keys()))
        table = {s: c for s, c in prior.items() if s in present}
        unknown = suspicious - table.keys()
        solved: dict[str, str] = {}
        if unknown:
            certain = {s: c for s, c in table.items() if s not in AMBIGUOUS}
            guesses = unknown | ((present & AMBIGUOUS) - table.keys())
            words = decipher.word_cores(text.translate(str.maketrans(certain)), guesses)
            solved = decipher.solve(words, guesses, {})
            table.update(solved)
        if not table:
            return None
        ambiguous = frozenset(
            s for s in table if s in AMBIGUOUS or not (SUSPICIOUS_RE.match(s) or s.isalnum())
        )
        found = cls(table, ambiguous, prior_name, solved)
        return found if found._explains(text) else None

    def _explains(self, text: str) -> bool:
        touched = made = 0
        for match in self._token_re.finditer(text):
            token = match.group(0)
            if not any(c in self.table and c not in self.ambiguous for c in token):
                continue
            touched += 1
            decoded = "".join(self.table.get(c, c) if c not in self.ambiguous else c for c in token)
            if _is_word(decoded) and not _is_word(token):
                made += 1
        return made >= MIN_WORDS_MADE and made >= MIN_WORDS_MADE_SHARE * touched

    def rewrite(self, text: str) -> tuple[str, int]:
        """``text`` with its mangled tokens rewritten, and the number of characters changed."""
        changed = 0

        def fix(match: re.Match[str]) -> str:
            nonlocal changed
            token = match.group(0)
            best = self._best_reading(token, text, match.end())
            if best != token:
                changed += sum(a != b for a, b in zip(token, best))
            return best

        return self._token_re.sub(fix, text), changed

    def _best_reading(self, token: str, text: str, end: int) -> str:
        """The likeliest reading of ``token``: every certain symbol rewritten, each ambiguous one
        rewritten or kept, whichever reads better; the token itself unless a reading beats it."""
        base = "".join(c if c in self.ambiguous else self.table.get(c, c) for c in token)
        choices = [i for i, c in enumerate(token) if c in self.ambiguous][:MAX_AMBIGUOUS_PER_TOKEN]
        readings = []
        for mask in itertools.product((False, True), repeat=len(choices)):
            chars = list(base)
            for flip, i in zip(mask, choices):
                if flip:
                    chars[i] = self.table[token[i]]
            readings.append("".join(chars))
        if base == token:  # only ambiguous symbols: readings[0] keeps them all
            return self._decide_by_context(token, readings, text, end)
        # max() keeps the first of equals, and readings start with the fewest symbols rewritten.
        best = max(readings, key=_score)
        return best if _score(best) > _score(token) else token

    def _decide_by_context(self, token: str, readings: list[str], text: str, end: int) -> str:
        """A token whose only symbols are also punctuation (``“he``: a quotation, or ``She``?).

        The rewrite must read better than the token; when both read as words, a quotation mark
        closed later in the paragraph stays a quotation mark, and otherwise it is a letter.
        """
        rewritten = max(readings[1:], key=_score, default=token)
        if _score(rewritten) > _score(token):
            return rewritten
        if not (_is_word(rewritten) and _is_word(token)):
            return token
        closer = _CLOSERS.get(token[0])
        if closer is None:
            return token
        paragraph = re.split(r"\n\s*\n", text[end : end + PARAGRAPH_LOOKAHEAD], maxsplit=1)[0]
        closed = re.search(re.escape(closer) + r"(?!\w)", paragraph) is not None
        return token if closed else rewritten

    def describe(self) -> str:
        detail = f"prior {self.prior}"
        if self.solved:
            detail += "; solved " + ", ".join(f"{s}→{c}" for s, c in sorted(self.solved.items()))
        return detail


def _core(token: str) -> str | None:
    """The word in ``token`` without surrounding punctuation; None when it cannot be a word
    (a foreign symbol, or punctuation other than apostrophes, dots, hyphens inside it)."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    core = token[start:end]
    if SUSPICIOUS_RE.search(core) or any(not (c.isalnum() or c in _INNER_PUNCTUATION_OK) for c in core):
        return None
    return core


def _score(token: str) -> float:
    """How likely ``token`` is as English: log10 word frequency, less a penalty per foreign symbol."""
    penalty = SUSPICIOUS_PENALTY * count_suspicious(token)
    core = _core(token)
    if core == "":  # punctuation only
        return -penalty
    frequency = word_frequency(core, "en") if core else 0.0
    return (math.log10(frequency) if frequency > 0 else decipher.FLOOR) - penalty


def _is_word(token: str) -> bool:
    core = _core(token)
    return bool(core) and word_frequency(core, "en") >= decipher.KNOWN_WORD
