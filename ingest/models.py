"""The hand-off from ingest to extract."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RepairStep:
    """One repair that changed text: which method, how many characters, and for which font."""

    method: str
    chars_changed: int
    font: str | None = None
    detail: str = ""

    def to_dict(self) -> dict:
        return {"method": self.method, "chars_changed": self.chars_changed, "font": self.font, "detail": self.detail}


@dataclass(frozen=True)
class Provenance:
    """Where a document was published (ingest/provenance.py reads it from a `sources.csv`).

    ``fictional`` marks a document the project wrote itself (the example documents under corpus/):
    its figures are about real councils' names but are invented, so they are labelled as such
    wherever they are shown and never enter a benchmark of real posts.
    """

    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    licence: str | None = None
    fictional: bool = False


@dataclass
class RepairedDocument:
    """A document read and repaired: the text every fact's evidence offsets point into.

    ``page_starts[i]`` is the offset in ``text`` where page ``i + 1`` begins.
    """

    source: str
    sha256: str
    media_type: str  # "pdf", "text" or "html"
    pages: int
    raw_text: str
    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])
    repair_log: list[RepairStep] = field(default_factory=list)
    provenance: Provenance | None = None

    def page_at(self, offset: int) -> int:
        """The 1-based page holding character ``offset`` of the repaired text."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    @property
    def repair_methods(self) -> list[str]:
        seen: list[str] = []
        for step in self.repair_log:
            if step.method not in seen:
                seen.append(step.method)
        return seen

    @property
    def chars_changed(self) -> int:
        return sum(step.chars_changed for step in self.repair_log)
