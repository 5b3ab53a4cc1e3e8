"""The pipeline leaves its facts on the Doc as labelled spans (doc.spans["dcs_facts"]), for displacy and
any spaCy user; the spans mark the facts, never change them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy import displacy

from councildocs.extract.assemble import FACT_SPANS_KEY
from councildocs.extract.nlp import load_base_model, add_fact_components
from councildocs.ingest.reader import read_document

REPO = Path(__file__).resolve().parents[2]
# A sample advert with all six kinds of fact, and a real StatsWales table whose rows run a council's
# name into its figure ("Isle of Anglesey68,877"): evidence that starts inside a token.
DOCUMENTS = ["corpus/adverts/cambridgeshire-peterborough-dcs.pdf",
             "corpus/real/dev/docs/b8_statswales_census2021_population_by_la.txt"]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("source", DOCUMENTS)
def test_each_fact_is_one_span_labelled_with_its_kind_over_its_evidence(extractor, source):
    document = read_document(REPO / source)
    facts = extractor.extract(document).facts
    doc = extractor.annotate(document)

    spans = list(doc.spans[FACT_SPANS_KEY])
    assert len(facts) >= 5
    assert [s.label_ for s in spans] == [f.kind for f in facts]
    for span, fact in zip(spans, facts):
        # the evidence's characters, widened to whole tokens where it starts or ends inside one
        assert span.start_char <= fact.evidence.start < fact.evidence.end <= span.end_char
        assert fact.evidence.text in span.text
    exact = [s.text == f.evidence.text for s, f in zip(spans, facts)]
    if source.endswith(".pdf"):
        assert {s.label_ for s in spans} == {"salary", "population", "poverty_rate", "shared_post", "partnership", "person"}
        assert all(exact)
    else:
        widened = [(s.text, f.evidence.text) for s, f in zip(spans, facts) if s.text != f.evidence.text]
        assert ("WalesIsle of Anglesey68,877", "Isle of Anglesey68,877") in widened
        assert sum(exact) == len(facts) - len(widened) > 0


class _DisplacySpans(HTMLParser):
    """What displacy's span style shows: each marked token (a bold inline block) and each span's label."""

    def __init__(self):
        super().__init__()
        self.tokens: list[str] = []
        self.labels: list[str] = []
        self._open: list[str] = []  # the role of each open <span>: "token", "label" or ""

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            style = dict(attrs).get("style") or ""
            self._open.append("token" if style.startswith("font-weight: bold") else
                              "label" if "z-index: 10" in style else "")

    def handle_endtag(self, tag):
        if tag == "span":
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] == "token" and data.strip():
            self.tokens.append(data.strip())
        elif self._open and self._open[-1] == "label":
            self.labels.append(data.strip())


def test_displacy_shows_each_fact_with_its_kind(extractor):
    document = read_document(REPO / DOCUMENTS[0])
    doc = extractor.annotate(document)
    facts = extractor.extract(document).facts

    html = displacy.render(doc, style="span", options={"spans_key": FACT_SPANS_KEY}, page=False, jupyter=False)
    shown = _DisplacySpans()
    shown.feed(html)

    assert sorted(shown.labels) == sorted(f.kind for f in facts)  # one label per fact
    for fact in facts:
        evidence_tokens = [t.text for t in doc.char_span(fact.evidence.start, fact.evidence.end) if t.text.strip()]
        at = shown.tokens.index(evidence_tokens[0])
        while shown.tokens[at:at + len(evidence_tokens)] != evidence_tokens:
            at = shown.tokens.index(evidence_tokens[0], at + 1)  # ValueError: the evidence is not marked
    salary = next(f for f in facts if f.kind == "salary")
    assert "£113,205 - £138,362" in salary.evidence.text and "113,205" in shown.tokens


def test_the_spans_come_from_a_plain_spacy_pipeline_too():
    """`nlp(text)` in a user's own pipeline: the components alone leave the spans displacy reads."""
    nlp = add_fact_components(load_base_model())
    doc = nlp("Leeds City Council is recruiting a Director of Children's Services. Salary: £120,000 - £135,000.")
    assert [(s.label_, s.text) for s in doc.spans[FACT_SPANS_KEY]] == [("salary", "Salary: £120,000 - £135,000.")]
    assert doc._.dcs_facts[0].fields["authorities"] == ["E08000035"]


def test_the_facts_component_declares_what_it_reads_and_leaves():
    nlp = add_fact_components(load_base_model())
    assert nlp.pipe_names[-1] == "dcs_facts"
    meta = nlp.get_pipe_meta("dcs_facts")
    assert {"doc.spans", "doc._.dcs_facts"} <= set(meta.assigns)
    assert "doc._.dcs_candidates" in meta.requires
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
