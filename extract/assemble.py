"""Turn the candidates components left on a Doc into facts: employers resolved, repeats dropped.

Two steps, because a Doc knows its text but not its pages. :func:`assemble_facts` works on the Doc
alone (the ``dcs_facts`` component runs it, so any pipeline's Doc carries its facts, as candidates
in ``doc._.dcs_facts`` and as labelled spans in ``doc.spans["dcs_facts"]``); :func:`extraction_from_doc`
then gives each fact its evidence and page from the repaired document.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, SpanGroup

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import sentence_authority
from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.shared import distinctive_words
from councildocs.extract.models import AuthorityRef, Evidence, Extraction, Fact
from councildocs.ingest.models import RepairedDocument


_TODAYS_POST = re.compile(r"\b(?:current|existing|present)\b", re.I)
_SHARED_WORDS = re.compile(r"\b(?:shared|joint|both|split|each\s+council)\b", re.I)


def _same_post(salary: Candidate, post: Candidate) -> bool:
    """A statutory post is one per council; service and assistant directors are told apart by their area."""
    if post.fields["role_category"] not in {"service_director", "assistant_director"}:
        return True
    mine = distinctive_words(salary.fields.get("role") or "")
    return not mine or bool(mine & distinctive_words(post.fields["post"]))


def _salary_authorities(doc: Doc, salary: Candidate, shared_posts: list[Candidate]) -> list[str]:
    """The employer(s): the councils sharing the post it pays, else the council the text is about there."""
    local = sentence_authority(doc, salary.start, salary.end)
    category = salary.fields["role_category"]
    sentence = doc._.dcs_view.flat[salary.start:salary.end]
    # "Harborough's current Chief Executive is paid …": today's single-council post, not the shared one proposed
    todays_post = bool(_TODAYS_POST.search(sentence)) and not _SHARED_WORDS.search(sentence)
    for post in shared_posts:
        if (post.fields["role_category"] == category and post.fields["status"] in {"current", "proposed"}
                and (local is None or local in post.fields["authorities"]) and _same_post(salary, post)
                and not (todays_post and post.fields["status"] == "proposed")):
            return list(post.fields["authorities"])
    if local is not None:
        return [local]
    main = doc._.dcs_main_authorities or []
    return main[:1]


# The span group doc.spans[FACT_SPANS_KEY] holds one span per fact, labelled with the fact's kind, so
# spaCy's displacy shows them: displacy.render(doc, style="span", options={"spans_key": FACT_SPANS_KEY}).
FACT_SPANS_KEY = "dcs_facts"


def assemble_facts(doc: Doc) -> list[Candidate]:
    """The candidates on ``doc`` that are its facts, in evidence order: each salary's employers resolved,
    then repeats of one fact dropped (the first, most confident mention kept)."""
    candidates: list[Candidate] = list(doc._.dcs_candidates or [])
    shared_posts = [c for c in candidates if c.kind == "shared_post"]
    for c in candidates:
        if c.kind == "salary":
            c.fields["authorities"] = _salary_authorities(doc, c, shared_posts)
            c.dedupe_key = c.dedupe_key + (tuple(c.fields["authorities"]),)

    facts: list[Candidate] = []
    seen: set = set()
    for c in sorted(candidates, key=lambda c: (c.start, -c.confidence)):
        key = c.dedupe_key or (c.kind, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        facts.append(c)
    return facts


def fact_spans(doc: Doc, facts: list[Candidate]) -> SpanGroup:
    """One span per fact over its evidence, labelled with its kind. Evidence is a character span, and
    may start or end inside a token (in a web table whose cells run together, the evidence "Isle of
    Anglesey68,877" starts inside the token "WalesIsle"), so a span is widened to whole tokens where it
    must be; elsewhere its text is the evidence."""
    spans = []
    for fact in facts:
        span = doc.char_span(fact.start, fact.end, label=fact.kind, alignment_mode="expand")
        if span is None:  # only for offsets outside the text, which evidence never has
            raise ValueError(f"{fact.kind} evidence at {fact.start}:{fact.end} lies outside the text")
        spans.append(span)
    return SpanGroup(doc, name=FACT_SPANS_KEY, spans=spans)


def extraction_from_doc(doc: Doc, document: RepairedDocument) -> Extraction:
    """The Extraction of a Doc the whole pipeline has run on: its facts (``dcs_facts``) with their evidence
    as ``document.text[start:end]`` and its page, its type and the authorities it is about."""
    if doc._.dcs_facts is None:
        raise ValueError("[DCS002] extraction_from_doc needs the 'dcs_facts' component at the end of the pipeline; "
                         "add the components with councildocs.extract.nlp.add_fact_components(nlp).")
    facts = [Fact(kind=c.kind, fields=c.fields, confidence=c.confidence,
                  evidence=Evidence(text=document.text[c.start:c.end], page=document.page_at(c.start),
                                    start=c.start, end=c.end))
             for c in doc._.dcs_facts]

    gazetteer = load_gazetteer()
    about = list(doc._.dcs_document_authorities or [])
    for fact in facts:
        if fact.kind == "salary":
            about.extend(g for g in fact.fields["authorities"] if g not in about)
    authorities = [AuthorityRef(gss=g, name=gazetteer.by_gss[g].name) for g in dict.fromkeys(about)]
    return Extraction(doc_type=doc._.dcs_doc_type or "other", authorities=authorities, facts=facts)
