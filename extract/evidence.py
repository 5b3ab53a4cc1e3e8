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


def sentence_authority(doc, start: int, end: int) -> str | None:
    """The single authority named in the sentence, else the document's one main authority, else None."""
    view = doc._.dcs_view
    s_start, s_end = view.sentence_bounds(start)
    in_sentence = [m for m in doc._.dcs_authority_mentions if s_start <= m.start < max(s_end, end)]
    named = {m.gss for m in in_sentence}
    if len(named) == 1:
        return next(iter(named))
    before = [m for m in in_sentence if m.end <= start]
    if before:
        return before[-1].gss
    main = doc._.dcs_main_authorities
    if not named and len(main) == 1:
        return main[0]
    return None
