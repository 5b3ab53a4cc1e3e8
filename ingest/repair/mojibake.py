"""ftfy for ordinary mojibake: ``Childrenâ€™s`` → ``Children’s``, ``Â£`` → ``£``.

Runs after glyph repair, because some of ftfy's fixers would destroy glyph evidence. Its
configuration is narrowed to mojibake and invisible junk:

- ``uncurl_quotes=False``: curly quotes are the document's own, and evidence quotes them;
- ``fix_latin_ligatures=False``: it turns the glyph letter ``Ǉ`` into ``LJ``;
- ``fix_character_width=False``: full-width forms are text, not an encoding accident;
- ``unescape_html=False``: HTML is parsed as HTML; ``&amp;`` in a text file is what it says;
- ``fix_line_breaks=False``: line ends are the whitespace step's job, logged as whitespace.
"""

from __future__ import annotations

import ftfy

from councildocs.ingest.models import RepairStep
from councildocs.ingest.repair.registry import Draft, count_changed

NAME = "ftfy"

CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    unescape_html=False,
    fix_line_breaks=False,
)


def repair_mojibake(draft: Draft) -> list[RepairStep]:
    changed = 0
    fixers: set[str] = set()
    for i, page in enumerate(draft.pages):
        fixed = ftfy.fix_text(page, CONFIG)
        if fixed == page:
            continue
        changed += count_changed(page, fixed)
        fixers.update(name for _, name in ftfy.fix_and_explain(page, CONFIG).explanation or [])
        draft.pages[i] = fixed
    if not changed:
        return []
    return [RepairStep(NAME, changed, None, ", ".join(sorted(fixers)))]
