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


# How far back a council named in an earlier sentence still sets the subject ("Sandwell … has
# appointed … The council expects to advertise the role at up to £145,000").
SCOPE_CHARS = 600


def recent_authority(doc, pos: int) -> str | None:
    """The last council named before ``pos`` within SCOPE_CHARS, if the document is about it."""
    about = set(doc._.dcs_document_authorities or [])
    for m in reversed(doc._.dcs_authority_mentions):
        if m.end > pos:
            continue
        if pos - m.end > SCOPE_CHARS:
            return None
        if m.gss in about:
            return m.gss
    return None


def sentence_authority(doc, start: int, end: int) -> str | None:
    """The authority a figure belongs to: the one its sentence names (the nearest before it when several),
    else the council the text was last about, else the document's one main authority, else None."""
    view = doc._.dcs_view
    s_start, s_end = view.sentence_bounds(start)
    in_sentence = [m for m in doc._.dcs_authority_mentions if s_start <= m.start < max(s_end, end)]
    named = {m.gss for m in in_sentence}
    if len(named) == 1:
        return next(iter(named))
    before = [m for m in in_sentence if m.end <= start]
    if before:
        return before[-1].gss
    if named:
        return None
    main = doc._.dcs_main_authorities or []
    recent = recent_authority(doc, s_start)
    if recent is not None and (len(main) != 1 or recent in main or len(doc._.dcs_document_authorities or []) > 2):
        return recent
    return main[0] if len(main) == 1 else None
