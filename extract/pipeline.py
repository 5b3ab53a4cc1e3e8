"""The extract stage's interface: build the spaCy pipeline once, then extract facts from repaired documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from councildocs.extract.models import Extraction
from councildocs.ingest.models import RepairedDocument

if TYPE_CHECKING:  # spaCy loads when the pipeline is built, not when the version is read (`dcs --version`)
    from spacy.tokens import Doc

# Bump whenever extraction output can change: the warehouse re-extracts documents stored under an older version.
EXTRACTOR_VERSION = "0.10.36"


class Extractor:
    """Holds one spaCy pipeline (built once per process) and turns a RepairedDocument into an Extraction."""

    def __init__(self, nlp=None):
        from councildocs.extract.nlp import build_pipeline

        self.nlp = nlp if nlp is not None else build_pipeline()

    def annotate(self, document: RepairedDocument) -> Doc:
        """The document's text through the whole pipeline: the Doc with everything the components leave
        on it, its facts among them (``doc._.dcs_facts``, and as spans in ``doc.spans["dcs_facts"]``)."""
        doc = self.nlp.make_doc(document.text)
        # who published it: a council's paper is about that council even where its text never names it
        doc._.dcs_publisher = document.provenance.publisher if document.provenance else None
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def extract(self, document: RepairedDocument) -> Extraction:
        from councildocs.extract.assemble import extraction_from_doc

        return extraction_from_doc(self.annotate(document), document)
