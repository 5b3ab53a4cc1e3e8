"""Reading order: a page's text with its columns read one after another and its tables in place.

pdfplumber lays a page's words out line by line across the whole page, so two columns side by
side come out interleaved ("Sharon Howard Kevin Kasaven"). ``page_text`` cuts the page the way an
XY-cut does, using the words' boxes:

1. Tables (``TableGrid``, found by ``councildocs.ingest.tables``) are taken out first; each becomes
   its own block of TAB-separated rows, preceded and followed by a blank line, where it sits.
2. The rest is cut across the page into runs of lines between tables, and within a run into
   column blocks: a block is a stretch of consecutive lines crossed by a vertical gutter (a gap no
   word enters) that runs through all of them, with several lines of words on each side and
   neither side a narrow strip of labels. Each column of a block is read top to bottom (and cut
   again, for three columns) before the next; lines that no gutter crosses stay full width, in
   their vertical place.
3. Each piece is laid out by pdfplumber's own text layout, so a page with one column and no table
   reads exactly as ``page.extract_text()`` reads it (the whole page goes through it in one go).

The same function lays out the first read and a page read again after a font is remapped
(``PdfGlyphs._relayout``), so the two always agree.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, WordExtractor, WordMap

from councildocs.ingest.boxes import Box, TextBox, box_layout
from councildocs.ingest.tables import TableGrid, render_table, table_of

# A gutter is at least this wide, in points and in the text's median character heights: wider than
# any space a justified line stretches to, narrower than the gutter of a two-column page (~6 mm).
MIN_GUTTER_PT = 9.0
MIN_GUTTER_HEIGHTS = 1.0
# Each side of a gutter holds words on at least this many lines, and words face each other across
# it on at least MIN_FACING_LINES lines: a river in one paragraph, or a ragged edge, is no column.
MIN_SIDE_LINES = 3
MIN_FACING_LINES = 2
# The narrower column is at least this share of the block's width: "Date:   4 March 2025" lines
# are label and value, read across, not a column of labels then a column of values.
MIN_COLUMN_SHARE = 0.2
MAX_DEPTH = 3  # columns inside columns (three-column pages)
# Lines on one side only below a block's last facing line stay in it (one column runs on past the
# other) unless a gap of this many times the block's usual line pitch sets them apart: then they
# are full-width lines after the block ("Background papers: none." under a contact block).
APART_PITCHES = 1.6


@dataclass
class _Line:
    """Words that share a line (pdfplumber's own line clustering), left to right."""

    words: list[dict[str, Any]]
    top: float
    bottom: float

    @classmethod
    def of(cls, words: list[dict[str, Any]]) -> _Line:
        words = sorted(words, key=lambda w: w["x0"])
        return cls(words, min(w["top"] for w in words), max(w["bottom"] for w in words))


@dataclass
class _Block:
    """Consecutive lines, read whole (``gutter`` None) or column by column either side of ``gutter``."""

    lines: list[_Line]
    gutter: tuple[float, float] | None = None


def word_map(chars: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """pdfplumber's (word, chars) pairs for these characters, as its text layout makes them; each
    word also holds its characters under ``"chars"``. Made once per page and shared by the table
    finder and ``page_text``: word making is most of what laying a page out costs."""
    pairs = list(WordExtractor().iter_extract_tuples(list(chars)))
    for word, word_chars in pairs:
        word["chars"] = word_chars
    return pairs


def page_text(
    chars: list[dict[str, Any]],
    tables: Sequence[TableGrid] = (),
    words: list[tuple[dict[str, Any], list[dict[str, Any]]]] | None = None,
    frames: Sequence[Box] = (),
) -> str:
    """The page's text in reading order: columns one after another, tables as TAB rows in place,
    the boxes of a box layout one by one.

    ``chars`` are pdfplumber's character dicts (page order), ``tables`` the grids of the tables
    found on the page, ``words`` their ``word_map`` when the caller has it already, ``frames`` the
    page's drawn rectangles that may frame boxes (``boxes.drawn_frames``). A page with one column
    and no table gives exactly ``page.extract_text()``.
    """
    if not chars:
        return ""
    if words is None:
        words = word_map(chars)
    if not tables:
        boxes = box_layout([word for word, _ in words], frames)
        if boxes is not None:
            return _read_boxes(chars, boxes)
    in_table = [table_of(char, tables) for char in chars]
    flow = [char for char, table in zip(chars, in_table) if table is None]
    if tables:
        words = word_map(flow)
    lines = _lines([word for word, _ in words])
    runs = _runs(lines, tables)
    if not tables and all(block.gutter is None for block in _blocks(lines)):
        return WordMap(words).to_textmap(presorted=True).as_string  # one column: pdfplumber's text
    owner = _owners(flow, runs)
    pieces: list[tuple[str, bool]] = []  # (text, is a table)
    for run in runs:
        if isinstance(run, TableGrid):
            members = [char for char, table in zip(chars, in_table) if table is run]
            pieces.append((render_table(run, members), True))
        else:
            pieces.append((_read_lines(run, [c for c in flow if owner.get(id(c)) is run], 0), False))
    return _join(pieces)


def _read_boxes(chars: list[dict[str, Any]], boxes: list[TextBox]) -> str:
    """Each box's text in turn, a blank line after each: the extract stage reads a box as
    consecutive short lines set off from the next box by a blank line."""
    index: dict[int, int] = {}  # char id → its box
    for b, box in enumerate(boxes):
        for word in box.words:
            for char in word["chars"]:
                index[id(char)] = b
    members: list[list[dict[str, Any]]] = [[] for _ in boxes]
    last = None
    for char in chars:  # a blank character goes with the character before it, as in _owners
        last = index.get(id(char), last)
        if last is not None:
            members[last].append(char)
    return "\n\n".join(text for text in map(_plain, members) if text)


def _plain(chars: list[dict[str, Any]]) -> str:
    """pdfplumber's text layout of these characters (``Page.extract_text()`` without layout mode)."""
    return chars_to_textmap(chars).as_string if chars else ""


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    clusters = cluster_objects(words, lambda w: w["top"], DEFAULT_Y_TOLERANCE)
    return sorted((_Line.of(c) for c in clusters), key=lambda line: line.top)


def _runs(lines: list[_Line], tables: Sequence[TableGrid]) -> list[Any]:
    """Lines and tables top to bottom: a list of tables and of line lists (the lines between them)."""
    ordered: list[tuple[float, Any]] = [(line.top, line) for line in lines] + [(t.bbox[1], t) for t in tables]
    ordered.sort(key=lambda item: item[0])
    runs: list[Any] = []
    for _, item in ordered:
        if isinstance(item, TableGrid):
            runs.append(item)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _owners(flow: list[dict[str, Any]], runs: list[Any]) -> dict[int, list[_Line]]:
    """Character id → the run of lines it is read with.

    Word characters belong to their word's line; a blank character (a space between words, which
    words do not keep) goes with the character before it, so it still separates the same words.
    """
    owner: dict[int, list[_Line]] = {}
    for run in runs:
        if isinstance(run, list):
            for line in run:
                for word in line.words:
                    for char in word["chars"]:
                        owner[id(char)] = run
    last = None
    for char in flow:
        if id(char) in owner:
            last = owner[id(char)]
        elif last is not None:
            owner[id(char)] = last
    return owner


def _read_lines(lines: list[_Line], chars: list[dict[str, Any]], depth: int) -> str:
    """Text of consecutive lines whose characters are ``chars`` (page order)."""
    blocks = _blocks(lines) if depth < MAX_DEPTH else [_Block(lines)]
    if len(blocks) == 1 and blocks[0].gutter is None:
        return _plain(chars)
    where: dict[int, tuple[int, int]] = {}  # char id → (block, side)
    for b, block in enumerate(blocks):
        for line in block.lines:
            for word in line.words:
                side = 0 if block.gutter is None or _centre(word) < sum(block.gutter) / 2 else 1
                for char in word["chars"]:
                    where[id(char)] = (b, side)
    parts: dict[tuple[int, int], list[dict[str, Any]]] = {}
    last = None
    for char in chars:
        last = where.get(id(char), last)
        if last is not None:
            parts.setdefault(last, []).append(char)
    texts = []
    for b, block in enumerate(blocks):
        if block.gutter is None:
            texts.append(_plain(parts.get((b, 0), [])))
            continue
        for side in (0, 1):
            column = parts.get((b, side), [])
            column_lines = _lines([w for line in block.lines for w in line.words if (_centre(w) >= sum(block.gutter) / 2) == bool(side)])
            texts.append(_read_lines(column_lines, column, depth + 1))
    return "\n".join(text for text in texts if text)


def _blocks(lines: list[_Line]) -> list[_Block]:
    """The lines cut into full-width blocks and column blocks, top to bottom."""
    if not lines:
        return []
    min_gutter = max(MIN_GUTTER_PT, MIN_GUTTER_HEIGHTS * statistics.median(l.bottom - l.top for l in lines))
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        found = _column_block_from(lines, i, min_gutter)
        if found is None:
            if blocks and blocks[-1].gutter is None:
                blocks[-1].lines.append(lines[i])
            else:
                blocks.append(_Block([lines[i]]))
            i += 1
        else:
            blocks.append(found)
            i += len(found.lines)
    return blocks


def _column_block_from(lines: list[_Line], start: int, min_gutter: float) -> _Block | None:
    """The longest column block starting at line ``start`` (through one of its gaps), if any."""
    best: _Block | None = None
    first = lines[start].words
    for left, right in zip(first, first[1:]):
        gutter = (left["x1"], right["x0"])
        if gutter[1] - gutter[0] < min_gutter:
            continue
        end = start + 1
        while end < len(lines):
            narrowed = _free_part(lines[end], gutter)
            if narrowed is None or narrowed[1] - narrowed[0] < min_gutter:
                break
            gutter, end = narrowed, end + 1
        block = _Block(_without_apart_ends(lines[start:end], gutter), gutter)
        if _is_columns(block) and (best is None or len(block.lines) > len(best.lines)):
            best = block
    return best


def _free_part(line: _Line, gutter: tuple[float, float]) -> tuple[float, float] | None:
    """The widest part of ``gutter`` that no word of ``line`` enters."""
    free = [gutter]
    for word in line.words:
        free = [
            piece
            for x0, x1 in free
            for piece in ((x0, min(x1, word["x0"])), (max(x0, word["x1"]), x1))
            if piece[1] > piece[0]
        ]
    return max(free, key=lambda p: p[1] - p[0], default=None)


def _without_apart_ends(lines: list[_Line], gutter: tuple[float, float]) -> list[_Line]:
    """``lines`` up to the first wide vertical gap after the last line with words on both sides."""
    middle = sum(gutter) / 2
    facing = [i for i, line in enumerate(lines) if _sides(line, middle) == (True, True)]
    if not facing or len(lines) < 3:
        return lines
    pitch = statistics.median(b.top - a.top for a, b in zip(lines, lines[1:]))
    for i in range(facing[-1] + 1, len(lines)):
        if lines[i].top - lines[i - 1].top > APART_PITCHES * pitch:
            return lines[:i]
    return lines


def _sides(line: _Line, middle: float) -> tuple[bool, bool]:
    """Whether ``line`` has words left of ``middle``, and right of it."""
    return any(_centre(w) < middle for w in line.words), any(_centre(w) >= middle for w in line.words)


def _is_columns(block: _Block) -> bool:
    """Whether ``block`` is really columns: both sides carry several lines and real width."""
    assert block.gutter is not None
    middle = sum(block.gutter) / 2
    left_lines = right_lines = facing = 0
    left_x0 = right_x1 = middle
    for line in block.lines:
        on_left = [w for w in line.words if _centre(w) < middle]
        on_right = [w for w in line.words if _centre(w) >= middle]
        left_lines += bool(on_left)
        right_lines += bool(on_right)
        facing += bool(on_left and on_right)
        left_x0 = min([left_x0, *(w["x0"] for w in on_left)])
        right_x1 = max([right_x1, *(w["x1"] for w in on_right)])
    if min(left_lines, right_lines) < MIN_SIDE_LINES or facing < MIN_FACING_LINES:
        return False
    width = right_x1 - left_x0
    return min(block.gutter[0] - left_x0, right_x1 - block.gutter[1]) >= MIN_COLUMN_SHARE * width


def _centre(word: dict[str, Any]) -> float:
    return (word["x0"] + word["x1"]) / 2


def _join(pieces: list[tuple[str, bool]]) -> str:
    """Pieces in order: a table is set off by a blank line on each side, other pieces by a newline."""
    out = ""
    previous_table = False
    for text, is_table in pieces:
        if not text:
            continue
        if out:
            out += "\n\n" if is_table or previous_table else "\n"
        out += text
        previous_table = is_table
    return out
