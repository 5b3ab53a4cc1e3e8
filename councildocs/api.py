"""The Python API: ``councildocs.extract_file`` and ``councildocs.open_warehouse`` (README, "Python API").

Both are thin: extracting is the command line's unit of work (``pipeline.process_file``), and a
warehouse is read through the dashboard's own query functions (``warehouse/queries.py``), which mask
e-mail addresses and phone numbers in every text they return.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from councildocs.pipeline import process_file
from councildocs.results import DocumentResult
from councildocs.warehouse import queries
from councildocs.warehouse.errors import WarehouseMissing, WarehouseUnavailable


@cache
def _extractor():
    """One spaCy pipeline per process, built on first use (a few seconds), as `dcs extract` builds one."""
    from councildocs.extract.pipeline import Extractor

    return Extractor()


def extract_file(path: str | os.PathLike[str]) -> DocumentResult:
    """Read, repair and extract one file (.pdf, .txt, .html), as ``dcs extract`` does for each file.

    Returns a :class:`~councildocs.results.DocumentResult`: ``result.extraction.facts`` are the facts
    (``Fact``: ``kind``, ``fields``, ``evidence`` with ``text``, ``page``, ``start``, ``end``, and
    ``confidence``), ``result.document.text`` the repaired text the evidence points into. Like the
    command, it does not raise for a bad file: ``result.ok`` is False and ``result.error_code`` says
    why (``not_found``, ``encrypted``, ``corrupt_pdf``, …). The file is read in this process, within
    200 MB, 2,000 pages and, on the main thread, 300 s (an alarm, which cannot stop a parser in C). For
    files you do not trust, use ``councildocs.reader_process.ReaderProcess`` (what ``dcs extract`` uses):
    it reads in a child process whose time and memory are enforced from outside. The text is not
    masked: it is the document as read.
    """
    return process_file(Path(path), _extractor())


@dataclass(frozen=True)
class WarehouseReader:
    """Read-only questions to a warehouse that ``dcs ingest`` built, answered as the dashboard answers them.

    Holds only the path: every call opens the latest published snapshot read-only and closes it, so
    a reader may stay open while ``dcs ingest`` adds documents. Text in the answers (evidence, posts,
    names, document text) has e-mail addresses and phone numbers masked. Each method delegates to the
    function of ``councildocs.warehouse.queries`` it names, whose docstring lists the columns.
    """

    path: Path

    def salary_benchmark(
        self,
        *,
        salary_gbp: float | None = None,
        min_gbp: float | None = None,
        max_gbp: float | None = None,
        role_category: str | Sequence[str] | None = queries.DEFAULT_ROLE_CATEGORY,
        regions: Sequence[str] | None = None,
        authority_types: Sequence[str] | None = None,
        years: Sequence[int] | None = None,
    ) -> queries.SalaryBenchmark:
        """Where a salary (or a range) sits among comparable posts: ``queries.salary_benchmark``.

        Compares Director of Children's Services posts unless ``role_category`` says otherwise (None
        for every post). The answer's ``percentile`` is the figure's percentile rank among the posts'
        midpoints, ``pool`` says in words what it was compared with, ``nearest`` the closest posts.
        """
        return queries.salary_benchmark(
            self.path, salary_gbp=salary_gbp, min_gbp=min_gbp, max_gbp=max_gbp, role_category=role_category,
            regions=regions, authority_types=authority_types, years=years,
        )

    def compare(self, gss_codes: Sequence[str]) -> list[queries.AuthorityComparison]:
        """Up to four authorities side by side, by GSS code: ``queries.compare_authorities``."""
        return queries.compare_authorities(self.path, gss_codes)

    def salaries(self) -> pl.DataFrame:
        """Every salary fact, one row per employing authority: ``queries.salary_ranges``."""
        return queries.salary_ranges(self.path)

    def shared_posts(self, status: str | Sequence[str] | None = None) -> pl.DataFrame:
        """Shared posts and partnerships, one row per pair of authorities: ``queries.shared_posts``."""
        return queries.shared_posts(self.path, status)

    def documents(self) -> pl.DataFrame:
        """Every stored document (without its text), with its status and fact count: ``queries.documents``."""
        return queries.documents(self.path)

    def fact_evidence(self, fact_id: str) -> queries.FactEvidence | None:
        """One fact in its document, with its evidence span and repair log (None for an unknown id):
        ``queries.fact_evidence``."""
        return queries.fact_evidence(self.path, fact_id)


def open_warehouse(path: str | os.PathLike[str]) -> WarehouseReader:
    """A :class:`WarehouseReader` on the warehouse file at ``path`` (a warehouse with no documents yet is fine).

    Raises ``WarehouseMissing`` when there is no warehouse at ``path`` (run ``dcs ingest`` first) and
    ``WarehouseUnavailable`` when the file cannot be read as one; both say what to do.
    """
    status = queries.warehouse_status(path)
    if status.state == "missing":
        raise WarehouseMissing(status.message)
    if status.state == "unavailable":
        raise WarehouseUnavailable(status.message)
    return WarehouseReader(Path(path))
