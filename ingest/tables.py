"""Tables on a page: where they are, and their text as rows of TAB-separated cells.

Two kinds are found, each only on pages that can hold it, since looking costs time:

- **Ruled tables**, by pdfplumber's table finder (``Page.find_tables``, lines strategy), on pages
  whose rules or cell borders stand at three or more distinct x positions (the least a table of
  two columns has; a page's header bar or a shaded box has two).
- **Tables of aligned figures without rules** (a budget's ``£'000`` columns): lines with two or
  more figures standing apart from the words before them, three or more such lines in a row, the
  figures' right edges in columns. The label column runs from the left of the block to the first
  figure column; header lines just above whose words sit over the columns join the table.

A table is kept as a ``TableGrid``: its rows of cell boxes, nothing else, so it can be rendered
again from remapped characters. ``render_table`` gives the text form the extract stage reads:
one line per row; cells separated by a single TAB; a cell's own line breaks become spaces; an
empty cell is an empty string, so every row has the same number of TABs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.page import Page
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.clustering import cluster_list, cluster_objects
from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, WordExtractor

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

RULED_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MIN_RULE_LENGTH = 4.0  # points: shorter strokes are glyph decoration, not rules
MIN_RULED_COLUMNS = 3  # distinct x positions of vertical rules a two-column table needs
MIN_TABLE_ROWS = 2  # rows with two or more cells of text that make a ruled grid a table
# Aligned figures: a figure stands apart from the word before it by at least this many points
# (wider than a stretched space), and a figure table has at least MIN_FIGURE_ROWS rows holding at
# least MIN_ROW_FIGURES such figures whose right edges fall in shared columns.
MIN_CELL_GAP = 8.0
MIN_FIGURE_ROWS = 3
MIN_ROW_FIGURES = 2
ALIGN_TOLERANCE = 2.0  # points between right edges of one column of figures
MIN_DIGITS_TO_LOOK = 12  # a page with fewer digits holds no table of figures
MAX_HEADER_LINES = 2
# A figure as tables print it: 1,234  £22,366  (1,200)  -3.5  12%  £1.2m, or a dash for nil.
_FIGURE_RE = re.compile(r"\(?[-–]?[£$€]?\d[\d,]*(?:\.\d+)?(?:%|k|m|bn)?\)?|[-–—]")


@dataclass(frozen=True)
class TableGrid:
    """A table as the boxes of its cells, row by row (None where a merged cell continues)."""

    bbox: Box
    rows: tuple[tuple[Box | None, ...], ...]


def find_tables(page: Page, chars: list[dict[str, Any]], words: list[dict[str, Any]] | None = None) -> list[TableGrid]:
    """The tables on ``page`` (whose characters are ``chars`` and, if the caller has them, whose
    words are ``words``), top to bottom."""
    return with_figure_tables(ruled_tables(page, chars), chars, words)


def ruled_tables(page: Page, chars: list[dict[str, Any]]) -> list[TableGrid]:
    """The page's ruled tables. They are found from its rules alone, so they stay where they are
    when a font on the page is remapped."""
    if not _has_ruled_columns(page):
        return []
    return [grid for grid in _ruled_grids(page) if _holds_rows(grid, chars)]


def with_figure_tables(
    ruled: list[TableGrid], chars: list[dict[str, Any]], words: list[dict[str, Any]] | None = None
) -> list[TableGrid]:
    """``ruled`` and the tables of aligned figures among the other characters, top to bottom.

    Figures are text: after a font is remapped they are looked for again, since a broken font's
    digits do not read as digits.
    """
    grids = list(ruled)
    if sum(c["text"].isdigit() for c in chars) >= MIN_DIGITS_TO_LOOK:
        if words is None or grids:  # words inside a ruled table are that table's
            words = WordExtractor().extract_words([c for c in chars if table_of(c, grids) is None])
        grids += figure_tables(words)
    return sorted(grids, key=lambda g: g.bbox[1])


def table_of(char: dict[str, Any], tables: Sequence[TableGrid]) -> TableGrid | None:
    """The table whose box holds the centre of ``char``, if any."""
    if not tables:
        return None
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    for table in tables:
        x0, top, x1, bottom = table.bbox
        if x0 <= x <= x1 and top <= y <= bottom:
            return table
    return None


def render_table(table: TableGrid, chars: list[dict[str, Any]]) -> str:
    """The table's text: a line per row, cells joined by TAB, a cell's line breaks as spaces."""
    cells = _cell_chars(table, chars)
    return "\n".join(
        "\t".join(_cell_text(cells.get((r, c), [])) for c in range(len(row))) for r, row in enumerate(table.rows)
    )


def _cell_chars(table: TableGrid, chars: list[dict[str, Any]]) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """(row, column) → the characters whose centres lie in that cell, in page order.

    Rows are found by bisecting their tops (a table can have hundreds of rows): the cells of that
    row and its neighbours are tried first, then any row reaching down to the character (a cell
    merged over several rows).
    """
    spans = [
        (min(b[1] for b in row if b), max(b[3] for b in row if b)) if any(row) else (float("inf"), float("inf"))
        for row in table.rows
    ]
    order = sorted(range(len(spans)), key=lambda r: spans[r][0])
    tops = [spans[r][0] for r in order]
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        at = bisect_right(tops, y) - 1
        near = [order[i] for i in (at, at - 1, at + 1) if 0 <= i < len(order)]
        far = (r for r in order if r not in near and spans[r][0] <= y <= spans[r][1])  # merged cells
        for r in (*near, *far):
            found = next(
                (c for c, box in enumerate(table.rows[r]) if box and box[0] <= x <= box[2] and box[1] <= y <= box[3]),
                None,
            )
            if found is not None:
                cells.setdefault((r, found), []).append(char)
                break
    return cells


def _cell_text(chars: list[dict[str, Any]]) -> str:
    if not chars:
        return ""
    text = chars_to_textmap(chars).as_string
    return " ".join(text.replace("\t", " ").split())


# -- ruled tables ---------------------------------------------------------------------------


def _has_ruled_columns(page: Page) -> bool:
    """Whether the page's lines and rectangles stand at enough x positions to rule a table."""
    xs: list[float] = []
    for obj in page.objects.get("line", []) + page.objects.get("rect", []):
        if obj["bottom"] - obj["top"] >= MIN_RULE_LENGTH:
            xs += [obj["x0"], obj["x1"]]
    return len(cluster_list(xs, tolerance=1)) >= MIN_RULED_COLUMNS


