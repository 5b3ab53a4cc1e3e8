"""Solve a glyph substitution against English word frequencies.

Text in a mis-mapped font is a simple substitution cipher: every glyph always comes out as the
same wrong symbol. Given the words that contain unknown symbols, we look for the letter each symbol
stands for that turns the most (and most frequent) of those words into English words, using
wordfreq's frequency-ordered word list. Unknown symbols in a word act as wildcards (the same symbol
always the same letter), so a word helps as soon as any of its symbols can be guessed; the solver
makes passes, fixing a symbol only when the evidence is clear, until nothing changes.

Scope, deliberately: the solver assigns letters and the apostrophe. Digits and brackets cannot be
told apart by word frequencies, so they come only from a prior (``glyph_priors``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from wordfreq import top_n_list, word_frequency

ALPHABET = "abcdefghijklmnopqrstuvwxyz'"
APOSTROPHE = "\u2019"  # a solved apostrophe is written typographically, as Word wrote it

# Evidence thresholds for fixing a symbol: how many word occurrences must contain it, what share
# of them must become English words (and how many different words), and how far the best letter
# must lead the runner-up (in summed log10 frequency).
MIN_OCCURRENCES = 2
MIN_KNOWN_SHARE = 0.6
MIN_LEAD = 2.0
MIN_INTERNAL_SHARE = 0.3
MIN_DISTINCT_WORDS = 2
MIN_DISTINCT_WORDS_AT_EDGE = 3
KNOWN_WORD = 1e-6  # wordfreq frequency at which a string counts as an English word
FLOOR = -9.0  # log10 frequency of a string that is not a word
MAX_TOKENS_PER_SYMBOL = 150
MAX_PASSES = 4
VOCABULARY = 60_000


@lru_cache(maxsize=1)
def _vocabulary() -> dict[int, tuple[str, dict[str, float]]]:
    """English words by length: a newline-joined string (most frequent first) and frequencies."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in top_n_list("en", VOCABULARY):
        if re.fullmatch(r"[a-z']+", word):
            by_length[len(word)].append(word)
    return {
        n: ("\n".join(words) + "\n", {w: word_frequency(w, "en") for w in words})
        for n, words in by_length.items()
    }


def _pattern(token: str, mapping: Mapping[str, str], unknown: frozenset[str]) -> tuple[re.Pattern[str], dict[str, int]]:
    """A regex for the words ``token`` could be: known symbols substituted, unknown ones wildcards."""
    groups: dict[str, int] = {}
    parts: list[str] = []
    for char in token:
        if char in mapping:
            parts.append(re.escape(mapping[char].lower().replace(APOSTROPHE, "'")))
        elif char in unknown:
            if char in groups:
                parts.append(f"(?P=g{groups[char]})")
            else:
                groups[char] = len(groups)
                parts.append(f"(?P<g{groups[char]}>[{re.escape(ALPHABET)}])")
        else:
            parts.append(re.escape(char.lower().replace(APOSTROPHE, "'")))
    return re.compile("^" + "".join(parts) + "$", re.MULTILINE), groups


def _letter_scores(token: str, symbol: str, mapping: Mapping[str, str], unknown: frozenset[str]) -> dict[str, float]:
    """For each letter ``symbol`` could be, the best log frequency of a word matching ``token``.

    Known symbols are substituted; other unknown symbols are wildcards, consistent within the token.
    A symbol ending the word may be an apostrophe there (``councils’``), so for the apostrophe the
    word without it counts too.
    """
    best: dict[str, float] = {}
    vocabulary = _vocabulary().get(len(token))
    if vocabulary is not None:
        joined, frequencies = vocabulary
        pattern, groups = _pattern(token, mapping, unknown)
        group = f"g{groups[symbol]}"
        for match in pattern.finditer(joined):
            letter = match.group(group)
            if letter not in best:  # the list is most-frequent first
                best[letter] = math.log10(frequencies[match.group(0)])
            if len(best) == len(ALPHABET):
                break
    if len(token) > 1 and token.endswith(symbol):
        head = token[:-1]
        if symbol in head:
            as_apostrophe = _letter_scores(head, symbol, mapping, unknown).get("'")
        else:
            as_apostrophe = _best_word(head, mapping, unknown)
        if as_apostrophe is not None:
            best["'"] = max(best.get("'", FLOOR), as_apostrophe)
    return best


def _best_word(token: str, mapping: Mapping[str, str], unknown: frozenset[str]) -> float | None:
    vocabulary = _vocabulary().get(len(token))
    if vocabulary is None:
        return None
    joined, frequencies = vocabulary
    match = _pattern(token, mapping, unknown)[0].search(joined)
    return math.log10(frequencies[match.group(0)]) if match else None


def word_cores(text: str, symbols: Iterable[str]) -> Counter[str]:
    """Runs of letters, apostrophes and the given symbols: the words a substitution acts on."""
    chars = "".join(re.escape(s) for s in set(symbols))
    counts: Counter[str] = Counter()
    for match in re.finditer(rf"[^\W\d_{chars}]*[{chars}][\w'{APOSTROPHE}{chars}]*", text):
        core = match.group(0).strip("'" + APOSTROPHE + "_")
        if len(core) > 1:  # a lone symbol says nothing about which letter it is
            counts[core] += 1
    return counts


