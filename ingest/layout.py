"""Layout repair: what a page's furniture and line-breaking did to the running text.

Each function returns new text and changes only what its docstring names:

- ``map_bullets``: private-use bullet glyphs (Symbol/Wingdings code points such as U+F0B7) that
  start a line become ``•``.
- ``join_hyphenated``: a word broken by a hyphen at a line end is joined when the join is an
  English word more common than the hyphenated compound (``recommen-`` / ``dation`` joins,
  ``well-`` / ``being`` does not).
- ``split_glued_speakers``: a speaker's name run into the first word of their speech, as web pages
  of debates lose the break between the two elements ("Mr. Patrick JenkinThe information is",
  "Mr. Lomasasked the Secretary of State"), gets its space back: only after an honorific, only
  before a word that opens such a speech, and only when the glued word is no English word.
- ``drop_running_lines``: for multi-page PDFs, running headers and footers (lines repeated near
  the top or bottom of most pages) and lone page-number lines there are removed.
- ``normalise_whitespace``: line ends become ``\\n``; trailing spaces and tabs on each line are
  stripped (on a table row only spaces: its TABs separate cells, empty ones too); blank lines at the start and end
  of a page are dropped; runs of three or more newlines become two (a paragraph break stays a
  paragraph break). Nothing else changes.

Table rows (``councildocs.ingest.tables``: a line holding a TAB is a row of cells) pass through
every repair here with their cells intact: no hyphen is joined across a row's end, a header row
repeated at the top of every page is not a running header, and empty last cells keep their TABs.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter

from wordfreq import word_frequency

BULLET = "\u2022"
CELL_SEPARATOR = "\t"  # between the cells of a table row; no other line holds one
# Symbol and Wingdings bullets as they come out of a font without a Unicode mapping.
PRIVATE_USE_BULLETS = "\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc\uf06e\uf071\uf0e0\uf0d7\uf0b2\uf0f0"
_BULLET_RE = re.compile(rf"(?m)^([ \t]*)[{PRIVATE_USE_BULLETS}]")

KNOWN_WORD = 1e-6
# word-  /  rest[punctuation]  -- the rest must end at whitespace, so "e-\nmail" is considered but
# "x-\nray-tracing" is not.
_HYPHEN_BREAK_RE = re.compile(r"(?<![\w-])([A-Za-z]+)-[ \t]*\n[ \t]*([a-z]+)([^\w\s-]*)(?=\s|$)([^\S\n]?)")

# A line is a running header/footer when it is among the first or last few lines of a page and
# (with digits ignored, so "Page 3 of 12" matches "Page 4 of 12") recurs on this share of pages.
ZONE_LINES = 3
RUNNING_SHARE = 0.6
MIN_PAGES_FOR_RUNNING = 3
# A page of boxes (reading_order reads a box layout box by box, a blank line after each): at least
# this many blocks, of at most MAX_BOX_LINES lines and MAX_BOX_LINE_CHARS characters at the median;
# only a block of at most MAX_RUNNING_BLOCK_LINES lines at its top or foot can be a running line.
MIN_BOXES_ON_PAGE = 4
MAX_BOX_LINES = 10
MAX_BOX_LINE_CHARS = 30
MAX_RUNNING_BLOCK_LINES = 2
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE
)


# An honorific, up to two forenames, then a surname glued to the word that opens a question or an answer.
_GLUED_SPEAKER_RE = re.compile(r"\b((?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness)\.?[ \t]+(?:[A-Z][a-z'’-]+[ \t]+){0,2}"
                               r"[A-Z][a-z'’]*[a-z])(asked|To|The|While|Information|I)(?=[ \t,;:])")


def split_glued_speakers(text: str) -> str:
    def split(match: re.Match[str]) -> str:
        surname = match.group(1).split()[-1]
        if word_frequency(surname + match.group(2), "en") >= KNOWN_WORD:
            return match.group(0)  # a glued whole that is an English word ("Basked") is that word
        return f"{match.group(1)} {match.group(2)}"

    return _GLUED_SPEAKER_RE.sub(split, text)


def map_bullets(text: str) -> str:
    return _BULLET_RE.sub(lambda m: m.group(1) + BULLET, text)


def join_hyphenated(text: str) -> str:
    def join(match: re.Match[str]) -> str:
        first, second, punctuation = match.group(1), match.group(2), match.group(3)
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if CELL_SEPARATOR in text[line_start : len(text) if line_end < 0 else line_end]:
            return match.group(0)  # a table row's cells end where they end
        joined = first + second
        frequency = word_frequency(joined, "en")
        if frequency < KNOWN_WORD or frequency <= word_frequency(f"{first}-{second}", "en"):
            return match.group(0)
        at_line_end = match.end() == len(text) or text[match.end()] == "\n"
        # The rest of the second line stays on its own line, so later line breaks do not move.
        return joined + punctuation + ("" if at_line_end else "\n")

    return _HYPHEN_BREAK_RE.sub(join, text)


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _zone(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the first few and the last few non-blank lines of a page.

    On a page of boxes (an organisation chart, read box by box) the zones are the first and last
    boxes only when they are a line or two: the chart's head box, repeated under the title of
    every page, and a "Max salary £71,027" ending the last box are the chart's text, not running
    lines.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head, tail = filled[:ZONE_LINES], filled[-ZONE_LINES:]
    blocks = _blocks(lines)
    if _is_page_of_boxes(lines, blocks):
        first, last = blocks[0], blocks[-1]
        head = [i for i in head if i in first and len(first) <= MAX_RUNNING_BLOCK_LINES]
        tail = [i for i in tail if i in last and len(last) <= MAX_RUNNING_BLOCK_LINES]
    return head, tail


def _blocks(lines: list[str]) -> list[range]:
    """Runs of non-blank lines (their indexes) between blank lines."""
    blocks, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            blocks.append(range(start, i))
            start = None
    return blocks


def _is_page_of_boxes(lines: list[str], blocks: list[range]) -> bool:
    """Whether the page reads as the boxes of a box layout: many short blocks of short lines, no table."""
    if len(blocks) < MIN_BOXES_ON_PAGE or any(CELL_SEPARATOR in line for line in lines):
        return False
    if statistics.median(len(block) for block in blocks) > MAX_BOX_LINES:
        return False
    return statistics.median(len(line) for block in blocks for line in (lines[i] for i in block)) <= MAX_BOX_LINE_CHARS


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running headers, footers and page-number lines.

    A running line recurs at the top (or at the bottom) of most pages and only once on each, so a
    table row repeated down every page stays. A page number is a lone number (``7``, ``Page 7 of
    12``, ``- 7 -``) as the first or last line of a page.
    """
    if len(pages) < 2:
        return pages
    split = [page.split("\n") for page in pages]
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in split:
        once = {k for k, n in Counter(_key(line) for line in lines).items() if n == 1}
        head, tail = _zone(lines)
        top.update({_key(lines[i]) for i in head if CELL_SEPARATOR not in lines[i]} & once)
        bottom.update({_key(lines[i]) for i in tail if CELL_SEPARATOR not in lines[i]} & once)
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    running: set[str] = set()
    if len(pages) >= MIN_PAGES_FOR_RUNNING:
        running = {k for zone in (top, bottom) for k, n in zone.items() if n >= needed and k.strip("# ")}
    numbers = _page_number_lines(split)
    result: list[str] = []
    for lines in split:
        head, tail = _zone(lines)
        drop = {i for i in head + tail if _key(lines[i]) in running and CELL_SEPARATOR not in lines[i]}
        drop.update(numbers.get(len(result), ()))
        result.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return result