def _ruled_grids(page: Page) -> list[TableGrid]:
    grids = []
    for table in page.find_tables(RULED_SETTINGS):
        rows = tuple(tuple(row.cells) for row in table.rows)
        if len(rows) >= MIN_TABLE_ROWS and max(len(row) for row in rows) >= 2:
            grids.append(TableGrid(table.bbox, rows))
    return grids


def _holds_rows(table: TableGrid, chars: list[dict[str, Any]]) -> bool:
    """Whether two or more rows have two or more cells with text: a grid of mostly empty cells is
    a frame round a picture or a form, not a table."""
    filled: dict[int, int] = {}
    for (row, _), cell in _cell_chars(table, [c for c in chars if table_of(c, [table]) is table]).items():
        if any(not c["text"].isspace() for c in cell):
            filled[row] = filled.get(row, 0) + 1
    return sum(n >= 2 for n in filled.values()) >= MIN_TABLE_ROWS


# -- tables of aligned figures --------------------------------------------------------------


def figure_tables(words: list[dict[str, Any]]) -> list[TableGrid]:
    """Tables of figures aligned in columns without rules, among these words (pdfplumber's)."""
    lines = [sorted(c, key=lambda w: w["x0"]) for c in cluster_objects(words, lambda w: w["top"], DEFAULT_Y_TOLERANCE)]
    lines.sort(key=lambda line: line[0]["top"])
    grids = []
    i = 0
    while i < len(lines):
        if not _figures_apart(lines[i]):
            i += 1
            continue
        end = i
        while end < len(lines) and (_figures_apart(lines[end]) or _label_only(lines, end, i)):
            end += 1
        while end > i and not _figures_apart(lines[end - 1]):
            end -= 1  # a table ends on a row of figures
        grid = _figure_grid(lines, i, end)
        if grid is not None:
            grids.append(grid)
        i = end
    return grids


