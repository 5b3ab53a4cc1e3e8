"""Tables in a document's text: TAB-separated row blocks, their header rows and what each column holds.

Ingest renders a table it finds (in a PDF, or an HTML page) into the text as a block of its own: one
line per row, cells separated by a single TAB, a cell's line breaks turned into spaces, empty cells
empty, every row with the same number of TABs, and the header row(s) first. Text documents may carry
the same form, or a Markdown table, as web pages saved as text do: rows between pipes
("| Angus | 116,660 |") and a rule of dashes ("|---|---|") under the header. This module reads such blocks back into rows and cells (character spans into the
text, so evidence stays a slice of it) and classifies each column by the words of its header, using
the cue vocabulary of ``extract/data/cues.json``:

- the row's label: the post (``table_post``: Post, Job title, Role, Position) or the grade
  (``table_grade``: Grade, Band, Level); a first column with an empty header is the label too;
- the ends of a pay range (``table_minimum``: Minimum, From, Bottom of scale; ``table_maximum``:
  Maximum, To, Top of scale), read where the header cell starts so "Salary (from April)" stays pay;
- the numbered points of a pay scale (``table_point``: Point 1, SCP 43, Step 2), also where the cell starts;
- a pay column (``table_pay``: Salary, Salary band, Pay range, Remuneration), which may hold a range;
- a count of residents (``table_population``: Population, Residents, Usual resident population);
- and what the figures are measured in: thousands or millions of pounds (``in_thousands``:
  £'000, £k, £m, (000s)), an hourly or daily rate (``hourly``, ``daily``), in the header or in the
  caption (the lines just above the table).

Tables are read once per document by the ``dcs_tables`` component and left on ``doc._.dcs_tables``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from councildocs.extract.cues import Cues
from councildocs.extract.numbers import NUMBER, find_money

# A header has at most this many rows; a longer run of rows without figures is a table of words.
MAX_HEADER_ROWS = 3
# A table without a header this close after one with the same columns continues it on the next page
# (only a running footer and header between).
MAX_CONTINUATION_GAP = 300
# A header cell names its column in a few words; a longer one is prose that happens to hold a TAB.
MAX_HEADER_CELL = 100
# The caption is the paragraph just above the table's block: at most its last two lines, and this many characters.
MAX_CAPTION = 300

# A cell that is one figure or a range of two ("120,000", "£ 45.2", "12%", "98,000 – 104,000"): a figure row,
# not a header.
_FIGURE = rf"[£$]?\s?(?:{NUMBER})\s?(?:%|k|m)?"
_FIGURE_CELL = re.compile(rf"(?P<first>{_FIGURE})(?:\s?(?:-|–|—|to)\s?{_FIGURE})?", re.IGNORECASE)
# A financial year or a year ("2023/24", "2024-25", "2024") heads a column of a time series (budgets, outturns).
_YEAR = re.compile(r"(?:19|20)\d\d(?:\s?[/-]\s?(?:19|20)?\d\d)?")


class ColumnKind(Enum):
    POST = "post"
    GRADE = "grade"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    POINT = "point"  # one numbered point of a pay scale ("Point 1", "SCP 43")
    PAY = "pay"
    POPULATION = "population"  # the residents of the row's area
    OTHER = "other"


@dataclass(frozen=True)
class Cell:
    """One cell: ``text == document_text[start:end]`` (empty cells have start == end)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Row:
    """One line of a table: ``start``/``end`` bound the line (without its line break)."""

    start: int
    end: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    index: int
    kind: ColumnKind
    period: str  # "year", "day" or "hour": what one of its figures is paid for
    pounds: bool  # its header writes "£", so a bare figure under it is pounds ("Minimum (£)")
    year: int | None  # the year its header names ("2023/24" is 2023): one period of a time series


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    caption: tuple[int, int] | None  # the paragraph just above the block, when there is one
    header: tuple[Row, ...]
    rows: tuple[Row, ...]  # the rows under the header
    columns: tuple[Column, ...]
    in_thousands: bool  # the header or caption says its figures are £'000 / £m
    not_pay: bool  # the header names budgets, costs, values (cue label "not_pay")

    def of_kind(self, *kinds: ColumnKind) -> list[Column]:
        return [c for c in self.columns if c.kind in kinds]

    @property
    def names_pay(self) -> bool:
        """Whether the header says the figures are pay: a pay column, a minimum and a maximum column, or
        two or more points of a pay scale."""
        return bool(self.of_kind(ColumnKind.PAY)) or bool(
            self.of_kind(ColumnKind.MINIMUM) and self.of_kind(ColumnKind.MAXIMUM)) or len(self.of_kind(ColumnKind.POINT)) >= 2

    @property
    def is_pay_table(self) -> bool:
        """A table whose rows are pay for grades or posts (never one in thousands of pounds)."""
        return self.names_pay and not self.in_thousands

    @property
    def figures_explained(self) -> bool:
        """Whether the header says what the table's figures are, so no sentence-level rule should guess:
        pay (read by the pay-table reader), £'000 or £m, budgets and costs, or a series of years."""
        return bool(self.header) and (self.names_pay or self.in_thousands or self.not_pay
                                      or any(c.year is not None for c in self.columns))

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def _year(cells: list[Cell]) -> int | None:
    """The first year a column's header cells name ("2023/24" → 2023)."""
    found = next((m for c in cells for m in [_YEAR.search(c.text)] if m), None)
    return int(found.group()[:4]) if found else None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _row(text: str, start: int, end: int) -> Row:
    cells, cursor = [], start
    for m in re.finditer(r"\t", text[start:end]):
        cells.append(Cell(cursor, start + m.start(), text[cursor:start + m.start()]))
        cursor = start + m.end()
    cells.append(Cell(cursor, end, text[cursor:end]))
    return Row(start, end, tuple(cells))


