"""Characters drawn more than once at one place: "fake bold", as some producers of council PDFs write bold text
(each glyph printed two or more times, a fraction of a point apart), which pdfplumber reads as "LLOOWW iinnccoommee".

pdfplumber's own ``dedupe_chars`` does this, but restores the characters' order with ``list.index``, which is
quadratic in the page's characters; this keeps the first of each group in one pass over a grid of positions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

# How far apart two prints of one glyph may be, as a share of the font size: fake bold shifts by a fraction of a
# point, while the narrowest real neighbours ("ll", "ii") are a quarter of an em apart or more.
OVERPRINT_EM = 0.1


def without_overprint(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``chars`` in their order, without each character that repeats an earlier one's text, font and size at
    (nearly) the same place."""
    kept: list[dict[str, Any]] = []
    spots: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for char in chars:
        size = char.get("size") or 0.0
        reach = max(size * OVERPRINT_EM, 0.01)
        x, y = char["x0"], char["top"]
        glyph = (char["text"], char.get("fontname"), round(size, 2), char.get("upright"))
        cell = (math.floor(x / reach), math.floor(y / reach))
        if any(abs(x - x0) <= reach and abs(y - y0) <= reach
               for dx in (-1, 0, 1) for dy in (-1, 0, 1)
               for x0, y0 in spots.get((glyph, cell[0] + dx, cell[1] + dy), ())):
            continue
        spots[(glyph, *cell)].append((x, y))
        kept.append(char)
    return kept
