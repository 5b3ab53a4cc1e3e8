"""Turn the candidates components left on a Doc into an Extraction: authorities resolved, repeats dropped, evidence checked."""

from __future__ import annotations

import re

from spacy.tokens import Doc

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


def extraction_from_doc(doc: Doc, document: RepairedDocument) -> Extraction:
    candidates: list[Candidate] = list(doc._.dcs_candidates or [])
    shared_posts = [c for c in candidates if c.kind == "shared_post"]
    for c in candidates:
        if c.kind == "salary":
            c.fields["authorities"] = _salary_authorities(doc, c, shared_posts)
            c.dedupe_key = c.dedupe_key + (tuple(c.fields["authorities"]),)

    facts: list[Fact] = []
    seen: set = set()
    for c in sorted(candidates, key=lambda c: (c.start, -c.confidence)):
        key = c.dedupe_key or (c.kind, c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        text = document.text[c.start:c.end]
        facts.append(Fact(kind=c.kind, fields=c.fields, confidence=c.confidence,
                          evidence=Evidence(text=text, page=document.page_at(c.start), start=c.start, end=c.end)))

    gazetteer = load_gazetteer()
    about = list(doc._.dcs_document_authorities or [])
    for fact in facts:
        if fact.kind == "salary":
            about.extend(g for g in fact.fields["authorities"] if g not in about)
    authorities = [AuthorityRef(gss=g, name=gazetteer.by_gss[g].name) for g in dict.fromkeys(about)]
    return Extraction(doc_type=doc._.dcs_doc_type or "other", authorities=authorities, facts=facts)
