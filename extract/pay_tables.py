"""Salary facts from pay tables: one fact per grade or post of a table whose header names pay.

A pay policy statement's grade table ("Grade | Minimum | Maximum") or a senior-pay table ("Post |
Salary band", with "£120,000 - £130,000" in its cells) is the most authoritative salary source a
council publishes. Each of its rows whose label cell names a grade or a post is one salary: the role
is the label as written, the figures come from the row's minimum and maximum columns, its numbered
points (first to last) or its pay column (a single figure gives min = max), and the evidence is the
row's own line. A grade written
once beside several spinal points (the rows under it leave the label empty) is one salary from its
first point to its last, its evidence those rows. Tables are read by ``extract/tables.py``; a table
in thousands of pounds, an hourly column or a row that is a total gives nothing.
"""

from __future__ import annotations

import re

from councildocs.extract.candidates import Candidate
from councildocs.extract.numbers import NUMBER, Amount, as_int_or_float, find_money, parse_number
from councildocs.extract.roles import categorise_role
from councildocs.extract.salaries import PAY_BOUNDS, bare_upper_bound, salary_key
from councildocs.extract.tables import Cell, Column, ColumnKind, Row, Table

# "120,000" or "120,000 - 130,000" alone in a cell under a header or caption that writes "£"
_BARE_FIGURES = re.compile(rf"\s*(?P<low>{NUMBER})(?:\s*(?:-|–|—|to)\s*(?P<high>{NUMBER}))?\s*", re.IGNORECASE)
# "up to £90,000" in a pay cell: a maximum alone
_UP_TO = re.compile(r"\b(?:up\s+to|max(?:imum)?\.?(?:\s+of)?)\s*$", re.IGNORECASE)
_CONFIDENCE = 0.9


def _amounts(text: str, cell: Cell, pounds_stated: bool) -> list[Amount]:
    """The figures of a cell, in pounds; a bare number counts only where the column or caption writes "£"."""
    # "£0.1m" is budget language: nobody writes a post's pay in millions
    found = [a for a in find_money(text, cell.start, cell.end) if not a.negative and not a.in_millions]
    if not found and pounds_stated:
        bare = _BARE_FIGURES.fullmatch(text, cell.start, cell.end)
        if bare:
            found = [Amount(value=parse_number(bare.group(g)), start=bare.start(g), end=bare.end(g))
                     for g in ("low", "high") if bare.group(g)]
    return found


def _pay_cell_range(text: str, cell: Cell, pounds_stated: bool) -> tuple[float | None, float] | None:
    """A pay cell's (min, max): "£120,000 - £130,000", "£113,205 - 138,362", "£165,000", "up to £90,000"."""
    amounts = _amounts(text, cell, pounds_stated)
    if not amounts:
        return None
    low = amounts[0]
    if len(amounts) >= 2:
        return (low.value, amounts[1].value) if amounts[1].value >= low.value else None
    pair = bare_upper_bound(text, low)
    if pair is not None:
        return pair[0].value, pair[1].value
    if _UP_TO.search(text, cell.start, low.start):
        return None, low.value
    return low.value, low.value


def _row_range(text: str, table: Table, row: Row, pounds_in_caption: bool) -> tuple[tuple[float | None, float], str] | None:
    """The row's (min, max) and period, from its minimum and maximum columns, else the points of a pay scale
    (first to last), else its pay column (the first, or the latest year's where they name years)."""
    def usable(column: Column) -> bool:
        return column.period != "hour"  # hourly rates are not a post's pay

    minimum = next((c for c in table.of_kind(ColumnKind.MINIMUM) if usable(c)), None)
    maximum = next((c for c in table.of_kind(ColumnKind.MAXIMUM) if usable(c)), None)
    if minimum is not None and maximum is not None:
        lows = _amounts(text, row.cells[minimum.index], minimum.pounds or pounds_in_caption)
        highs = _amounts(text, row.cells[maximum.index], maximum.pounds or pounds_in_caption)
        if lows and highs:
            return (lows[0].value, highs[0].value), maximum.period
        return None  # one end alone does not say what the post is paid
    points = [c for c in table.of_kind(ColumnKind.POINT) if usable(c)]
    if len(points) >= 2:
        # "Director | £100,000 | £102,000 | £104,000" under "Grade | Point 1 | Point 2 | Point 3": first point to last
        values = []
        for column in points:
            found = _amounts(text, row.cells[column.index], column.pounds or pounds_in_caption)
            values.extend(found[:1])
        values = [amount.value for amount in values]
        if values and all(higher >= lower for lower, higher in zip(values, values[1:])):
            return (values[0], values[-1]), points[0].period
        return None  # points that do not climb are not one grade's scale
    # "2023/24 salary | 2024/25 salary": the latest year's pay
    pay_columns = sorted(table.of_kind(ColumnKind.PAY), key=lambda c: -(c.year or 0))
    for column in pay_columns:
        if not usable(column):
            continue
        found = _pay_cell_range(text, row.cells[column.index], column.pounds or pounds_in_caption)
        if found is not None:
            return found, column.period
    return None