# A Markdown table's line: cells between pipes, the outer pipes optional ("| Angus | 116,660 |")
_PIPE_LINE = re.compile(r"[ \t]*\|.*\|[ \t]*")
# the rule under a Markdown table's header: "|---|---|", "| :-- | --: |"
_PIPE_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*")


def _pipe_row(text: str, start: int, end: int) -> Row:
    """A Markdown line's cells: the text between one pipe and the next, the outer pipes left out."""
    pipes = [start + m.start() for m in re.finditer(r"\|", text[start:end])]
    first = pipes[0] + 1 if not text[start:pipes[0]].strip() else start
    last = pipes[-1] if not text[pipes[-1] + 1:end].strip() else end
    bounds = [first] + [p + 1 for p in pipes if first <= p < last] + [last + 1]
    cells = tuple(Cell(a, b - 1, text[a:b - 1]) for a, b in zip(bounds, bounds[1:]))
    return Row(start, end, cells)


def _is_figure_row(row: Row) -> bool:
    """Whether a row holds a figure: an amount or a number alone in its cell. A year heads a column, and a
    zero is a unit ("£000", "Salaries £000s"), so neither makes a header row a row of figures."""
    for cell in row.cells:
        value = cell.text.strip()
        if not value or _YEAR.fullmatch(value):
            continue
        alone = _FIGURE_CELL.fullmatch(value)
        if any(a.value for a in find_money(value)) or (alone and re.search(r"[1-9]", alone.group("first"))):
            return True
    return False


def _caption(text: str, lines: list[tuple[int, int]], first: int) -> tuple[int, int] | None:
    """The paragraph just above line ``first``: its last two lines at most, skipping blank lines between."""
    i = first - 1
    while i >= 0 and not text[lines[i][0]:lines[i][1]].strip():
        i -= 1
    if i < 0 or "\t" in text[lines[i][0]:lines[i][1]]:
        return None
    end = lines[i][1]
    start = lines[i][0]
    if i - 1 >= 0 and text[lines[i - 1][0]:lines[i - 1][1]].strip() and "\t" not in text[lines[i - 1][0]:lines[i - 1][1]]:
        start = lines[i - 1][0]
    return max(start, end - MAX_CAPTION), end


def _column(index: int, header: tuple[Row, ...], cues: Cues, caption_period: str) -> Column:
    cells = [row.cells[index] for row in header]
    written = [c for c in cells if c.text.strip()]

    def any_cell(label: str) -> bool:
        return any(cues.within(label, c.start, c.end) for c in written)

    def starts_a_cell(label: str) -> bool:
        return any(cues.starts_near(label, c.start + len(c.text) - len(c.text.lstrip()), slack=2) and
                   cues.within(label, c.start, c.end) for c in written)

    if not written:
        kind = ColumnKind.POST if index == 0 else ColumnKind.OTHER  # row labels under an empty corner cell
    elif starts_a_cell("table_minimum"):
        kind = ColumnKind.MINIMUM
    elif starts_a_cell("table_maximum"):
        kind = ColumnKind.MAXIMUM
    elif starts_a_cell("table_point"):
        kind = ColumnKind.POINT
    elif any_cell("table_pay"):
        kind = ColumnKind.PAY
    elif any_cell("table_post"):
        kind = ColumnKind.POST
    elif any_cell("table_grade"):
        kind = ColumnKind.GRADE
    elif any_cell("table_population"):
        kind = ColumnKind.POPULATION
    else:
        kind = ColumnKind.OTHER
    # a column's own header says its period; else the caption's ("Hourly rates", "Day rates for interim posts")
    period = ("hour" if any_cell("hourly") else "day" if any_cell("daily") else "year" if any_cell("yearly")
              else caption_period)
    return Column(index=index, kind=kind, period=period, pounds=any("£" in c.text for c in written),
                  year=_year(written))


