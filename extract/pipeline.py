"""The extract stage's interface: build the spaCy pipeline once, then extract facts from repaired documents."""

from __future__ import annotations

from councildocs.extract.models import Extraction
from councildocs.ingest.models import RepairedDocument

# Bump whenever extraction output can change: the warehouse re-extracts documents stored under an older version.
EXTRACTOR_VERSION = "0.8.0"


class Extractor:
    """Holds one spaCy pipeline (built once per process) and turns a RepairedDocument into an Extraction."""

    def __init__(self, nlp=None):
        from councildocs.extract.nlp import build_pipeline

        self.nlp = nlp if nlp is not None else build_pipeline()

    def extract(self, document: RepairedDocument) -> Extraction:
        from councildocs.extract.assemble import extraction_from_doc

        doc = self.nlp.make_doc(document.text)
        # who published it: a council's paper is about that council even where its text never names it
        doc._.dcs_publisher = document.provenance.publisher if document.provenance else None
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return extraction_from_doc(doc, document)
