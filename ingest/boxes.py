"""Box layouts: pages of small separate blocks of text, such as organisation charts.

An organisation chart sets boxes of a few short lines (a name, a post, a grade, a pay band) side
by side in rows. Read line by line across the page, or even by columns, the lines of neighbouring
boxes interleave ("Diane Eaton Jill McGregor"), and the column guards that keep ordinary text
whole (a gutter through several lines each side) cannot separate boxes of three lines. So a page
is first asked whether it is a box layout, and if it is, each box is read as a unit.

A box is either

- **drawn**: a rectangle on the page (pdfplumber's ``rects``) big enough to hold text, and the
  words whose centres lie inside it (the innermost such rectangle, when rectangles nest); or
- **set apart by whitespace**: words not in a drawn box, grouped the way pdfminer groups text
  boxes (``LAParams``): words on a line closer than a line height form a line fragment, and
  fragments that overlap across and follow each other at the line pitch form one block. This is
  done here on the words rather than through pdfminer's layout analysis, because a page whose
  font is remapped is laid out again from its kept characters, without pdfminer's layout objects.

A page is a box layout only when its small boxes (few, short lines) hold most of its words, and
either several of them are drawn, or several stand side by side in one row: a page of paragraphs
has long lines and long blocks, a two-column page two blocks side by side, not three. Everything
else is read as before, byte for byte.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# A drawn rectangle at least this big each way can hold a line of text; smaller ones are rules,
# bullets and tick boxes. One covering this share of the page's width is a page frame or background.
MIN_FRAME_PT = 12.0
BAND_PT = 24.0  # height of the bands frames are indexed by
# Sides drawn as separate lines: a hairline is at most HAIRLINE_PT thick, sides meet within SNAP_PT,
# and a page with more than MAX_SEGMENTS of them is a drawing, not looked at.
HAIRLINE_PT = 2.0
SNAP_PT = 2.0
MAX_SEGMENTS = 400
MAX_FRAME_PAGE_SHARE = 0.9
# A small box: at most this many lines (an organisation chart's box wraps a long post title over
# several narrow lines: name, four lines of title, grade, band, "Max salary", figure), whose lines
# hold at most this many characters at the median.
MAX_BOX_LINES = 10
MAX_BOX_MEDIAN_LINE_CHARS = 30
# Whitespace boxes: words on a line further apart than this many line heights are in different
# boxes (wider than a justified line's stretched spaces); a box's next line starts within this
# many line heights below the last (a box's leading, not the gap between a row of boxes and the
# next).
BOX_GAP_HEIGHTS = 1.2
LINE_GAP_HEIGHTS = 0.8
# A page is a box layout when small boxes hold at least this share of its words, and at least
# MIN_DRAWN_BOXES of them are drawn, or there are MIN_SMALL_BOXES of them, MIN_ROW_BOXES side by
# side in a row, and their lines are a chart's, not a text's: at most MAX_PAGE_MEDIAN_LINE_CHARS
# at the median (a chart's "Director of", "SM3A", "£90,000-"; three columns of prose on A4 run to
# thirty characters and more, and are read as columns).
MIN_BOXED_WORD_SHARE = 0.6
MIN_DRAWN_BOXES = 3
MIN_SMALL_BOXES = 4
MIN_ROW_BOXES = 3
MAX_PAGE_MEDIAN_LINE_CHARS = 20


@dataclass
class TextBox:
    """Words read as one unit: ``words`` in page order, ``bbox`` the box of their text."""

    words: list[dict[str, Any]]
    drawn: bool
    bbox: Box = field(init=False)

    def __post_init__(self) -> None:
        self.bbox = (
            min(w["x0"] for w in self.words),
            min(w["top"] for w in self.words),
            max(w["x1"] for w in self.words),
            max(w["bottom"] for w in self.words),
        )

    def is_small(self) -> bool:
        lines = _line_texts(self.words)
        return len(lines) <= MAX_BOX_LINES and statistics.median(len(t) for t in lines) <= MAX_BOX_MEDIAN_LINE_CHARS


def drawn_frames(rects: Iterable[dict[str, Any]], page_bbox: Box, lines: Iterable[dict[str, Any]] = ()) -> list[Box]:
    """The rectangles that could frame a box of text, each once (a box is often drawn twice,
    filled and then stroked): pdfplumber's ``rects``, and rectangles closed by four of its
    ``lines`` (or hairline rects), as some charts draw their boxes side by side."""
    page_width = page_bbox[2] - page_bbox[0]
    frames: set[Box] = set()
    segments = [_box_of(line) for line in lines]
    for rect in rects:
        box = _box_of(rect)
        width, height = box[2] - box[0], box[3] - box[1]
        if width >= MIN_FRAME_PT and height >= MIN_FRAME_PT:
            if width < MAX_FRAME_PAGE_SHARE * page_width:
                frames.add(box)
        else:
            segments.append(box)
    frames.update(f for f in _closed_by_segments(segments) if f[2] - f[0] < MAX_FRAME_PAGE_SHARE * page_width)
    return sorted(frames, key=lambda f: (f[1], f[0]))


def _box_of(obj: dict[str, Any]) -> Box:
    return (round(obj["x0"], 1), round(obj["top"], 1), round(obj["x1"], 1), round(obj["bottom"], 1))


def _closed_by_segments(segments: Sequence[Box]) -> list[Box]:
    """Rectangles whose four sides are drawn as separate segments: two horizontal ones of the same
    span, and vertical ones at both ends covering the height between them."""
    horizontal = [s for s in segments if s[3] - s[1] <= HAIRLINE_PT and s[2] - s[0] >= MIN_FRAME_PT]
    vertical = [s for s in segments if s[2] - s[0] <= HAIRLINE_PT and s[3] - s[1] >= MIN_FRAME_PT]
    if not horizontal or not vertical or len(horizontal) + len(vertical) > MAX_SEGMENTS:
        return []  # no box, or a drawing (a map, a chart of bars) rather than boxes of text

    def side_at(x: float, top: float, bottom: float) -> bool:
        return any(
            abs((v[0] + v[2]) / 2 - x) <= SNAP_PT and v[1] <= top + SNAP_PT and v[3] >= bottom - SNAP_PT
            for v in vertical
        )

    frames = []
    for upper in horizontal:
        for lower in horizontal:
            top, bottom = (upper[1] + upper[3]) / 2, (lower[1] + lower[3]) / 2
            if bottom - top < MIN_FRAME_PT or abs(upper[0] - lower[0]) > SNAP_PT or abs(upper[2] - lower[2]) > SNAP_PT:
                continue
            x0, x1 = max(upper[0], lower[0]), min(upper[2], lower[2])
            if side_at(x0, top, bottom) and side_at(x1, top, bottom):
                frames.append((x0, top, x1, bottom))
    # Of frames stacked in one column of segments, the outer one spans the inner ones: keep the
    # ones that hold no other (a box's own frame, not the column around a stack of boxes).
    return [f for f in frames if not any(g != f and _holds(f, g) for g in frames)]


def _holds(outer: Box, inner: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def box_layout(words: Sequence[dict[str, Any]], frames: Sequence[Box]) -> list[TextBox] | None:
    """The page's boxes in reading order when the page is a box layout, else None.

    ``words`` are the page's words (pdfplumber's, outside tables), ``frames`` its ``drawn_frames``.
    """
    if len(words) < MIN_ROW_BOXES:
        return None
    in_frame: dict[Box, list[dict[str, Any]]] = {}
    free = []
    bands = _frames_by_band(frames)
    for word in words:
        frame = _innermost_frame(word, bands)
        if frame is None:
            free.append(word)
        else:
            in_frame.setdefault(frame, []).append(word)
    drawn = [TextBox(ws, drawn=True) for ws in in_frame.values()]
    if len([b for b in drawn if b.is_small()]) < MIN_DRAWN_BOXES and not _may_hold_row_of_boxes(free):
        return None  # cheap refusal: most pages have no frames and no line of three far-apart parts
    boxes = drawn + [TextBox(ws, drawn=False) for ws in _whitespace_blocks(free)]
    small = [b for b in boxes if b.is_small()]
    if sum(len(b.words) for b in small) < MIN_BOXED_WORD_SHARE * len(words):
        return None
    if len([b for b in small if b.drawn]) < MIN_DRAWN_BOXES and not _is_chart_of_whitespace_boxes(small):
        return None
    return in_reading_order(boxes)


def in_reading_order(boxes: list[TextBox]) -> list[TextBox]:
    """Boxes by recursive XY-cut: rows top to bottom (cut where no box spans the gap), then within
    a row the boxes left to right (cut the same way), and so on; boxes no cut separates are taken
    top to bottom, then left to right."""
    if len(boxes) <= 1:
        return list(boxes)
    for lo, hi in ((1, 3), (0, 2)):  # rows first, then columns within a row
        groups = _cut(boxes, lo, hi)
        if len(groups) > 1:
            return [box for group in groups for box in in_reading_order(group)]
    return sorted(boxes, key=lambda b: (b.bbox[1], b.bbox[0]))


def _cut(boxes: list[TextBox], lo: int, hi: int) -> list[list[TextBox]]:
    """Boxes grouped between the gaps (along bbox coordinates ``lo``..``hi``) that none spans."""
    ordered = sorted(boxes, key=lambda b: b.bbox[lo])
    groups = [[ordered[0]]]
    reach = ordered[0].bbox[hi]
    for box in ordered[1:]:
        if box.bbox[lo] > reach:
            groups.append([box])
        else:
            groups[-1].append(box)
        reach = max(reach, box.bbox[hi])
    return groups


def _frames_by_band(frames: Sequence[Box]) -> dict[int, list[Box]]:
    """Frames under each horizontal band of the page they cross, so that a word is tested only
    against the frames at its height (a drawing can hold thousands of rectangles)."""
    bands: dict[int, list[Box]] = {}
    for frame in frames:
        for band in range(int(frame[1] // BAND_PT), int(frame[3] // BAND_PT) + 1):
            bands.setdefault(band, []).append(frame)
    return bands


def _innermost_frame(word: dict[str, Any], bands: dict[int, list[Box]]) -> Box | None:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    holding = [f for f in bands.get(int(y // BAND_PT), ()) if f[0] <= x <= f[2] and f[1] <= y <= f[3]]
    return min(holding, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]), default=None)


def _line_texts(words: Sequence[dict[str, Any]]) -> list[str]:
    return [" ".join(w["text"] for w in line) for line in _lines(words)]


def _lines(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines (pdfplumber's own line clustering), top to bottom, left to right."""
    clusters = cluster_objects(list(words), lambda w: w["top"], DEFAULT_Y_TOLERANCE)
    return sorted((sorted(c, key=lambda w: w["x0"]) for c in clusters), key=lambda line: line[0]["top"])


