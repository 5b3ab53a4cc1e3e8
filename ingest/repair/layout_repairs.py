"""Layout repairs (``councildocs.ingest.layout``) as registry entries, one log step per kind."""

from __future__ import annotations

from councildocs.ingest import layout
from councildocs.ingest.models import RepairStep
from councildocs.ingest.repair.registry import Draft, deleted, map_pages, substituted


def repair_layout(draft: Draft) -> list[RepairStep]:
    steps = [
        RepairStep("layout", map_pages(draft, layout.map_bullets, substituted), None, "private-use bullets → •"),
        RepairStep("layout", map_pages(draft, layout.join_hyphenated), None, "line-end hyphenation joined"),
        RepairStep("layout", map_pages(draft, layout.split_glued_speakers), None, "speakers' names split from their speech"),
    ]
    if draft.media_type == "pdf":
        before = list(draft.pages)
        draft.pages[:] = layout.drop_running_lines(draft.pages)
        dropped = sum(deleted(old, new) for old, new in zip(before, draft.pages))
        steps.append(RepairStep("layout", dropped, None, "running headers, footers and page numbers dropped"))
    return steps


def repair_whitespace(draft: Draft) -> list[RepairStep]:
    return [RepairStep("whitespace", map_pages(draft, layout.normalise_whitespace, deleted), None, "trailing spaces, blank-line runs")]