def solve(words: Counter[str], unknown: set[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Letters for the ``unknown`` symbols in ``words``, seeded with the ``known`` mapping."""
    mapping: dict[str, str] = dict(known or {})
    candidates = frozenset(unknown) - _digit_like(words, unknown)
    unknown_set = frozenset(unknown)
    by_symbol: dict[str, list[tuple[str, int]]] = {}
    for symbol in candidates:
        having = [(w, n) for w, n in words.most_common() if symbol in w]
        if sum(n for _, n in having) >= MIN_OCCURRENCES:
            by_symbol[symbol] = having[:MAX_TOKENS_PER_SYMBOL]
    solved: dict[str, str] = {}
    order = sorted(by_symbol, key=lambda s: -sum(n for _, n in by_symbol[s]))
    for _ in range(MAX_PASSES):
        changed = False
        for symbol in order:
            current = {**mapping, **solved}
            current.pop(symbol, None)
            letter = _best_letter(by_symbol[symbol], symbol, current, unknown_set - set(current))
            if letter is not None and solved.get(symbol) != letter:
                solved[symbol] = letter
                changed = True
            elif letter is None and symbol in solved:
                del solved[symbol]
                changed = True
        if not changed:
            break
    return {symbol: _with_case(symbol, letter, words, {**mapping, **solved}) for symbol, letter in solved.items()}


def _digit_like(words: Counter[str], unknown: Iterable[str]) -> frozenset[str]:
    """Symbols that stand for digits: found in number-like words (``ϮϬϭ6``), and their company.

    Word frequencies cannot tell one digit from another, and would happily read ``ϮϬϭϭ`` as
    ``free``, so these symbols are left to the priors.
    """
    unknown = frozenset(unknown)
    digit_like: set[str] = set()
    for word in words:
        if any(c.isdigit() and c.isascii() for c in word) and not any(c.isascii() and c.isalpha() for c in word):
            digit_like.update(c for c in word if c in unknown)
    grew = True
    while grew:
        grew = False
        for word in words:
            symbols = {c for c in word if c in unknown}
            if symbols & digit_like and not symbols <= digit_like and all(c in unknown or c.isdigit() for c in word):
                digit_like |= symbols
                grew = True
    return frozenset(digit_like)


def _best_letter(
    tokens: list[tuple[str, int]], symbol: str, mapping: Mapping[str, str], unknown: frozenset[str]
) -> str | None:
    totals: dict[str, float] = {letter: 0.0 for letter in ALPHABET}
    known_hits: Counter[str] = Counter()
    known_words: Counter[str] = Counter()
    occurrences = internal = 0
    for token, count in tokens:
        occurrences += count
        if _inside_word(token, symbol):
            internal += count
        scores = _letter_scores(token, symbol, mapping, unknown)
        for letter in ALPHABET:
            score = scores.get(letter, FLOOR)
            totals[letter] += count * score
            if score >= math.log10(KNOWN_WORD):
                known_hits[letter] += count
                known_words[letter] += 1
    # Edge-only symbols are quotation marks or brackets, which frequencies cannot tell from an
    # apostrophe; an apostrophe proper sits inside words (council’s) at least some of the time.
    letters = [c for c in ALPHABET if c != "'" or internal >= MIN_INTERNAL_SHARE * occurrences]
    ranked = sorted(letters, key=lambda letter: -totals[letter])
    best, runner_up = ranked[0], ranked[1]
    if totals[best] - totals[runner_up] < MIN_LEAD:
        return None
    # A symbol only ever at word edges is a capital or punctuation; it must prove itself in more words.
    needed_words = MIN_DISTINCT_WORDS if internal else MIN_DISTINCT_WORDS_AT_EDGE
    if known_hits[best] < MIN_KNOWN_SHARE * occurrences or known_words[best] < needed_words:
        return None
    return APOSTROPHE if best == "'" else best


def _inside_word(token: str, symbol: str) -> bool:
    """Whether ``symbol`` occurs between two letters of ``token``."""
    return any(
        char == symbol and token[i - 1].isalpha() and token[i + 1].isalpha()
        for i, char in enumerate(token[1:-1], start=1)
    )


def _with_case(symbol: str, letter: str, words: Counter[str], mapping: Mapping[str, str]) -> str:
    """Upper case when the symbol never follows a lower-case letter but does start words.

    A capital's glyph is a different glyph, so it is a different symbol: one that only ever starts
    words (or sits among capitals) is that capital.
    """
    if not letter.isalpha():
        return letter
    starts_word = False
    for word, _ in words.items():
        for i, char in enumerate(word):
            if char != symbol:
                continue
            if i == 0:
                starts_word = True
                continue
            previous = mapping.get(word[i - 1], word[i - 1])
            if previous.islower():
                return letter
    return letter.upper() if starts_word else letter