def _fragments(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each line's words split where they stand further apart than BOX_GAP_HEIGHTS line heights."""
    fragments = []
    for line in _lines(words):
        height = max(w["bottom"] - w["top"] for w in line)
        current = [line[0]]
        for word in line[1:]:
            if word["x0"] - current[-1]["x1"] > BOX_GAP_HEIGHTS * height:
                fragments.append(current)
                current = []
            current.append(word)
        fragments.append(current)
    return fragments


def _may_hold_row_of_boxes(words: Sequence[dict[str, Any]]) -> bool:
    """Whether some line splits into MIN_ROW_BOXES fragments: without one, no row of boxes."""
    counts: dict[float, int] = {}
    for fragment in _fragments(words):
        counts[fragment[0]["top"]] = counts.get(fragment[0]["top"], 0) + 1
    return max(counts.values(), default=0) >= MIN_ROW_BOXES


def _whitespace_blocks(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into blocks set apart by whitespace on every side (pdfminer's text boxes,
    roughly): fragments join when one follows the other at a line's pitch and they overlap across."""
    fragments = [(f, _extent(f)) for f in _fragments(words)]
    parent = list(range(len(fragments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, (ax0, atop, ax1, abottom)) in enumerate(fragments):
        height = abottom - atop
        for j, (_, (bx0, btop, bx1, bbottom)) in enumerate(fragments):
            if j != i and atop < btop and btop - abottom <= LINE_GAP_HEIGHTS * height and min(ax1, bx1) > max(ax0, bx0):
                parent[root(j)] = root(i)
    blocks: dict[int, list[dict[str, Any]]] = {}
    for i, (fragment, _) in enumerate(fragments):
        blocks.setdefault(root(i), []).extend(fragment)
    return list(blocks.values())


def _extent(words: Sequence[dict[str, Any]]) -> Box:
    return (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )


def _is_chart_of_whitespace_boxes(small: Sequence[TextBox]) -> bool:
    if len(small) < MIN_SMALL_BOXES or _widest_row(small) < MIN_ROW_BOXES:
        return False
    lengths = [len(text) for box in small for text in _line_texts(box.words)]
    return statistics.median(lengths) <= MAX_PAGE_MEDIAN_LINE_CHARS


def _widest_row(boxes: Sequence[TextBox]) -> int:
    """The most boxes that share a horizontal band of the page (side by side, in one row)."""
    best = 0
    for box in boxes:
        top, bottom = box.bbox[1], box.bbox[3]
        best = max(best, sum(1 for other in boxes if other.bbox[1] < bottom and other.bbox[3] > top))
    return best
