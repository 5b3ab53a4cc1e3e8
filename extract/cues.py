"""Cue words: the vocabulary that says what a figure, an arrangement or a person's news is.

The words live in ``extract/data/cues.json`` as spaCy Matcher token patterns, one label per kind of
cue (``salary``, ``not_pay``, ``proposed``, ``former``…). The ``dcs_cues`` component matches them
once per document and leaves a :class:`Cues` on ``doc._.dcs_cues``; rules then ask whether a label
occurs in a span of the text ("is there a pay word in this sentence?", "which is nearer the figure,
a budget word or a salary word?") instead of each keeping its own word list.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Between two words of a phrase a PDF may break the line ("per\nannum"): spaCy keeps such breaks
# as whitespace tokens, which a phrase's pattern skips.
_WHITESPACE = {"IS_SPACE": True, "OP": "*"}


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, list[list[dict]]]:
    """Each label's token patterns, as written in extract/data/cues.json."""
    with resources.files("councildocs.extract").joinpath("data/cues.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {label: entry["patterns"] for label, entry in data.items() if not label.startswith("_")}


def _with_line_breaks(pattern: list[dict]) -> list[dict]:
    spaced: list[dict] = []
    for i, token in enumerate(pattern):
        if i:
            spaced.append(_WHITESPACE)
        spaced.append(token)
    return spaced


_MATCHERS: dict[int, Matcher] = {}


def _matcher(vocab: Vocab) -> Matcher:
    """One Matcher per vocabulary (a pipeline's), built on first use."""
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = Matcher(vocab, validate=True)
        for label, patterns in cue_patterns().items():
            matcher.add(label, [_with_line_breaks(p) for p in patterns])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


@dataclass(frozen=True)
class Cues:
    """Where each label's cues are in a document: sorted (start, end) character spans per label."""

    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def _in(self, label: str, start: int, end: int) -> list[tuple[int, int]]:
        if label not in cue_patterns():
            raise KeyError(f"no cue label {label!r} in extract/data/cues.json")
        spans = self.spans.get(label, [])
        i = bisect.bisect_left(spans, (start, -1))
        found = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                found.append(spans[i])
            i += 1
        return found

    def within(self, label: str, start: int, end: int) -> bool:
        """Whether a cue of ``label`` lies wholly inside text[start:end]."""
        return bool(self._in(label, max(start, 0), end))

    def starts_near(self, label: str, pos: int, slack: int = 2) -> bool:
        """Whether a cue of ``label`` begins at ``pos`` or at most ``slack`` characters after it (the words
        right after a figure or a noun)."""
        if label not in cue_patterns():
            raise KeyError(f"no cue label {label!r} in extract/data/cues.json")
        spans = self.spans.get(label, [])
        i = bisect.bisect_left(spans, (pos, -1))
        return i < len(spans) and spans[i][0] <= pos + slack

    def last_end(self, label: str, start: int, end: int) -> int | None:
        """Where the last cue of ``label`` inside text[start:end] ends (None without one)."""
        found = self._in(label, max(start, 0), end)
        return max(e for _, e in found) if found else None


def find_cues(doc: Doc) -> Cues:
    matcher = _matcher(doc.vocab)
    spans: dict[str, list[tuple[int, int]]] = {}
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        spans.setdefault(doc.vocab.strings[match_id], []).append((span.start_char, span.end_char))
    return Cues({label: sorted(set(found)) for label, found in spans.items()})
