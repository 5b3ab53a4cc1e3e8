"""Choose the span a fact cites: its sentence when short, else a window around the figures."""

from __future__ import annotations

from councildocs.extract.text_view import TextView

MAX_EVIDENCE = 260


def evidence_span(view: TextView, start: int, end: int, anchor_start: int | None = None) -> tuple[int, int]:
    """The sentence holding [start, end), trimmed; long sentences give a window that keeps the whole match."""
    s_start, s_end = view.sentence_bounds(start)
    s_end = max(s_end, end)
    if anchor_start is not None:
        s_start = anchor_start
    if s_end - s_start > MAX_EVIDENCE:
        lo = min(start, anchor_start if anchor_start is not None else start)
        s_start = max(s_start, lo - 80)
        s_end = min(s_end, max(end + 60, s_start + 40))
        # do not cut a word in half
        while s_start > 0 and not view.flat[s_start - 1].isspace() and s_start > lo - 100:
            s_start -= 1
        while s_end < len(view.flat) and not view.flat[s_end].isspace():
            s_end += 1
    return view.evidence_bounds(s_start, s_end)
