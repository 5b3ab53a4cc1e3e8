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


def map_pages(draft: Draft, fix: Callable[[str], str]) -> int:
    """Replace every page by ``fix(page)``; the number of characters changed."""
    changed = 0
    for i, page in enumerate(draft.pages):
        fixed = fix(page)
        if fixed != page:
            changed += count_changed(page, fixed)
            draft.pages[i] = fixed
    return changed


def count_changed(before: str, after: str) -> int:
    """Characters changed between two texts: replaced, inserted or deleted, counted once each.

    Lines are compared first so that the character-level comparison only runs on lines that differ
    (SequenceMatcher is quadratic in the worst case).
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
        old = "".join(old_lines[i1:i2])
        new = "".join(new_lines[j1:j2])
        chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for cop, a1, a2, b1, b2 in chars.get_opcodes():
            if cop != "equal":
                changed += max(a2 - a1, b2 - b1)
    return changed