def _page_number_lines(split: list[list[str]]) -> dict[int, set[int]]:
    """Page index → indexes of its page-number lines.

    A lone number counts only when it follows the page order (it is the page's own number, or
    number minus page number is the same on at least two pages), so a total at the foot of a page
    stays; "Page 7" always counts.
    """
    found: list[tuple[int, int, int, bool]] = []  # page, line, number - page number, says "page"
    for page, lines in enumerate(split):
        head, tail = _zone(lines)
        for i in set(head[:1] + tail[-1:]):
            if match := _PAGE_NUMBER_RE.match(lines[i]):
                found.append((page, i, int(match.group(1)) - (page + 1), "page" in lines[i].lower()))
    offsets = Counter(offset for _, _, offset, _ in found)
    result: dict[int, set[int]] = {}
    for page, i, offset, explicit in found:
        if explicit or offset == 0 or offsets[offset] >= 2:
            result.setdefault(page, set()).add(i)
    return result


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    rows = _table_rows(lines)
    text = "\n".join(line.rstrip(" ") if i in rows else line.rstrip(" \t") for i, line in enumerate(lines))
    text = text.strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _table_rows(lines: list[str]) -> set[int]:
    """Indexes of the lines that are table rows: a run of consecutive lines holding TABs, one of
    them with a TAB between two cells of text (a stray TAB ending a line of prose is no table)."""
    rows: set[int] = set()
    start = 0
    for i in range(len(lines) + 1):
        if i < len(lines) and CELL_SEPARATOR in lines[i]:
            continue
        if any(CELL_SEPARATOR in lines[j].rstrip() for j in range(start, i)):
            rows.update(range(start, i))
        start = i + 1
    return rows
