"""A whitespace-flattened view of a document's text with sentence bounds.

Council PDFs wrap lines mid-sentence (often with blank lines between wrapped lines), so rules
match against a copy where every whitespace character is a space: same length, same offsets,
so a match in the view is evidence in the real text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_WS = re.compile(r"\s")
_LIST_ITEM = re.compile(r"^[ \t]*([-*–▪■◦·](?=[ \t]))", re.MULTILINE)
# "(2) Slough Borough Council be advised …; and\n(3) the Director … be authorised …": a numbered or lettered
# item of a resolution or list is a sentence of its own, whatever ends the item before it
_NUMBERED_ITEM = re.compile(r"^[ \t]*(\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\))(?=[ \t])", re.MULTILINE)

def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Where the line holding ``pos`` starts and ends (without its line break)."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, end if end >= 0 else len(text)


def _heading_ends(text: str) -> list[int]:
    """Where a line that cannot be wrapped prose ends: a heading, masthead or table row, much shorter than
    the document's typical line and without closing punctuation, followed by a capitalised line; or any line
    without closing punctuation followed, after a blank line, by one that opens with a figure (the boxes of
    an infographic). Without this a heading runs into the first sentence under it."""
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return []
    typical = lengths[len(lengths) * 3 // 4]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    ends = []
    for i, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if not stripped or re.search(r"[.,;:!?’”'\"(–—-]$|\b(?:of|and|the|for|to|a|an|in|with|&)$", stripped):
            continue
        nxt = lines[i + 1].lstrip()
        if nxt[:1].isupper() and len(stripped) < 0.6 * typical:
            ends.append(starts[i + 1] + len(lines[i + 1]) - len(nxt))
            continue
        # after a blank line, a line that opens with a figure starts afresh ("(as at 31 Dec 2015)\n\n12.1%\nof
        # children …": the boxes of an infographic), unless the line before leads into it ("… is\n\n256,000")
        j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        if j is None or j == i + 1 or _LEADS_INTO_FIGURE.search(stripped):
            continue
        nxt = lines[j].lstrip()
        if nxt[:1].isdigit() or nxt[:1] == "£":
            ends.append(starts[j] + len(lines[j]) - len(nxt))
    return ends


_LEADS_INTO_FIGURE = re.compile(r"\b(?:is|are|was|were|be|been|of|at|to|by|from|about|around|approximately|nearly|"
                                r"almost|over|under|than|some|circa|c\.|estimated|totalling|totals?|reached|stood|rose|"
                                r"fell|increased|decreased|on|between|within|salary|pay|population|rate)$", re.I)


def _table_row_bounds(text: str) -> list[int]:
    """Where each row of a table rendered as TAB-separated cells starts, and where the line after it starts:
    a row is a sentence of its own, and prose after a table does not run back into it. A row has a TAB
    after some text, or two TABs; a line merely indented with one TAB is prose."""
    bounds = []
    for m in re.finditer(r"^(?:[^\n\t]*\S[^\n\t]*\t|[^\n]*\t[^\n]*\t)[^\n]*(?:\n|$)", text, re.MULTILINE):
        bounds.extend((m.start(), m.end()))
    return bounds


@dataclass
class TextView:
    text: str
    flat: str
    sentence_starts: list[int]

    @classmethod
    def of(cls, text: str) -> "TextView":
        flat = _WS.sub(" ", text)
        starts = [0]
        for m in re.finditer(r"(?:(?<=[.!?:;])|(?<=[.!?][”’\"']))\s+(?=[\"'“‘(A-Z0-9])|[●•]", flat):
            starts.append(m.end() if m.group().strip() == "" else m.start())
        # an item of a list written with a dash, star or square marker ("- 15.9% of children …\n- 15.8% of
        # households …") is a sentence of its own, as an item marked with a bullet is
        starts.extend(m.start(1) for m in _LIST_ITEM.finditer(text))
        starts.extend(m.start(1) for m in _NUMBERED_ITEM.finditer(text))
        starts.extend(_heading_ends(text))
        starts.extend(_table_row_bounds(text))
        return cls(text=text, flat=flat, sentence_starts=sorted(set(starts)))

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def sentence(self, offset: int) -> str:
        start, end = self.sentence_bounds(offset)
        return self.flat[start:end]

    def window(self, start: int, end: int, before: int = 150, after: int = 150) -> str:
        return self.flat[max(0, start - before): end + after]

    def evidence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Trim a span so evidence neither starts nor ends with whitespace."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end
