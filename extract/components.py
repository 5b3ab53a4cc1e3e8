"""spaCy components, registered with @Language.factory so any pipeline can add them by name.

Each component reads what earlier ones left on the Doc (``doc._.dcs_*``) and appends fact
candidates to ``doc._.dcs_candidates``; the last, ``dcs_facts``, keeps the candidates that are facts
(``doc._.dcs_facts``) and marks each one's evidence as a span labelled with its kind
(``doc.spans["dcs_facts"]``, which ``displacy.render(doc, style="span", options={"spans_key":
"dcs_facts"})`` shows). Add all of them with ``councildocs.extract.nlp.add_fact_components(nlp)`` or
one by one with ``nlp.add_pipe("dcs_salaries")``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from councildocs.extract import cues, doc_type, pay_tables, people, populations, poverty, salaries, shared
from councildocs.extract.assemble import FACT_SPANS_KEY, assemble_facts, fact_spans
from councildocs.extract.authorities import AuthorityIndex, document_authorities, main_authorities
from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.roles import find_role_titles
from councildocs.extract.tables import find_tables
from councildocs.extract.text_view import TextView

for _name, _default in (
    ("dcs_view", None), ("dcs_authority_mentions", None), ("dcs_main_authorities", None),
    ("dcs_document_authorities", None), ("dcs_roles", None), ("dcs_candidates", None), ("dcs_doc_type", None),
    ("dcs_career_spans", None), ("dcs_scope_mentions", None), ("dcs_publisher", None), ("dcs_cues", None),
    ("dcs_tables", None), ("dcs_facts", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


# What the components read from the Doc (``requires``) and leave on it (``assigns``), declared in their
# registrations so spaCy can check a pipeline's order (``nlp.analyze_pipes()``). A component checks the
# ``doc._`` attributes it requires when it runs and raises [DCS002] without them. Whichever component
# runs first makes the flattened view of the text (and the empty list of candidates).
_VIEW = ("doc._.dcs_view", "doc._.dcs_candidates")
_MENTIONS = "doc._.dcs_authority_mentions"
_MAIN = "doc._.dcs_main_authorities"
_DOCUMENT = "doc._.dcs_document_authorities"
_ROLES = "doc._.dcs_roles"
_CUES = "doc._.dcs_cues"
_TABLES = "doc._.dcs_tables"
_FACTS = "doc._.dcs_facts"
# computed on first use by extract/context.py (which authority a sentence is about, career clauses)
_CAREERS = "doc._.dcs_career_spans"
_SCOPE = "doc._.dcs_scope_mentions"


def _view(doc: Doc) -> TextView:
    if doc._.dcs_view is None:
        doc._.dcs_view = TextView.of(doc.text)
        doc._.dcs_candidates = []
    return doc._.dcs_view


def _require(doc: Doc, attr: str, component: str) -> None:
    if getattr(doc._, attr) is None:
        raise ValueError(f"[DCS002] '{component}' needs an earlier component that sets doc._.{attr}; "
                         f"add the components with councildocs.extract.nlp.add_fact_components(nlp).")


class AuthorityFinder:
    def __init__(self, nlp: Language):
        self.index = AuthorityIndex(nlp, load_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        _view(doc)
        mentions = self.index.find(doc)
        # the publisher a document's provenance names (Extractor.extract sets it), when it is a council
        publisher = self.index.resolve(doc._.dcs_publisher)
        doc._.dcs_authority_mentions = mentions
        doc._.dcs_main_authorities = main_authorities(mentions, publisher)
        doc._.dcs_document_authorities = document_authorities(mentions, publisher)
        return doc


@Language.factory("dcs_authorities", requires=[], assigns=[*_VIEW, _MENTIONS, _MAIN, _DOCUMENT])
def make_authority_finder(nlp: Language, name: str) -> AuthorityFinder:
    return AuthorityFinder(nlp)


# Names, places and dates the recogniser found are not post titles; without dcs_authorities every
# capitalised council name is a candidate title word, so it is required, though not checked.
@Language.component("dcs_roles", requires=["doc.ents", _MENTIONS], assigns=[*_VIEW, _ROLES])
def find_roles(doc: Doc) -> Doc:
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"PERSON", "GPE", "DATE"}]
    places = [(m.start, m.end) for m in doc._.dcs_authority_mentions or []]
    doc._.dcs_roles = find_role_titles(_view(doc).flat, blocked=names + places)
    return doc


# The words that say what a figure or an arrangement is (extract/data/cues.json), matched once.
@Language.component("dcs_cues", requires=[], assigns=[_CUES])
def find_cue_words(doc: Doc) -> Doc:
    doc._.dcs_cues = cues.find_cues(doc)
    return doc


# Tables rendered into the text as TAB-separated rows (extract/tables.py), their columns classified by cue words.
@Language.component("dcs_tables", requires=[_CUES], assigns=[_TABLES])
def find_text_tables(doc: Doc) -> Doc:
    _require(doc, "dcs_cues", "dcs_tables")
    doc._.dcs_tables = find_tables(doc.text, doc._.dcs_cues)
    return doc


def _fact_component(name: str, finder, requires: tuple[str, ...], caches: tuple[str, ...] = ()):
    """Register ``finder(doc, view) -> [Candidate]`` as component ``name``, appending to doc._.dcs_candidates."""
    needs = [attr.removeprefix("doc._.") for attr in requires if attr.startswith("doc._.")]

    def component(doc: Doc) -> Doc:
        view = _view(doc)
        for attr in needs:
            _require(doc, attr, name)
        doc._.dcs_candidates.extend(finder(doc, view))
        return doc

    component.__name__ = name
    Language.component(name, func=component, requires=list(requires), assigns=[*_VIEW, *caches])
    return component


# a salary's employer is resolved from the main authorities when the candidates are assembled; the parse says
# what a figure is the value of (extract/syntax.py; without one, the cue windows alone decide)
make_pay_table_finder = _fact_component("dcs_pay_tables", pay_tables.find_table_salaries, (_ROLES, _CUES, _TABLES))
# a figure in a table whose header says what it is (dcs_tables) is left to dcs_pay_tables
make_salary_finder = _fact_component("dcs_salaries", salaries.find_salaries,
                                     (_MAIN, _ROLES, _CUES, _TABLES, "token.dep"), caches=(_CAREERS,))
make_population_finder = _fact_component("dcs_populations", populations.find_populations,
                                         (_MENTIONS, _MAIN, _DOCUMENT, _CUES), caches=(_CAREERS, _SCOPE))
make_poverty_finder = _fact_component("dcs_poverty_rates", poverty.find_poverty_rates,
                                      (_MENTIONS, _MAIN, _DOCUMENT, _CUES), caches=(_CAREERS, _SCOPE))
make_shared_finder = _fact_component("dcs_shared_arrangements", shared.find_shared_arrangements,
                                     (_MENTIONS, _MAIN, _DOCUMENT, _ROLES, _CUES), caches=(_CAREERS, _SCOPE))
make_people_finder = _fact_component("dcs_people", people.find_people, ("doc.ents", _MENTIONS, _MAIN, _ROLES, _CUES))


@Language.component("dcs_doc_type", requires=[], assigns=[*_VIEW, "doc._.dcs_doc_type"])
def classify_doc_type(doc: Doc) -> Doc:
    doc._.dcs_doc_type = doc_type.classify(_view(doc).flat)
    return doc


# Last: the candidates become facts (a salary's employers resolved, repeats dropped; extract/assemble.py),
# kept on the Doc with a span over each one's evidence, labelled with its kind, for displacy and for
# any spaCy user. Extractor.extract turns them into the Extraction; the spans never change a fact.
@Language.component("dcs_facts", requires=["doc._.dcs_candidates", _MENTIONS, _MAIN, _DOCUMENT],
                    assigns=[_FACTS, "doc.spans", _CAREERS, _SCOPE])
def keep_facts(doc: Doc) -> Doc:
    for attr in ("dcs_authority_mentions", "dcs_main_authorities"):
        _require(doc, attr, "dcs_facts")
    facts = assemble_facts(doc)
    doc._.dcs_facts = facts
    doc.spans[FACT_SPANS_KEY] = fact_spans(doc, facts)
    return doc
