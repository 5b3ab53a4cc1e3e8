"""The dashboard's only way to the data: warehouse query functions behind Streamlit's cache.

Every cached loader takes the published file's snapshot version (inode, mtime, size) as an
argument, so a newly published warehouse is picked up on the next rerun while an unchanged one
is never queried twice. There is deliberately no cached *connection*: each query opens and
closes its own short-lived read-only connection (``warehouse.queries``), so the dashboard
never holds the file open while a batch publishes a new snapshot over it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
import streamlit as st

from councildocs.dashboard import labels
from councildocs.warehouse import queries
from councildocs.warehouse.config import resolve_db_path
from councildocs.warehouse.errors import WarehouseError

Version = tuple[int, int, int] | None
T = TypeVar("T")


def db_path() -> Path:
    """Read on every rerun (not cached), so the page follows ``$DCS_DB``."""
    return resolve_db_path().resolve()


def snapshot_version(path: Path) -> Version:
    return queries.snapshot_version(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_status(path: str, version: Version) -> queries.WarehouseStatus:
    return queries.warehouse_status(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_overview(path: str, version: Version) -> queries.Overview:
    return queries.overview(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_failed_documents(path: str, version: Version) -> pl.DataFrame:
    return queries.failed_documents(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_documents(path: str, version: Version) -> pl.DataFrame:
    return queries.documents(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_salary_ranges(path: str, version: Version) -> pl.DataFrame:
    return queries.salary_ranges(path)


@st.cache_data(show_spinner=False, max_entries=32)
def load_filter_options(path: str, version: Version) -> queries.FilterOptions:
    return queries.filter_options(path)


@st.cache_data(show_spinner=False, max_entries=64)
def load_salary_benchmark(
    path: str,
    version: Version,
    salary_gbp: float | None = None,
    min_gbp: float | None = None,
    max_gbp: float | None = None,
    role_category: str | None = None,
    regions: tuple[str, ...] = (),
    authority_types: tuple[str, ...] = (),
    years: tuple[int, ...] = (),
) -> queries.SalaryBenchmark:
    """Arguments are tuples (hashable cache keys); an empty filter means "all"."""
    return queries.salary_benchmark(
        path, salary_gbp=salary_gbp, min_gbp=min_gbp, max_gbp=max_gbp, role_category=role_category,
        regions=list(regions) or None, authority_types=list(authority_types) or None, years=list(years) or None,
    )


@dataclass(frozen=True)
class SalaryFilters:
    regions: list[str]
    authority_types: list[str]
    authority_type_names: dict[str, str]
    years: list[int]
    role_categories: list[str]


def salary_filters(rows: pl.DataFrame) -> SalaryFilters:
    """The salary page's filter values, read off the unfiltered benchmark's rows: the page opens with
    one query instead of two (a separate filter_options read cost as much as the benchmark itself)."""
    from councildocs.extract.models import ROLE_CATEGORIES

    types = rows.select("type", "type_name").drop_nulls("type").unique()
    present = set(rows["role_category"].drop_nulls().to_list())
    return SalaryFilters(
        regions=sorted(set(rows["region"].drop_nulls().to_list())),
        authority_types=sorted(types["type"].to_list()),
        authority_type_names={t: n or t for t, n in types.iter_rows()},
        years=sorted({int(y) for y in rows["year"].drop_nulls().to_list()}),
        role_categories=[c for c in ROLE_CATEGORIES if c in present] + sorted(present - set(ROLE_CATEGORIES)),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def load_comparison(path: str, version: Version, gss_codes: tuple[str, ...]) -> list[queries.AuthorityComparison]:
    return queries.compare_authorities(path, list(gss_codes))


@st.cache_data(show_spinner=False, max_entries=32)
def load_shared_posts(path: str, version: Version, status: tuple[str, ...] = ()) -> pl.DataFrame:
    return queries.shared_posts(path, status=list(status) or None)


@st.cache_data(show_spinner=False, max_entries=64)
def load_fact_evidence(path: str, version: Version, fact_id: str) -> queries.FactEvidence | None:
    return queries.fact_evidence(path, fact_id)


@st.cache_resource(show_spinner=False)
def reader():
    """One reader process per server, shared by every session (for uploads; it reads one file at a time).

    An upload is read outside the server, within the same time and memory limits as `dcs ingest`:
    a hostile file costs its reader process, never the server.
    """
    from councildocs.ingest.limits import READER_LIMITS
    from councildocs.reader_process import ReaderProcess

    return ReaderProcess(READER_LIMITS)


def ready_warehouse() -> tuple[str, Version] | None:
    """The (path, version) to pass to loaders, or None after telling the user why there is nothing to show.

    Every page calls it first, so every page also says when the warehouse holds the project's own
    fictional example documents (their figures are about real councils' names but invented).
    """
    path = db_path()
    version = snapshot_version(path)
    status = load_status(str(path), version)
    if status.state == "ready":
        st.sidebar.caption(f"Warehouse: `{path}` · {status.message}")
        _fictional_notice(status)
        return str(path), version
    if status.state == "unavailable":
        st.warning(status.message)
    else:
        st.info(f"{status.message}\n\nThe dashboard reads `{path}` (set `DCS_DB` to use another file).")
    return None


def fictional_notice() -> None:
    """For pages that work without a warehouse (uploads): the fictional-documents notice, when it applies."""
    path = db_path()
    status = load_status(str(path), snapshot_version(path))
    if status.state == "ready":
        _fictional_notice(status)


def _fictional_notice(status: queries.WarehouseStatus) -> None:
    if status.fictional:
        st.warning(
            f"This warehouse holds {status.fictional} fictional example document"
            f"{'s' if status.fictional != 1 else ''} written by the councildocs project. Their figures are "
            f"invented, are marked “{labels.FICTIONAL}” wherever they appear, and are never counted in the "
            "salary benchmark.",
            icon=":material/warning:",
        )


def guarded(loader: Callable[..., T], path: str, version: Version, *args: Any, **kwargs: Any) -> T:
    """Run a loader; a warehouse that vanished or changed under us becomes a message, not a traceback."""
    try:
        return loader(path, version, *args, **kwargs)
    except WarehouseError as err:
        st.warning(str(err))
        st.stop()  # ends this script run