def _table(text: str, lines: list[tuple[int, int]], first: int, last: int, cues: Cues,
           rows: list[Row] | None = None, n_header: int | None = None) -> Table | None:
    """The table on lines ``first``..``last``: TAB rows unless ``rows`` are given, the header found from where the
    figures start unless ``n_header`` (a Markdown table's rule) says where it ends."""
    rows = rows if rows is not None else [_row(text, *lines[i]) for i in range(first, last + 1)]
    if all(not row.cells[0].text.strip() for row in rows) or all(not row.cells[-1].text.strip() for row in rows):
        return None  # lines indented with a TAB, or ending with one: not a table
    if n_header is None:
        n_header = 0
        while n_header < len(rows) and not _is_figure_row(rows[n_header]):
            n_header += 1
    if n_header == len(rows):
        n_header = 1  # a table of words: its first row is the header
    elif n_header > MAX_HEADER_ROWS:
        return None  # words above figures, too many to be a header: not a table we can read
    header, body = tuple(rows[:n_header]), tuple(rows[n_header:])
    if any(len(cell.text) > MAX_HEADER_CELL for row in header for cell in row.cells):
        return None  # a sentence, not a column's name
    if not body:
        return None
    caption = _caption(text, lines, first)

    def in_header(label: str) -> bool:
        return any(cues.within(label, c.start, c.end) for row in header for c in row.cells)

    caption_period = ("hour" if caption and cues.within("hourly", *caption)
                      else "day" if caption and cues.within("daily", *caption) else "year")
    columns = tuple(_column(i, header, cues, caption_period) for i in range(len(rows[0].cells)))
    return Table(start=rows[0].start, end=rows[-1].end, caption=caption, header=header, rows=body, columns=columns,
                 # a unit may be given in the caption ("Budget (£'000)"); the caption's other words are prose
                 # ("a competitive salary and pension") and do not say what the columns hold
                 in_thousands=in_header("in_thousands") or (caption is not None and cues.within("in_thousands", *caption)),
                 not_pay=in_header("not_pay"))


def find_tables(text: str, cues: Cues) -> list[Table]:
    """Every block of two or more consecutive lines holding the same number (at least one) of TABs, and every
    Markdown table, in the order they come."""
    return sorted(_tab_tables(text, cues) + _pipe_tables(text, cues), key=lambda table: table.start)


def _runs(lines: list[tuple[int, int]], key) -> list[tuple[int, int]]:
    """(first, last) of every run of consecutive lines whose ``key`` is the same and not falsy."""
    runs, i = [], 0
    while i < len(lines):
        k = key(lines[i])
        j = i
        while k and j + 1 < len(lines) and key(lines[j + 1]) == k:
            j += 1
        if k:
            runs.append((i, j))
        i = j + 1
    return runs


def _pipe_tables(text: str, cues: Cues) -> list[Table]:
    """Every Markdown table: consecutive pipe lines with as many cells, the rule under the header left out."""
    if "|" not in text:
        return []
    lines = _lines(text)
    tables: list[Table] = []
    for i, j in _runs(lines, lambda line: bool(_PIPE_LINE.fullmatch(text, *line))):
        rows, n_header = [], None
        for k in range(i, j + 1):
            if _PIPE_RULE.fullmatch(text, *lines[k]):
                n_header = len(rows) if n_header is None else n_header
            else:
                rows.append(_pipe_row(text, *lines[k]))
        widths = {len(row.cells) for row in rows}
        if len(rows) >= 2 and len(widths) == 1 and widths != {1}:
            table = _table(text, lines, i, j, cues, rows=rows, n_header=n_header)
            if table is not None:
                tables.append(table)
    return tables


def _tab_tables(text: str, cues: Cues) -> list[Table]:
    """Every block of two or more consecutive lines holding the same number (at least one) of TABs."""
    if "\t" not in text:
        return []
    lines = _lines(text)
    tables: list[Table] = []
    for i, j in _runs(lines, lambda line: text.count("\t", *line)):
        if j > i:
            table = _table(text, lines, i, j, cues)
            if table is not None:
                tables.append(_continued(tables[-1], table) if tables else table)
    return tables


def _continued(previous: Table, table: Table) -> Table:
    """A headerless table just after one with as many columns is its continuation on the next page: it reads
    its columns by that table's header."""
    if table.header or not previous.header or len(table.columns) != len(previous.columns):
        return table
    if table.start - previous.end > MAX_CONTINUATION_GAP:
        return table
    return replace(table, header=previous.header, columns=previous.columns, caption=previous.caption,
                   in_thousands=previous.in_thousands, not_pay=previous.not_pay)
