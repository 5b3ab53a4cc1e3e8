"""Cue words (extract/data/cues.json) matched on a document's tokens."""

from __future__ import annotations

import pytest
import spacy

from councildocs.extract.cues import cue_patterns, find_cues


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_every_label_says_why_and_has_patterns():
    assert set(cue_patterns()) >= {"salary", "strong_salary", "not_pay", "pay_statistic", "proposed", "former",
                                   "outgoing", "incoming", "contact"}
    assert all(patterns for patterns in cue_patterns().values())


def test_a_phrase_matches_across_a_line_break(nlp):
    text = "£150,000 per\nannum"
    cues = find_cues(nlp(text))
    assert cues.within("strong_salary", 0, len(text))
    assert not cues.within("strong_salary", 0, text.index("\n"))  # half a phrase is not the phrase


@pytest.mark.parametrize("text,label", [
    ("the lowest-paid employees", "pay_statistic"),
    ("a market supplement of £20,000", "not_pay"),
    ("Please e-mail the team", "contact"),
    ("the arrangement ran until 2019", "former"),
    ("the councils plan to share a director", "proposed"),
    ("she is stepping down in May", "outgoing"),
])
def test_labels_find_their_words(nlp, text, label):
    assert find_cues(nlp(text)).within(label, 0, len(text))


def test_a_cue_counts_only_inside_the_window_asked_about(nlp):
    text = "The budget is set. The Director is paid £150,000."
    cues = find_cues(nlp(text))
    figure = text.index("£")
    assert cues.last_end("not_pay", 0, figure) == text.index(" is set")
    assert cues.last_end("not_pay", text.index("The Director"), figure) is None
    assert cues.within("salary", text.index("The Director"), len(text))


def test_an_unknown_label_is_an_error_not_silence(nlp):
    with pytest.raises(KeyError):
        find_cues(nlp("salary")).within("salry", 0, 6)