def _figures_apart(line: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures of ``line`` that stand apart from the word before them (table cells)."""
    found = []
    for before, word in zip([None, *line], line):
        if _FIGURE_RE.fullmatch(word["text"]) and (before is None or word["x0"] - before["x1"] >= MIN_CELL_GAP):
            found.append(word)
    return found if len(found) >= MIN_ROW_FIGURES else []


def _label_only(lines: list[list[dict[str, Any]]], index: int, first: int) -> bool:
    """A row with a label and no figures (a sub-heading inside the table), lying left of its figures."""
    if index + 1 >= len(lines) or not _figures_apart(lines[index + 1]):
        return False
    figures_left = min(w["x0"] for w in _figures_apart(lines[first]))
    return all(w["x1"] < figures_left for w in lines[index])


def _figure_grid(lines: list[list[dict[str, Any]]], start: int, end: int) -> TableGrid | None:
    """The grid of rows ``start:end`` (and the header lines above them), if their figures align."""
    body = lines[start:end]
    figures = [w for line in body for w in _figures_apart(line)]
    if sum(bool(_figures_apart(line)) for line in body) < MIN_FIGURE_ROWS:
        return None
    columns = [c for c in cluster_objects(figures, lambda w: w["x1"], ALIGN_TOLERANCE) if len(c) >= MIN_FIGURE_ROWS]
    if len(columns) < 1:
        return None
    columns.sort(key=lambda c: c[0]["x1"])
    spans = [(min(w["x0"] for w in c), max(w["x1"] for w in c)) for c in columns]
    # every figure of the body must sit in one of the columns
    if any(not any(x0 - 0.5 <= w["x0"] and w["x1"] <= x1 + 0.5 for x0, x1 in spans) for w in figures):
        return None
    header = _header_lines(lines, start, spans)
    rows = [*header, *body]
    left = min(w["x0"] for line in rows for w in line)
    right = max(max(w["x1"] for line in rows for w in line), spans[-1][1])
    bounds = [left, *((spans[k - 1][1] + spans[k][0]) / 2 if k else spans[0][0] - MIN_CELL_GAP / 2 for k in range(len(spans))), right]
    tops = [min(w["top"] for w in line) for line in rows]
    bottoms = [max(w["bottom"] for w in line) for line in rows]
    edges = [tops[0], *((bottoms[r] + tops[r + 1]) / 2 for r in range(len(rows) - 1)), bottoms[-1]]
    row_bounds = [_around_phrases(bounds, spans, line) if r < len(header) else bounds for r, line in enumerate(rows)]
    grid_rows = tuple(
        tuple((row_bounds[r][c], edges[r], row_bounds[r][c + 1], edges[r + 1]) for c in range(len(bounds) - 1))
        for r in range(len(rows))
    )
    return TableGrid((left, edges[0], right, edges[-1]), grid_rows)


def _around_phrases(bounds: list[float], spans: list[tuple[float, float]], line: list[dict[str, Any]]) -> list[float]:
    """A header line's own column bounds. A heading wider than its figures ("Mid-year estimate 2024" over a column
    of six-digit counts) reaches past the bound before its column, which would cut it mid-word ("Mid-year est" |
    "imate 2024"). A bound inside a phrase moves to the phrase's edge: to its left when the phrase stands over the
    figure column after the bound (headings align with their figures' right edge, or centre on them), else to its
    right."""
    moved = list(bounds)
    for k in range(1, len(bounds) - 1):
        after = spans[k - 1]  # bounds[k] opens the cell of spans[k - 1]; the label column comes first
        for x0, x1 in _phrases(line):
            if x0 < moved[k] < x1:
                moved[k] = x0 - 0.1 if x1 > after[0] else x1 + 0.1
                break
    for k in range(1, len(moved)):  # a bound never passes the one before it
        moved[k] = max(moved[k], moved[k - 1])
    return moved


def _header_lines(lines: list[list[dict[str, Any]]], start: int, spans: list[tuple[float, float]]) -> list[list[dict[str, Any]]]:
    """Up to two lines just above a figure table that head its columns.

    Such a line's phrases (words closer than a cell gap) each lie in the label column or over one
    figure column, and at least one lies over a figure column; a line of prose is one long phrase.
    """
    header: list[list[dict[str, Any]]] = []
    index = start - 1
    pitch = lines[start][0]["bottom"] - lines[start][0]["top"]
    below_top = min(w["top"] for w in lines[start])
    while index >= 0 and len(header) < MAX_HEADER_LINES:
        line = lines[index]
        if below_top - max(w["bottom"] for w in line) > 2 * pitch:
            break
        over_columns = [_columns_under(phrase, spans) for phrase in _phrases(line)]
        if any(n > 1 for n in over_columns) or not any(over_columns):
            break
        if any(n == 0 and phrase[1] > spans[0][0] for n, phrase in zip(over_columns, _phrases(line))):
            break  # a phrase between figure columns, over none of them
        header.insert(0, line)
        below_top = min(w["top"] for w in line)
        index -= 1
    return header


def _phrases(line: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The x-extents of runs of words closer together than a cell gap."""
    phrases: list[tuple[float, float]] = []
    for word in line:
        if phrases and word["x0"] - phrases[-1][1] < MIN_CELL_GAP:
            phrases[-1] = (phrases[-1][0], word["x1"])
        else:
            phrases.append((word["x0"], word["x1"]))
    return phrases


def _columns_under(phrase: tuple[float, float], spans: list[tuple[float, float]]) -> int:
    """How many figure columns ``phrase`` lies over (within a cell gap)."""
    return sum(phrase[0] < x1 + MIN_CELL_GAP and phrase[1] > x0 - MIN_CELL_GAP for x0, x1 in spans)
