"""What a figure is the value of, read from the dependency parse.

"Agency costs for the interim Director were £1,200 per day": the figure completes "were", whose
subject is "costs"; "a car allowance of £5,000": the figure is the object of "of", which hangs on
"allowance"; "the council spent £150,000 on …": the figure is what "spent" spent. Rules ask these
words, not the words that happen to be near the figure, whether a figure is pay or a budget.

The parse is the small model's; where a document was made without one (a blank pipeline in tests,
a text too broken to parse) nothing is known and rules fall back on their cue windows.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Where a figure hangs inside its own phrase: "£140,000 to £150,000", "£5,000 a year", "up to £90k"
_WITHIN_FIGURE = {"nummod", "quantmod", "compound", "conj", "cc", "appos", "advmod", "punct", "npadvmod", "amod", "nmod", "dep"}
# The figure completes a verb: "were £20,000", "spent £150,000", "totalled £1,250"
_COMPLEMENTS = {"attr", "dobj", "acomp", "oprd", "npadvmod"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _figure_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    numbers = [t for t in span if t.like_num]
    return numbers[0] if numbers else span.root


def described_by(doc: Doc, start: int, end: int) -> list[Token]:
    """The words that say what the figure at text[start:end] is: the noun it is the value of, the verb it
    completes and that verb's subject. Empty without a parse."""
    if not parsed(doc):
        return []
    token = _figure_token(doc, start, end)
    if token is None:
        return []
    # climb out of the figure's own phrase ("£140,000 to £150,000": the second figure hangs on the first)
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in {"to", "-", "–", "and"} \
                and token.head.head.like_num:
            token = token.head.head
        elif token.dep_ in _WITHIN_FIGURE and token.head is not token and (token.head.like_num or token.head.text in {"£", "$"}):
            token = token.head
        else:
            break
    words: list[Token] = []
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "an allowance of £5,000", "a salary of £120,000": the noun the preposition hangs on
        governor = token.head.head
        words.append(governor)
        if any(child.dep_ in _SUBJECTS for child in governor.children):
            words.extend(child for child in governor.children if child.dep_ in _SUBJECTS)
    elif token.dep_ in _COMPLEMENTS or token.dep_ == "ROOT":
        verb = token.head if token.dep_ != "ROOT" else token
        words.append(verb)
        words.extend(child for child in verb.children if child.dep_ in _SUBJECTS)
    elif token.dep_ in {"compound", "nummod", "amod"}:
        words.append(token.head)  # "a £5,000 allowance"
    return words
