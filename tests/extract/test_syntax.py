"""What a figure is the value of, read from the small model's dependency parse (extract/syntax.py)."""

from __future__ import annotations

import pytest
import spacy

from councildocs.extract.syntax import described_by
from councildocs.ingest.models import RepairedDocument


def _words(extractor, sentence: str, figure: str) -> list[str]:
    doc = extractor.nlp(sentence)
    start = sentence.index(figure)
    return [w.text for w in described_by(doc, start, start + len(figure))]


@pytest.mark.parametrize("sentence,figure,expected", [
    ("The Director of Children's Services post attracts a car allowance of £5,000.", "5,000", "allowance"),
    ("Agency costs for the interim Director of Adult Social Services were £1,200 per day.", "1,200", "costs"),
    ("Wigan Council spent £150,000 on interim Director of Children's Services cover.", "150,000", "spent"),
    ("The salary range of £155,279 to £170,615 is in accordance with the Pay Policy.", "155,279", "range"),
])
def test_a_figure_is_the_value_of_the_noun_or_verb_the_parse_hangs_it_on(extractor, sentence, figure, expected):
    assert expected in _words(extractor, sentence, figure)


def test_without_a_parse_nothing_is_known():
    doc = spacy.blank("en")("Agency costs were £1,200 per day.")
    assert described_by(doc, 22, 27) == []


def test_a_cost_of_a_post_is_not_its_pay_but_a_salary_range_is(extractor):
    text = ("Wigan Council. Agency costs for the interim Director of Adult Social Services were £1,200 per day.\n\n"
            "The salary range for the Director of Children's Services is £120,000 to £130,000 per annum.")
    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    salaries = [(f.fields["min_gbp"], f.fields["max_gbp"]) for f in extractor.extract(document).facts if f.kind == "salary"]
    assert salaries == [(120000, 130000)]
