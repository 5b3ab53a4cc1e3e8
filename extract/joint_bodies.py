"""Joint bodies of councils known by name: the arrangements a text names without listing their members.

"Chair of the North Wales Corporate Joint Committee" is a partnership of six councils although the
sentence names none of them. The bodies, their members and the instrument that sets each up live in
``extract/data/joint_bodies.csv`` (members as the gazetteer's short names, checked when loaded); a
spaCy ``PhraseMatcher`` finds their names. Names that are also the name of a place ("Cardiff Capital
Region", "Glasgow City Region") are listed only with the word that makes them an arrangement ("… City
Deal", "… Cabinet"), and no abbreviation that means something else in pay papers ("AfC" is also
Agenda for Change) is listed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads with the pipeline, not with every command that imports this (`dcs evaluate --db`)
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

from councildocs.extract.gazetteer import load_gazetteer


@dataclass(frozen=True)
class JointBody:
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # GSS codes, sorted
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@lru_cache(maxsize=1)
def load_joint_bodies() -> tuple[JointBody, ...]:
    by_short_name: dict[str, list[str]] = {}
    for authority in load_gazetteer().authorities:
        if authority.current:
            by_short_name.setdefault(authority.nice_name, []).append(authority.gss)
    bodies = []
    with resources.files("councildocs.extract").joinpath("data/joint_bodies.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            members = []
            for short_name in row["members"].split("|"):
                codes = by_short_name.get(short_name, [])
                if len(codes) != 1:
                    raise ValueError(f"joint_bodies.csv: {row['name']!r} names {short_name!r}, "
                                     f"which is not one current authority's short name in the gazetteer")
                members.append(codes[0])
            bodies.append(JointBody(row["name"], tuple(a for a in row["aliases"].split("|") if a),
                                    tuple(sorted(members)), row["source"]))
    return tuple(bodies)


_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Names of several words match in any case ("shared Regulatory Services"); one-word names and
    abbreviations ("GwE", "Publica", "CCRCD") only as written, so a common word is not taken for one."""
    key = id(vocab)
    if key not in _MATCHERS:
        import spacy
        from spacy.matcher import PhraseMatcher

        any_case, as_written = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer  # English rules, as every pipeline here tokenizes
        for index, body in enumerate(load_joint_bodies()):
            for name in body.names:
                (any_case if " " in name else as_written).add(str(index), [tokenizer(name)])
        _MATCHERS[key] = (any_case, as_written)
    return _MATCHERS[key]


def find_joint_bodies(doc: Doc) -> list[tuple[JointBody, int, int]]:
    """Each named joint body in ``doc`` with the character span of its name, longest names first kept."""
    from spacy.util import filter_spans

    bodies = load_joint_bodies()
    spans = []
    for matcher in _matchers(doc.vocab):
        spans.extend(matcher(doc, as_spans=True))
    return [(bodies[int(span.label_)], span.start_char, span.end_char) for span in filter_spans(spans)]