def _label(table: Table, row: Row) -> Cell | None:
    """The row's post, else its grade: the cell a benchmark names the row by."""
    for kind in (ColumnKind.POST, ColumnKind.GRADE):
        for column in table.of_kind(kind):
            cell = row.cells[column.index]
            if cell.text.strip():
                return cell
    return None


def _role(doc, cell: Cell) -> tuple[str, str]:
    """The label as written (trimmed) and its role category. A label whose words do not say the role takes
    the category of a title inside it ("Corporate Director of People (statutory DCS and DASS)") or that the
    text makes statutory elsewhere ("Executive Director of People … the statutory DCS")."""
    title = cell.text.strip()
    category = categorise_role(title)
    if category == "other":
        inside = (r for r in doc._.dcs_roles or [] if cell.start <= r.start and r.end <= cell.end and r.category != "other")
        mention = next(inside, None)
        if mention is not None:
            category = mention.category
    return title, category


def _is_a_post_or_grade(cues, cell: Cell) -> bool:
    """A label with letters that is not a total or a statistic over the rows ("Total", "Median")."""
    value = cell.text.strip()
    return (len(value) >= 2 and any(ch.isalpha() for ch in value)
            and not cues.within("table_total", cell.start, cell.end)
            and not cues.within("pay_statistic", cell.start, cell.end))


def _labelled_rows(table: Table) -> list[tuple[Cell, list[Row]]]:
    """The rows under each label: a row whose label cell is empty continues the row above it (a grade
    written once beside its several spinal points, as a merged cell)."""
    groups: list[tuple[Cell, list[Row]]] = []
    for row in table.rows:
        label = _label(table, row)
        if label is not None:
            groups.append((label, [row]))
        elif groups and any(c.text.strip() for c in row.cells):
            groups[-1][1].append(row)
    return groups


def _group_range(text: str, table: Table, rows: list[Row], pounds_in_caption: bool
                 ) -> tuple[tuple[float | None, float], str] | None:
    """The pay of a label's rows: its one row's range, or from the first point to the last of several rows
    that climb, as a grade's spinal points do (anything else, such as a total under an empty label, is no range)."""
    found = [_row_range(text, table, row, pounds_in_caption) for row in rows]
    if any(f is None for f in found) or len({period for _, period in found}) != 1:
        return None
    ranges = [r for r, _ in found]
    if len(ranges) == 1:
        return found[0]
    lows = [low for low, _ in ranges]
    highs = [high for _, high in ranges]
    if None in lows or any(b < a for a, b in zip(highs, lows[1:])) or highs[-1] > 2 * lows[0]:
        return None
    return (lows[0], highs[-1]), found[0][1]


def find_table_salaries(doc, view) -> list[Candidate]:
    """One salary candidate per grade or post of every pay table on ``doc._.dcs_tables``."""
    text = view.text
    cues = doc._.dcs_cues
    candidates = []
    for table in doc._.dcs_tables or []:
        if not table.is_pay_table:
            continue
        pounds_in_caption = table.caption is not None and "£" in text[table.caption[0]:table.caption[1]]
        for label, rows in _labelled_rows(table):
            if not _is_a_post_or_grade(cues, label):
                continue
            found = _group_range(text, table, rows, pounds_in_caption)
            if found is None:
                continue
            (low, high), period = found
            lowest, highest = PAY_BOUNDS[period]
            if not all(lowest <= v <= highest for v in (low, high) if v is not None):
                continue
            if low is not None and low > high:
                continue
            role, category = _role(doc, label)
            fields = {
                "authorities": [],  # filled by the assembler, as for every salary
                "role": role,
                "role_category": category,
                "min_gbp": None if low is None else as_int_or_float(low),
                "max_gbp": as_int_or_float(high),
                "period": period,
            }
            start, end = view.evidence_bounds(rows[0].start, rows[-1].end)
            candidates.append(Candidate("salary", fields, start, end, _CONFIDENCE, dedupe_key=salary_key(fields)))
    return candidates
