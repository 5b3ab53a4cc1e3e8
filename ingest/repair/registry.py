"""The repair registry: named repairers applied in order to a document's pages.

Like ftfy's fixers, every repairer has a name and explains itself: it returns one ``RepairStep``
for each change it made, and nothing when it changed nothing, so the repair log of a document that
needed no repair is empty and every repaired character can be traced to a method.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from councildocs.ingest.models import RepairStep

if TYPE_CHECKING:
    from councildocs.ingest.pdf import PdfGlyphs


@dataclass
class Draft:
    """A document's text while it is being repaired, page by page.

    Repairs work per page so that page boundaries (and so ``page_starts``) survive every repair.
    ``glyphs`` gives character-level access to a PDF for repairers that work below the text.
    """

    media_type: str
    pages: list[str]
    glyphs: PdfGlyphs | None = None
    log: list[RepairStep] = field(default_factory=list)


RepairFn = Callable[[Draft], list[RepairStep]]

MAX_CHAR_DIFF = 20_000


@dataclass(frozen=True)
class Repairer:
    name: str
    run: RepairFn
    media_types: frozenset[str] = frozenset({"pdf", "text", "html"})
    doc: str = ""


def run_repairers(draft: Draft, repairers: Sequence[Repairer]) -> Draft:
    """Apply each repairer that handles this media type, in order, collecting its steps."""
    for repairer in repairers:
        if draft.media_type in repairer.media_types:
            draft.log.extend(step for step in repairer.run(draft) if step.chars_changed > 0)
    return draft


def map_pages(draft: Draft, fix: Callable[[str], str], count: Callable[[str, str], int] | None = None) -> int:
    """Replace every page by ``fix(page)``; the number of characters changed.

    ``count`` says how many characters a fix changed; a fix that only deletes (``deleted``) or
    only substitutes (``substituted``) counts exactly and cheaply, others use ``count_changed``.
    """
    count = count or count_changed
    changed = 0
    for i, page in enumerate(draft.pages):
        fixed = fix(page)
        if fixed != page:
            changed += count(page, fixed)
            draft.pages[i] = fixed
    return changed


def deleted(before: str, after: str) -> int:
    return len(before) - len(after)


def substituted(before: str, after: str) -> int:
    return sum(a != b for a, b in zip(before, after))


def count_changed(before: str, after: str) -> int:
    """Characters changed between two texts: replaced, inserted or deleted, counted once each.

    Lines are aligned first and characters are compared only inside the small blocks of lines
    that differ (character-level SequenceMatcher is slow, and its alignment poor, on big blocks).
    A block too big to compare counts as wholly changed, so the count never understates.
    """
    if before == after:
        return 0
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    changed = 0
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        if op == "equal":
            continue
        if i2 - i1 == j2 - j1:
            pairs = zip(old_lines[i1:i2], new_lines[j1:j2])
        else:
            pairs = iter([("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))])
        changed += sum(_count_chars(old, new) for old, new in pairs)
    return changed


def _count_chars(old: str, new: str) -> int:
    if old == new:
        return 0
    if not old or not new or len(old) + len(new) > MAX_CHAR_DIFF:
        return max(len(old), len(new))
    chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(max(a2 - a1, b2 - b1) for op, a1, a2, b1, b2 in chars.get_opcodes() if op != "equal")
