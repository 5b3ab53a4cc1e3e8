"""Builders for DocumentResults made by hand, for tests that need a warehouse but not spaCy.

Used by the warehouse, dashboard and CLI tests. Every fact's evidence is located in the text
it is built from, so offsets are always valid (``text[start:end] == evidence.text``). The
sample documents at the end are a small batch with known figures: two London adverts (one
with contact details in its evidence) and a salary shared by two employers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from councildocs.extract.models import AuthorityRef, Evidence, Extraction, Fact
from councildocs.ingest.models import Provenance, RepairedDocument, RepairStep
from councildocs.results import DocumentResult


def evidence_in(text: str, phrase: str, page: int = 1) -> Evidence:
    start = text.index(phrase)
    return Evidence(text=phrase, page=page, start=start, end=start + len(phrase))


def salary_fact(
    text: str,
    phrase: str,
    employers: list[str],
    min_gbp: float | None,
    max_gbp: float | None,
    role: str = "Director of Children's Services",
    role_category: str = "dcs",
    confidence: float = 0.9,
) -> Fact:
    fields: dict[str, Any] = {
        "authorities": employers, "role": role, "role_category": role_category,
        "min_gbp": min_gbp, "max_gbp": max_gbp, "period": "year",
    }
    return Fact(kind="salary", fields=fields, evidence=evidence_in(text, phrase), confidence=confidence)


def population_fact(
    text: str, phrase: str, authority: str | None, value: int, qualifier: str = "exact", group: str = "all",
) -> Fact:
    fields = {"authority": authority, "value": value, "qualifier": qualifier, "group": group}
    return Fact(kind="population", fields=fields, evidence=evidence_in(text, phrase), confidence=0.8)


def ok_result(
    source: str,
    text: str,
    facts: list[Fact],
    authorities: list[tuple[str, str]],
    doc_type: str = "advert",
    sha256: str | None = None,
    provenance: Provenance | None = None,
) -> DocumentResult:
    """A successfully read and extracted document; ``sha256`` defaults to the hash of ``text``."""
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = RepairedDocument(
        source=source, sha256=digest, media_type="text", pages=1, raw_text=text, text=text,
        page_starts=[0], repair_log=[RepairStep(method="ftfy", chars_changed=1, detail="test")],
        provenance=provenance,
    )
    extraction = Extraction(
        doc_type=doc_type, authorities=[AuthorityRef(gss=g, name=n) for g, n in authorities], facts=facts,
    )
    return DocumentResult(source=source, sha256=digest, document=document, extraction=extraction)


def error_result(
    source: str, code: str = "corrupt_pdf", message: str = "The PDF is damaged.", sha256: str | None = None,
) -> DocumentResult:
    """A file that could not be read; without ``sha256`` it is one that could not even be hashed."""
    return DocumentResult(source=source, sha256=sha256, error_code=code, error_message=message)


# -- a small sample batch -------------------------------------------------------------------

WANDSWORTH = "E09000032"
CAMDEN = "E09000007"
CAMBRIDGESHIRE = "E10000003"
PETERBOROUGH = "E06000031"

WANDSWORTH_TEXT = (
    "London Borough of Wandsworth\n\nDirector of Children's Services\n\n"
    "The salary range is between £113,205 and £138,362 a year. "
    "Wandsworth is home to over 320,000 residents."
)
CAMDEN_TEXT = (
    "London Borough of Camden: Executive Director, Children and Learning. "
    "Salary: £150,000, call 020 7974 4444 or e-mail recruit@camden.gov.uk for a conversation."
)
SHARED_TEXT = (
    "Cambridgeshire County Council and Peterborough City Council share a Director of Children's Services "
    "on up to £160,000."
)


def wandsworth_result(source: str = "corpus/adverts/wandsworth.txt") -> DocumentResult:
    text = WANDSWORTH_TEXT
    return ok_result(
        source, text,
        facts=[
            salary_fact(text, "between £113,205 and £138,362", [WANDSWORTH], 113205, 138362),
            population_fact(text, "over 320,000 residents", WANDSWORTH, 320000, qualifier="over"),
        ],
        authorities=[(WANDSWORTH, "London Borough of Wandsworth")],
    )


def camden_result(source: str = "corpus/adverts/camden.txt") -> DocumentResult:
    text = CAMDEN_TEXT
    phrase = "Salary: £150,000, call 020 7974 4444 or e-mail recruit@camden.gov.uk"
    return ok_result(
        source, text,
        facts=[salary_fact(text, phrase, [CAMDEN], 150000, 150000, role="Executive Director, Children and Learning")],
        authorities=[(CAMDEN, "London Borough of Camden")],
    )


def shared_result(source: str = "corpus/news/shared.txt") -> DocumentResult:
    text = SHARED_TEXT
    return ok_result(
        source, text,
        facts=[salary_fact(text, "up to £160,000", [CAMBRIDGESHIRE, PETERBOROUGH], None, 160000)],
        authorities=[(CAMBRIDGESHIRE, "Cambridgeshire County Council"), (PETERBOROUGH, "Peterborough City Council")],
        doc_type="news",
    )


def sample_batch() -> list[DocumentResult]:
    """Three good documents and one damaged file."""
    return [wandsworth_result(), camden_result(), shared_result(), error_result("corpus/broken.pdf", sha256="b" * 64)]


def store_sample_batch(db: str | Path) -> Path:
    """A warehouse at ``db`` holding :func:`sample_batch`, stored in one ingest run."""
    from councildocs.warehouse.store import Warehouse

    with Warehouse(db) as wh:
        wh.start_run()
        for result in sample_batch():
            wh.store(result)
        wh.finish_run()
    return Path(db)
