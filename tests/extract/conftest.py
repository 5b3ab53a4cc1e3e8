from __future__ import annotations

import pytest
import spacy

from councildocs.extract.assemble import extraction_from_doc
from councildocs.extract.nlp import build_pipeline
from councildocs.ingest.models import RepairedDocument


@pytest.fixture(scope="session")
def blank_nlp():
    """Our components on a blank English pipeline: fast, and what rule-only facts need."""
    return build_pipeline(spacy.blank("en"))


@pytest.fixture(scope="session")
def extract_text(blank_nlp):
    def run(text: str, nlp=None):
        document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
        return extraction_from_doc((nlp or blank_nlp)(text), document)

    return run
