"""Which council a passage is about: the one its sentence names, else the one the text was last about.

Appointment news tells career histories ("joins from Suffolk County Council, where she has been
director of children's social care"): councils and posts named there are the person's past, not
what the passage is about, so they are left out of the scope.
"""

from __future__ import annotations

import bisect
import re

# How far back a council named in an earlier sentence still sets the subject ("Sandwell … has
# appointed … The council expects to advertise the role at up to £145,000").
SCOPE_CHARS = 600
_CAREER_CLAUSE = re.compile(
    r"\b(?:(?:joins?|joined|joining|comes|came|moves?|moved|arrives?|arrived)\s+(?:us\s+)?from|"
    r"where\s+(?:she|he|they)\s+(?:has|have|had|was|were|is)|who\s+(?:has|had)\s+been|who\s+was|previously|formerly|began\s+(?:her|his|their)\s+career|"
    r"(?:she|he|they)\s+(?:was|were|has\s+been)\s+(?:previously|formerly)|currently)\b[^.;,]*", re.I)


def career_spans(doc) -> list[tuple[int, int]]:
    """Spans of the text that tell someone's career history, computed once per document."""
    if doc._.dcs_career_spans is None:
        doc._.dcs_career_spans = [(m.start(), m.end()) for m in _CAREER_CLAUSE.finditer(doc._.dcs_view.flat)]
    return doc._.dcs_career_spans


def in_career(doc, pos: int) -> bool:
    spans = career_spans(doc)
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _scope_mentions(doc) -> tuple[list, list[int]]:
    """Council mentions outside career histories in text order, and their starts (once per document:
    a long committee paper asks for them for every figure it holds)."""
    if doc._.dcs_scope_mentions is None:
        mentions = sorted((m for m in doc._.dcs_authority_mentions if not in_career(doc, m.start)),
                          key=lambda m: m.start)
        doc._.dcs_scope_mentions = (mentions, [m.start for m in mentions])
    return doc._.dcs_scope_mentions


def _mentions_between(doc, start: int, end: int) -> list:
    mentions, starts = _scope_mentions(doc)
    return mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


# How far back a council named in an earlier sentence still sets the subject ("Sandwell … has
# appointed … The council expects to advertise the role at up to £145,000").
SCOPE_CHARS = 600


def recent_authority(doc, pos: int) -> str | None:
    """The last council named before ``pos`` within SCOPE_CHARS, if the document is about it."""
    about = set(doc._.dcs_document_authorities or [])
    for m in reversed(_mentions_between(doc, max(0, pos - SCOPE_CHARS - 200), pos)):
        if m.end > pos:
            continue
        if pos - m.end > SCOPE_CHARS:
            return None
        if m.gss in about:
            return m.gss
    return None


# "It serves 90,900 residents" refers back; "It was noted that …", "It is expected to …", "It is important that …"
# do not (an expletive "it" opens the sentence without standing for anything)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:It|Its|It['’]s)\b(?!\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|may\s+be|"
                              r"could\s+be|can\s+be|should\s+be|seems|seemed|appears|appeared)\s+(?:(?:\w+\s+){0,2}?that\b|"
                              r"(?:also\s+|now\s+|widely\s+|generally\s+)?(?:noted|agreed|reported|resolved|stated|explained|confirmed|"
                              r"highlighted|recognised|acknowledged|expected|estimated|anticipated|proposed|recommended|likely|"
                              r"unlikely|important|essential|clear|possible|necessary|vital|hoped|believed|understood|considered|"
                              r"felt|thought|suggested|planned|intended)\b))")
_SUBJECT_LEAD = re.compile(r"\s*(?:the\s+)?$", re.I)


def _paragraph_subject(doc, s_start: int, sentences: int = 3) -> str | None:
    """The council one of the few sentences before ``s_start`` in its paragraph opens with as its subject."""
    view = doc._.dcs_view
    pos = s_start
    for _ in range(sentences):
        if pos <= 0 or "\n\n" in view.text[max(0, pos - 2):pos + 1]:
            return None
        bounds = view.sentence_bounds(pos - 1)
        subject = _subject_of(doc, bounds)
        if subject is not None:
            return subject
        if "\n\n" in view.text[bounds[0]:pos]:
            return None
        pos = bounds[0]
    return None


def _subject_of(doc, bounds: tuple[int, int]) -> str | None:
    """The council a sentence opens with as its subject ("High Peak Borough Council is …"), if any."""
    s_start, s_end = bounds
    for m in _mentions_between(doc, s_start, s_end):
        return m.gss if _SUBJECT_LEAD.fullmatch(doc._.dcs_view.flat[s_start:m.start]) else None
    return None


_THE_COUNCIL = re.compile(r"\bthe\s+(?:borough|council|authority|county|city|district)\b(?!\s+of\b)", re.I)
# "the county", "the city's" ("the county town" is a town of the county, not the county)
_DESCRIBED = re.compile(r"\bthe\s+(county|city|island)(?:\s+council|['’]s)?\b(?!\s+town)", re.I)


def _outside_careers(doc, start: int, end: int) -> str:
    """The text from ``start`` to ``end`` with career-history clauses blanked out."""
    chars = list(doc._.dcs_view.flat[start:end])
    for s, e in career_spans(doc):
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def _described_authority(doc, sentence: str) -> str | None:
    """ "The county council, which serves …": the one county (or city) among the councils the document is about."""
    m = _DESCRIBED.search(sentence)
    if not m:
        return None
    from councildocs.extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    about = [gazetteer.by_gss[g] for g in doc._.dcs_document_authorities or []]
    kind = m.group(1).lower()
    if kind == "county":
        matching = [a.gss for a in about if a.type == "CTY"]
    elif kind == "island":
        matching = [a.gss for a in about if "isle" in a.name.lower()]
    else:
        matching = [a.gss for a in about if "city" in a.name.lower()]
    return matching[0] if len(matching) == 1 and len(about) >= 2 else None


def sentence_authority(doc, start: int, end: int) -> str | None:
    """The authority a figure belongs to: the one its sentence names (the nearest before it when several),
    else the council the text was last about, else the document's one main authority, else None."""
    view = doc._.dcs_view
    s_start, s_end = view.sentence_bounds(start)
    in_sentence = _mentions_between(doc, s_start, max(s_end, end))
    named = {m.gss for m in in_sentence}
    if len(named) == 1:
        return next(iter(named))
    before = [m for m in in_sentence if m.end <= start]
    if before:
        return before[-1].gss
    if named:
        # "She will lead a county of over 1.5 million people and take the Essex seat on …": the council
        # the text was about, when the sentence goes on to name it
        recent = recent_authority(doc, s_start)
        return recent if recent in named else None
    described = _described_authority(doc, _outside_careers(doc, s_start, max(s_end, end)))
    if described is not None:
        return described
    main = doc._.dcs_main_authorities or []
    if len(main) == 1 and _THE_COUNCIL.search(view.flat[s_start:start]):
        return main[0]  # "The borough is home to …" in a document about one council
    if _PRONOUN_SUBJECT.match(view.flat, s_start):
        # "High Peak Borough Council … occupies the North West of Derbyshire … 30% of the district is rural. It
        # serves 90,900 residents": "it" is the council the paragraph is about, not the one it named last
        subject = _paragraph_subject(doc, s_start)
        if subject is not None:
            return subject
    recent = recent_authority(doc, s_start)
    if recent is not None and (len(main) != 1 or recent in main or len(doc._.dcs_document_authorities or []) > 2):
        return recent
    return main[0] if len(main) == 1 else None
