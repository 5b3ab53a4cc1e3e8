"""The read side of the warehouse: every question the dashboard asks, as a function of the db path.

Each call opens a short-lived read-only connection to the *published* file and closes it
before returning, so readers never hold the file while a writer publishes a new snapshot (see
``snapshot``). Text that reaches a reader goes through :func:`mask_contacts`.

A missing file raises :class:`WarehouseMissing`; a file that cannot be read (a writer holds it,
it is not a DuckDB file, it has no warehouse schema) raises :class:`WarehouseUnavailable`.
:func:`warehouse_status` turns both into a value for callers that prefer not to catch.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
import polars as pl

from councildocs.extract.kinds import PersonStatus, RoleCategory
from councildocs.extract.models import ROLE_CATEGORIES
from councildocs.warehouse.db import first_row, scalar
from councildocs.warehouse.errors import WarehouseMissing, WarehouseUnavailable, first_line
from councildocs.warehouse.migrations import available_migrations
from councildocs.warehouse.privacy import mask_contacts, mask_series, mask_value

DbPath = str | os.PathLike[str]

# The schema these queries read: a warehouse written before it has not been migrated yet (only a
# writer migrates), and would fail on the first column it lacks.
LATEST_SCHEMA = available_migrations()[-1].version

# What DuckDB raises when the file's bytes are not what its header promised (truncated, overwritten).
_DAMAGE = (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException, duckdb.InvalidInputException)

# A reader can meet a lock only when something other than our publisher writes the file in
# place; a few short retries ride that out without hanging the page.
_LOCK_RETRIES = 5
_LOCK_BACKOFF_S = 0.05

# Where a fact's document came from, beside every figure: its path, its publisher and date, the
# address it was published at, its licence, and whether the project wrote it (migration 003).
SOURCE_COLUMNS: tuple[str, ...] = ("source", "publisher", "published", "source_url", "licence", "fictional")
_SOURCE_SQL = "d.source, d.publisher, d.published, d.source_url, d.licence, coalesce(d.fictional, false) AS fictional"

# Frames come from the relation API (`con.sql(...).pl()`), which DuckDB 1.x and 2.x both offer;
# 2.x no longer has `.pl()` on the result of `con.execute(...)`.


@dataclass(frozen=True)
class WarehouseStatus:
    """Whether the warehouse can be shown; ``fictional`` counts the project's own example documents in it."""

    state: Literal["missing", "unavailable", "empty", "ready"]
    message: str
    documents: int = 0
    fictional: int = 0

    @property
    def ready(self) -> bool:
        return self.state == "ready"


@dataclass(frozen=True)
class Overview:
    documents_ok: int
    documents_failed: int
    authorities_with_facts: int
    facts: int
    facts_by_kind: pl.DataFrame  # kind, facts
    last_run_finished: datetime | None


def snapshot_version(db: DbPath) -> tuple[int, int, int] | None:
    """Identifies the published snapshot (inode, mtime, size), for cache keys; None when there is no file.

    The inode changes on every publish (it is a rename), which mtime alone may not show within
    the filesystem's timestamp resolution.
    """
    try:
        st = os.stat(db)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def read_only(db: DbPath) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the published warehouse."""
    path = Path(db)
    if not path.is_file():
        raise WarehouseMissing(f"No warehouse at {path}. Run `dcs ingest` to build one.")
    # Not `duckdb.connect(path, read_only=True)`: DuckDB caches database instances by path within
    # a process, so while any connection to the previous snapshot is open, a new connect would
    # be handed that old (replaced) file. A fresh in-memory instance that ATTACHes the path
    # always opens the file that is there now.
    con = duckdb.connect(":memory:")
    attach = f"ATTACH '{_sql_string(str(path))}' AS warehouse (READ_ONLY)"
    for attempt in range(_LOCK_RETRIES):
        try:
            con.execute(attach)
            con.execute("USE warehouse")
            break
        except duckdb.Error as err:
            if "lock" not in str(err).lower() or attempt == _LOCK_RETRIES - 1:
                con.close()
                raise WarehouseUnavailable(f"Cannot read the warehouse at {path}: {err}") from err
            time.sleep(_LOCK_BACKOFF_S * 2**attempt)
    try:
        yield con
    except duckdb.CatalogException as err:
        raise WarehouseUnavailable(f"{path} is not a councildocs warehouse (no such table); run `dcs ingest`.") from err
    except _DAMAGE as err:  # a truncated or overwritten file opens, then fails on the pages a query reads
        raise WarehouseUnavailable(
            f"The warehouse at {path} is damaged ({first_line(err)}); rebuild it with `dcs ingest`."
        ) from err
    finally:
        con.close()


def warehouse_status(db: DbPath) -> WarehouseStatus:
    try:
        with read_only(db) as con:
            has_schema = scalar(
                con,
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'warehouse' AND table_name = 'documents'",
            )
            version = scalar(con, "SELECT max(version) FROM schema_migrations") if has_schema else None
            if has_schema and (version or 0) < LATEST_SCHEMA:
                return WarehouseStatus(
                    "unavailable",
                    f"The warehouse at {db} was written by an older councildocs (schema {version or 0}, "
                    f"this one reads {LATEST_SCHEMA}); run `dcs ingest` on any folder once to upgrade it.",
                )
            count, fictional = first_row(
                con, "SELECT count(*), count(*) FILTER (coalesce(fictional, false)) FROM documents"
            ) if has_schema else (0, 0)
    except duckdb.Error as err:  # a damaged file fails on its first query, not only on ATTACH
        return WarehouseStatus("unavailable", f"Cannot read the warehouse at {db}: {first_line(err)}")
    except WarehouseMissing as err:
        return WarehouseStatus("missing", str(err))
    except WarehouseUnavailable as err:
        return WarehouseStatus("unavailable", str(err))
    if count == 0:
        return WarehouseStatus("empty", f"The warehouse at {db} has no documents yet. Run `dcs ingest` to add some.")
    return WarehouseStatus("ready", f"{count} documents", documents=count, fictional=fictional)


def overview(db: DbPath) -> Overview:
    with read_only(db) as con:
        ok, failed = first_row(
            con, "SELECT count(*) FILTER (status = 'ok'), count(*) FILTER (status = 'error') FROM documents"
        ) or (0, 0)
        authorities = scalar(
            con,
            """
            SELECT count(DISTINCT fa.gss)
            FROM fact_authorities fa JOIN facts f USING (fact_id) JOIN documents d USING (sha256)
            WHERE d.status = 'ok'
            """,
        )
        by_kind = con.sql(
            """
            SELECT f.kind, count(*)::BIGINT AS facts
            FROM facts f JOIN documents d USING (sha256)
            WHERE d.status = 'ok'
            GROUP BY f.kind ORDER BY facts DESC, f.kind
            """
        ).pl()
        last_run = scalar(con, "SELECT max(finished) FROM ingest_runs")
    return Overview(
        documents_ok=ok,
        documents_failed=failed,
        authorities_with_facts=authorities,
        facts=int(by_kind["facts"].sum()) if by_kind.height else 0,
        facts_by_kind=by_kind,
        last_run_finished=last_run,
    )


def failed_documents(db: DbPath) -> pl.DataFrame:
    """sha256, source, error_code, error_message, updated — newest first."""
    with read_only(db) as con:
        df = con.sql(
            """
            SELECT sha256, source, error_code, error_message, updated
            FROM documents WHERE status = 'error'
            ORDER BY updated DESC, source
            """
        ).pl()
    return _masked(df, "error_message", "source")


def salary_ranges(db: DbPath) -> pl.DataFrame:
    """One row per salary fact and employing authority (a post shared by two councils appears under both).

    Columns: fact_id, gss, name, nice_name, region, type, type_name, role, role_category,
    min_gbp, max_gbp, period, source, sha256, evidence (masked), page, confidence. A salary whose
    employer the extractor could not tell has one row with null authority columns.
    """
    with read_only(db) as con:
        df = con.sql(
            f"""
            SELECT f.fact_id, fa.gss, a.name, a.nice_name, a.region, a.type, a.type_name,
                   f.role, f.role_category, f.min_gbp, f.max_gbp, f.period,
                   {_SOURCE_SQL}, f.sha256, f.evidence_text AS evidence, f.page, f.confidence
            FROM facts f
            JOIN documents d USING (sha256)
            LEFT JOIN fact_authorities fa ON fa.fact_id = f.fact_id AND fa.role = 'employer'
            LEFT JOIN authorities a ON a.gss = fa.gss
            WHERE f.kind = 'salary' AND d.status = 'ok'
            ORDER BY a.nice_name NULLS LAST, f.max_gbp DESC NULLS LAST, f.fact_id
            """
        ).pl()
    return _masked(df, "evidence", "source")


def documents(db: DbPath) -> pl.DataFrame:
    """Every stored document without its text: status, type, fact count and the authorities it is about."""
    with read_only(db) as con:
        df = con.sql(
            f"""
            SELECT d.sha256, {_SOURCE_SQL}, d.media_type, d.pages, d.doc_type, d.status, d.error_code,
                   d.extractor_version,
                   (SELECT count(*) FROM facts f WHERE f.sha256 = d.sha256)::BIGINT AS facts,
                   (SELECT string_agg(coalesce(a.nice_name, da.gss), ', ' ORDER BY coalesce(a.nice_name, da.gss))
                      FROM document_authorities da LEFT JOIN authorities a USING (gss)
                     WHERE da.sha256 = d.sha256) AS authorities,
                   d.first_seen, d.updated
            FROM documents d
            ORDER BY d.source, d.sha256
            """
        ).pl()
    return _masked(df, "source")  # a file may be named after a person: "jo.bloggs@council.gov.uk CV.pdf"


def _sql_string(value: str) -> str:
    return value.replace("'", "''")


def _masked(df: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """``df`` with contacts masked in the given text columns (length-preserving, see ``privacy``)."""
    if df.is_empty():
        return df
    return df.with_columns(mask_series(df[c]) for c in columns)


# -- filters, the salary benchmark, comparisons, arrangements, evidence ---------------------------
#
# "Comparable salaries" throughout are the salary facts of good, real documents (never one the
# project wrote: `documents.fictional`) that pay a post by the year (the contract's `period` is
# "year" unless stated; day and hourly rates are not comparable) at least BENCHMARK_FLOOR_GBP, one
# per fact. A salary's *midpoint* is (min_gbp + max_gbp) / 2 when both are known; an "up to £X"
# salary (min null) has no midpoint and takes no part in percentiles or nearest posts, though it
# is listed. A document's *year* is `documents.year`: the year its source says it was published,
# else the latest year its text mentions that is not after the year the warehouse first saw it.
#
# A *post* is what the benchmark counts: the salary facts that give the same figures for the same
# role category at the same employing authorities are one post, however many councils share it and
# however many documents report it.

# Role categories are listed in the registry's order (ROLE_CATEGORIES, from extract/kinds.py); people
# by status in this order (who is in post, then who is coming and going), each a PersonStatus.
PEOPLE_STATUSES: tuple[str, ...] = tuple(
    PersonStatus(s).value for s in ("incumbent", "incoming", "outgoing", "contact", "other")
)
NEAREST_LIMIT = 5
# The role category the benchmark compares within unless told otherwise.
DEFAULT_ROLE_CATEGORY: str = RoleCategory.DCS.value
# No senior council post is paid less than this a year; an annual figure under it is a point on a
# pay scale, an allowance or another post's pay, and would drag a benchmark of senior posts down.
BENCHMARK_FLOOR_GBP = 40_000

_COMPARABLE_SALARIES = f"""
    SELECT f.fact_id, fa.gss, a.name, a.nice_name, a.region, a.type, a.type_name,
           f.role, f.role_category, f.min_gbp, f.max_gbp,
           CASE WHEN f.min_gbp IS NOT NULL AND f.max_gbp IS NOT NULL THEN (f.min_gbp + f.max_gbp) / 2 END AS midpoint,
           coalesce(f.period, 'year') AS period, d.year, d.source, d.publisher, d.published, d.source_url, d.licence,
           f.sha256, f.evidence_text AS evidence, f.page, f.confidence
    FROM facts f
    JOIN documents d USING (sha256)
    LEFT JOIN fact_authorities fa ON fa.fact_id = f.fact_id AND fa.role = 'employer'
    LEFT JOIN authorities a ON a.gss = fa.gss
    WHERE f.kind = 'salary' AND d.status = 'ok' AND NOT coalesce(d.fictional, false)
      AND coalesce(f.period, 'year') = 'year'
      AND coalesce(f.max_gbp, f.min_gbp) >= {BENCHMARK_FLOOR_GBP}
"""


@dataclass(frozen=True)
class FilterOptions:
    """What the salary benchmark can be filtered on, as present among comparable salaries.

    ``regions`` (sorted), ``authority_types`` (gazetteer type codes such as ``'LBO'``, sorted, with
    ``authority_type_names`` mapping code → readable name such as ``'London borough'``), ``years``
    (ascending ints) and ``role_categories`` (in the contract's order) are taken from annual
    salary facts of good documents and their employing authorities, so every option selects
    something. ``authorities`` lists every authority any fact of a good document names (for
    pickers such as the comparison page): gss, name, nice_name, region, type, type_name, facts
    (count), ordered by nice_name.
    """

    regions: list[str]
    authority_types: list[str]
    authority_type_names: dict[str, str]
    years: list[int]
    role_categories: list[str]
    authorities: pl.DataFrame


@dataclass(frozen=True)
class SalaryBenchmark:
    """Where a salary sits among comparable posts (see the notes above ``_COMPARABLE_SALARIES``).

    ``rows``: polars DataFrame, one row per comparable salary fact *and* employing authority (a
    post two councils share appears under both; facts whose employer is unknown have null
    authority columns). Columns: fact_id, post_id, gss, name, nice_name, region, type, type_name,
    role, role_category, min_gbp, max_gbp, midpoint, period, year, source, publisher, published,
    source_url, licence, sha256, evidence (masked), page, confidence; ordered by midpoint (highest
    first, unknown last), then nice_name. ``post_id`` is the same for every fact of one post.

    ``figure``: the salary compared — ``salary_gbp``, else the midpoint of ``min_gbp``/``max_gbp``,
    else whichever of them was given; None when nothing was given.

    ``role_categories``: the categories compared within (empty: all of them).

    ``n_posts``: how many posts in ``rows`` have a midpoint; the percentile base. ``n_authorities``
    and ``years`` (first, last; None without posts): the authorities employing those posts and the
    years of their documents, so that an answer can say what it compared.

    ``percentile``: 0–100, the percentile rank of ``figure`` among those posts' midpoints, each
    post counted once: 100 × (posts strictly below + ½ × posts equal) / n_posts. So a figure equal
    to the only post's midpoint is at 50, above all is at 100, below all at 0. None when there is
    no figure or no post with a midpoint.

    ``nearest``: polars DataFrame of up to 5 posts whose midpoints are nearest ``figure``, each
    once with every authority that employs it. Columns: post_id, gss (the first employer), name,
    nice_name (every employer's name, joined with " and "), region, type, type_name (the first
    employer's), employers (how many), fact_id, role, role_category, min_gbp, max_gbp, midpoint,
    difference (midpoint − figure), source, publisher, published, source_url; ordered by
    |difference|, ties by nice_name. Empty (same columns) without a figure.
    """

    rows: pl.DataFrame
    figure: float | None
    n_posts: int
    percentile: float | None
    nearest: pl.DataFrame
    role_categories: tuple[str, ...] = ()
    n_authorities: int = 0
    years: tuple[int, int] | None = None

    @property
    def pool(self) -> str:
        """What the figure was compared with, in words: "13 posts of Director of Children's Services
        in 11 authorities, 2019–2025"."""
        posts = f"{self.n_posts} post{'s' if self.n_posts != 1 else ''}"
        if self.role_categories:
            posts += " of " + " or ".join(RoleCategory.label_of(c) for c in self.role_categories)
        else:
            posts += " (all senior posts)"
        where = f" in {self.n_authorities} authorit{'ies' if self.n_authorities != 1 else 'y'}"
        when = ""
        if self.years:
            first, last = self.years
            when = f", {first}" if first == last else f", {first}–{last}"
        return posts + where + when


@dataclass(frozen=True)
class AuthorityComparison:
    """One authority, for the side-by-side comparison. Every frame is polars, text masked, and
    every frame's ``source`` comes with the document's other SOURCE_COLUMNS (publisher, published,
    source_url, licence, fictional).

    - ``gss``, ``name``, ``nice_name``, ``type``, ``type_name``, ``region``: from the gazetteer.
    - ``population_2020``: the gazetteer's 2020 population (None when it has none).
    - ``populations``: populations claimed in documents — fact_id, value, qualifier, group
      (``all``/``under_18``), year, source, evidence; largest first.
    - ``salaries``: salary facts naming it as employer (any period) — fact_id, role,
      role_category, min_gbp, max_gbp, midpoint, period, year, source, evidence.
    - ``child_poverty``: poverty rates for children — fact_id, percent, comparator_area,
      comparator_percent (both null when the document gives no comparator), year, source, evidence.
    - ``arrangements``: shared posts and partnerships it is part of — fact_id, kind
      (``shared_post``/``partnership``), post (the post, or the partnership's name),
      role_category, status, partners (list of the other GSS codes), partner_names (their nice
      names, same order), source, evidence.
    - ``people``: people facts naming it — fact_id, name, role, role_category, status
      (incumbent first, then incoming, outgoing, contact, other), source, evidence.
    """

    gss: str
    name: str
    nice_name: str | None
    type: str | None
    type_name: str | None
    region: str | None
    population_2020: int | None
    populations: pl.DataFrame
    salaries: pl.DataFrame
    child_poverty: pl.DataFrame
    arrangements: pl.DataFrame
    people: pl.DataFrame


@dataclass(frozen=True)
class FactEvidence:
    """A fact with everything needed to show it in its document (all text masked, same length).

    ``start``/``end`` are offsets into ``text`` (the repaired text) and ``evidence ==
    text[start:end]``; ``page`` is 1-based and ``page_starts[i]`` is where page i+1 begins in
    ``text``. ``raw_text`` is the text as first read, before repair. ``repair_log`` is the list of
    repair steps (dicts: method, chars_changed, font, detail), ``repair_methods`` their distinct
    methods in order and ``chars_changed`` their total. ``authorities`` are (gss, nice name or
    None, link role) tuples. ``fields`` is the fact as the facts contract gives it. ``source`` is
    the stored path; ``publisher``, ``published``, ``source_url``, ``licence`` and ``fictional``
    say where the document was published (see SOURCE_COLUMNS).
    """

    fact_id: str
    kind: str
    fields: dict[str, Any]
    confidence: float
    authorities: list[tuple[str, str | None, str]]
    source: str
    publisher: str | None
    published: str | None
    source_url: str | None
    licence: str | None
    fictional: bool
    sha256: str
    doc_type: str | None
    year: int | None
    page: int
    start: int
    end: int
    evidence: str
    text: str
    raw_text: str
    page_starts: list[int]
    repair_log: list[dict[str, Any]]
    repair_methods: list[str]
    chars_changed: int


def filter_options(db: DbPath) -> FilterOptions:
    """The salary benchmark's filter values and the authorities with facts (see :class:`FilterOptions`)."""
    with read_only(db) as con:
        combos = con.execute(
            f"SELECT DISTINCT region, type, type_name, year, role_category FROM ({_COMPARABLE_SALARIES}) s"
        ).fetchall()
        authorities = con.sql(
            """
            WITH counts AS (  -- a fact links an authority once (one link role per kind)
                SELECT fa.gss, count(*)::BIGINT AS facts
                FROM fact_authorities fa JOIN facts f USING (fact_id) JOIN documents d USING (sha256)
                WHERE d.status = 'ok'
                GROUP BY fa.gss
            )
            SELECT a.gss, a.name, a.nice_name, a.region, a.type, a.type_name, c.facts
            FROM counts c JOIN authorities a USING (gss)
            ORDER BY a.nice_name, a.gss
            """
        ).pl()
    type_names = dict(sorted({t: name or t for _, t, name, _, _ in combos if t is not None}.items()))
    present = {c for *_, c in combos if c is not None}
    return FilterOptions(
        regions=sorted({r for r, *_ in combos if r is not None}),
        authority_types=sorted(type_names),
        authority_type_names=type_names,
        years=sorted({int(y) for _, _, _, y, _ in combos if y is not None}),
        role_categories=[c for c in ROLE_CATEGORIES if c in present] + sorted(present - set(ROLE_CATEGORIES)),
        authorities=authorities,
    )


def salary_benchmark(
    db: DbPath,
    *,
    salary_gbp: float | None = None,
    min_gbp: float | None = None,
    max_gbp: float | None = None,
    role_category: str | Sequence[str] | None = DEFAULT_ROLE_CATEGORY,
    regions: Sequence[str] | None = None,
    authority_types: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> SalaryBenchmark:
    """Comparable salaries under the filters, and where a salary (or a range) sits among them.

    Give ``salary_gbp`` *or* a range (``min_gbp``/``max_gbp``, either may be alone), not both.
    Filters: ``role_category`` (one value or several; DCS posts unless told otherwise, None or
    empty for every category), ``regions``, ``authority_types`` (type codes, as in
    :class:`FilterOptions`) and ``years`` (document years); None or empty means all. A region or
    type filter keeps the rows of matching employers only (so a salary with no known employer
    drops out). See :class:`SalaryBenchmark` for what comes back.
    """
    figure = _benchmark_figure(salary_gbp, min_gbp, max_gbp)
    sql = _COMPARABLE_SALARIES
    params: list[Any] = []
    categories = [role_category] if isinstance(role_category, str) else list(role_category or [])
    for values, column, cast in (
        (categories, "f.role_category", "VARCHAR"),
        (list(regions or []), "a.region", "VARCHAR"),
        (list(authority_types or []), "a.type", "VARCHAR"),
        ([int(y) for y in years or []], "d.year", "INTEGER"),
    ):
        if values:
            sql += f" AND list_contains(?::{cast}[], {column})"
            params.append(values)
    sql += " ORDER BY midpoint DESC NULLS LAST, a.nice_name NULLS LAST, f.fact_id"
    with read_only(db) as con:
        rows = con.sql(sql, params=params).pl()
    rows = _with_post_ids(_masked(rows, "evidence", "role", "source"))

    posts = rows.filter(pl.col("midpoint").is_not_null())
    distinct = posts.unique("post_id", keep="first")
    n_posts = distinct.height
    percentile: float | None = None
    if figure is not None and n_posts:
        below = distinct.filter(pl.col("midpoint") < figure).height
        equal = distinct.filter(pl.col("midpoint") == figure).height
        percentile = 100.0 * (below + 0.5 * equal) / n_posts
    pool_years = posts["year"].drop_nulls()

    nearest = _nearest_posts(posts if figure is not None else posts.head(0), figure or 0.0)
    return SalaryBenchmark(
        rows=rows, figure=figure, n_posts=n_posts, percentile=percentile, nearest=nearest,
        role_categories=tuple(categories), n_authorities=posts["gss"].drop_nulls().n_unique(),
        years=(int(pool_years.min()), int(pool_years.max())) if pool_years.len() else None,
    )


def _with_post_ids(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` with a ``post_id``: facts with the same role category, figures and employers are one post."""
    employers = rows.group_by("fact_id").agg(pl.col("gss").drop_nulls().unique().sort().str.join("+").alias("_employers"))
    key = pl.concat_str(
        [pl.col("role_category").fill_null(""), pl.col("min_gbp").cast(pl.String).fill_null(""),
         pl.col("max_gbp").cast(pl.String).fill_null(""), pl.col("_employers")],
        separator="|",
    )
    return (
        rows.join(employers, on="fact_id", how="left", maintain_order="left")
        .with_columns(post_id=pl.when(pl.col("_employers") == "").then(pl.col("fact_id")).otherwise(key))
        .drop("_employers")
        .select("fact_id", "post_id", pl.exclude("fact_id", "post_id"))
    )


def _nearest_posts(posts: pl.DataFrame, figure: float) -> pl.DataFrame:
    """Up to NEAREST_LIMIT posts nearest ``figure``, each once, with all its employers' names."""
    employed = posts.filter(pl.col("gss").is_not_null()).sort(["nice_name", "gss"])
    return (
        employed.group_by("post_id", maintain_order=True)
        .agg(
            pl.col("gss").first(),
            pl.col("name").first(),
            pl.col("nice_name").fill_null(pl.col("gss")).unique(maintain_order=True).str.join(" and "),
            pl.col("region").first(),
            pl.col("type").first(),
            pl.col("type_name").first(),
            pl.col("gss").n_unique().alias("employers"),
            pl.col("fact_id").first(),
            *(pl.col(c).first() for c in ("role", "role_category", "min_gbp", "max_gbp", "midpoint", "source",
                                          "publisher", "published", "source_url")),
        )
        .with_columns(difference=pl.col("midpoint") - figure, _distance=(pl.col("midpoint") - figure).abs())
        .sort(["_distance", "nice_name", "post_id"])
        .head(NEAREST_LIMIT)
        .select(
            "post_id", "gss", "name", "nice_name", "region", "type", "type_name", "employers", "fact_id", "role",
            "role_category", "min_gbp", "max_gbp", "midpoint", "difference", "source", "publisher", "published",
            "source_url",
        )
    )


def compare_authorities(db: DbPath, gss_codes: Sequence[str]) -> list[AuthorityComparison]:
    """Side-by-side facts for the given authorities, in the order given (see :class:`AuthorityComparison`).

    Meant for two to four authorities; more than four raises ValueError, as does a code the
    gazetteer does not know. Repeated codes are compared once. No codes give an empty list.
    """
    codes = list(dict.fromkeys(gss_codes))
    if len(codes) > 4:
        raise ValueError(f"Compare at most four authorities at a time ({len(codes)} given).")
    if not codes:
        return []
    with read_only(db) as con:
        known = con.sql(
            "SELECT gss, name, nice_name, type, type_name, region, population_2020 FROM authorities "
            "WHERE list_contains(?::VARCHAR[], gss)",
            params=[codes],
        ).pl()
        unknown = [c for c in codes if c not in set(known["gss"].to_list())]
        if unknown:
            raise ValueError(f"Not in the gazetteer: {', '.join(unknown)}.")
        facts = con.sql(
            f"""
            SELECT fa.gss AS for_gss, f.fact_id, f.kind, f.role, f.role_category, f.min_gbp, f.max_gbp,
                   CASE WHEN f.min_gbp IS NOT NULL AND f.max_gbp IS NOT NULL THEN (f.min_gbp + f.max_gbp) / 2 END AS midpoint,
                   coalesce(f.period, 'year') AS period, f.value, f.qualifier, f.grp AS "group", f.percent,
                   f.comparator_area, f.comparator_percent, f.status, f.name,
                   coalesce(f.role, f.name) AS post,
                   (SELECT list(o.gss ORDER BY o.gss) FROM fact_authorities o
                     WHERE o.fact_id = f.fact_id AND o.gss <> fa.gss) AS partners,
                   (SELECT list(coalesce(oa.nice_name, o.gss) ORDER BY o.gss) FROM fact_authorities o
                     LEFT JOIN authorities oa ON oa.gss = o.gss
                     WHERE o.fact_id = f.fact_id AND o.gss <> fa.gss) AS partner_names,
                   d.year, {_SOURCE_SQL}, f.evidence_text AS evidence
            FROM fact_authorities fa
            JOIN facts f USING (fact_id)
            JOIN documents d USING (sha256)
            WHERE d.status = 'ok' AND list_contains(?::VARCHAR[], fa.gss)
            ORDER BY f.fact_id
            """,
            params=[codes],
        ).pl()
    facts = _masked(facts, "evidence", "role", "name", "post", "source")
    info = {r["gss"]: r for r in known.to_dicts()}
    result: list[AuthorityComparison] = []
    for code in codes:
        mine = facts.filter(pl.col("for_gss") == code)

        def kind(*kinds: str, mine: pl.DataFrame = mine) -> pl.DataFrame:
            return mine.filter(pl.col("kind").is_in(list(kinds)))

        a = info[code]
        result.append(
            AuthorityComparison(
                gss=code,
                name=a["name"],
                nice_name=a["nice_name"],
                type=a["type"],
                type_name=a["type_name"],
                region=a["region"],
                population_2020=a["population_2020"],
                populations=kind("population")
                .select("fact_id", "value", "qualifier", "group", "year", *SOURCE_COLUMNS, "evidence")
                .sort(["value", "fact_id"], descending=[True, False], nulls_last=True),
                salaries=kind("salary")
                .select("fact_id", "role", "role_category", "min_gbp", "max_gbp", "midpoint", "period", "year",
                        *SOURCE_COLUMNS, "evidence")
                .sort(["midpoint", "fact_id"], descending=[True, False], nulls_last=True),
                child_poverty=kind("poverty_rate")
                .filter(pl.col("group") == "children")
                .select("fact_id", "percent", "comparator_area", "comparator_percent", "year", *SOURCE_COLUMNS, "evidence")
                .sort(["percent", "fact_id"], descending=[True, False], nulls_last=True),
                arrangements=kind("shared_post", "partnership")
                .select("fact_id", "kind", "post", "role_category", "status", "partners", "partner_names",
                        *SOURCE_COLUMNS, "evidence")
                .sort(["kind", "status", "post", "fact_id"], descending=[True, False, False, False], nulls_last=True),
                people=kind("person")
                .select("fact_id", "name", "role", "role_category", "status", *SOURCE_COLUMNS, "evidence")
                .with_columns(
                    pl.col("status").replace_strict(
                        list(PEOPLE_STATUSES), list(range(len(PEOPLE_STATUSES))), default=len(PEOPLE_STATUSES),
                        return_dtype=pl.Int64,
                    ).alias("_order")
                )
                .sort(["_order", "name", "fact_id"], nulls_last=True)
                .drop("_order"),
            )
        )
    return result


def shared_posts(db: DbPath, status: str | Sequence[str] | None = None) -> pl.DataFrame:
    """Who shares what with whom: one row per pair of authorities in each shared post or partnership.

    An arrangement of n authorities gives n(n−1)/2 rows (each unordered pair once, gss_a <
    gss_b); the same arrangement reported by two documents gives rows under both facts.
    Columns: fact_id, kind (``shared_post``/``partnership``), post (the post, or the
    partnership's name; masked), role_category (null for partnerships), status (``current``,
    ``proposed``, ``former``), gss_a, name_a, gss_b, name_b (nice names, else the code),
    source, publisher, published, source_url, licence, fictional, sha256, evidence (masked). ``status`` filters (one value or several; None = all).
    Ordered by name_a, name_b, kind, post.
    """
    statuses = [status] if isinstance(status, str) else list(status or [])
    where = " AND list_contains(?::VARCHAR[], f.status)" if statuses else ""
    with read_only(db) as con:
        df = con.sql(
            f"""
            SELECT f.fact_id, f.kind, coalesce(f.role, f.name) AS post, f.role_category, f.status,
                   x.gss AS gss_a, coalesce(ax.nice_name, x.gss) AS name_a,
                   y.gss AS gss_b, coalesce(ay.nice_name, y.gss) AS name_b,
                   {_SOURCE_SQL}, f.sha256, f.evidence_text AS evidence
            FROM facts f
            JOIN documents d USING (sha256)
            JOIN fact_authorities x ON x.fact_id = f.fact_id
            JOIN fact_authorities y ON y.fact_id = f.fact_id AND x.gss < y.gss
            LEFT JOIN authorities ax ON ax.gss = x.gss
            LEFT JOIN authorities ay ON ay.gss = y.gss
            WHERE f.kind IN ('shared_post', 'partnership') AND d.status = 'ok'{where}
            ORDER BY name_a, name_b, f.kind DESC, post, f.fact_id
            """,
            params=[statuses] if statuses else None,
        ).pl()
    return _masked(df, "evidence", "post", "source")


def fact_evidence(db: DbPath, fact_id: str) -> FactEvidence | None:
    """One fact in its document (see :class:`FactEvidence`); None when there is no such fact."""
    with read_only(db) as con:
        row = first_row(
            con,
            f"""
            SELECT f.fact_id, f.kind, f.fields, f.confidence, {_SOURCE_SQL}, d.sha256, d.doc_type, d.year,
                   f.page, f.start_offset, f.end_offset, f.evidence_text, d.text, d.raw_text,
                   d.page_starts, d.repair_log
            FROM facts f JOIN documents d USING (sha256)
            WHERE f.fact_id = ?
            """,
            [fact_id],
        )
        if row is None:
            return None
        links = con.execute(
            """
            SELECT fa.gss, a.nice_name, fa.role FROM fact_authorities fa LEFT JOIN authorities a USING (gss)
            WHERE fa.fact_id = ? ORDER BY fa.gss, fa.role
            """,
            [fact_id],
        ).fetchall()
    (fid, kind, fields, confidence, source, publisher, published, source_url, licence, fictional, sha256, doc_type,
     year, page, start, end, evidence, text, raw_text, page_starts, repair_log) = row
    steps = [mask_value(s) for s in json.loads(repair_log or "[]")]
    return FactEvidence(
        fact_id=fid,
        kind=kind,
        fields=mask_value(json.loads(fields)),
        confidence=confidence,
        authorities=[(g, n, r) for g, n, r in links],
        source=mask_contacts(source),
        publisher=publisher,
        published=published,
        source_url=source_url,
        licence=licence,
        fictional=bool(fictional),
        sha256=sha256,
        doc_type=doc_type,
        year=year,
        page=page,
        start=start,
        end=end,
        evidence=mask_contacts(evidence),
        text=mask_contacts(text or ""),
        raw_text=mask_contacts(raw_text or ""),
        page_starts=json.loads(page_starts or "[0]"),
        repair_log=steps,
        repair_methods=list(dict.fromkeys(s.get("method") for s in steps if s.get("method"))),
        chars_changed=sum(int(s.get("chars_changed") or 0) for s in steps),
    )


def _benchmark_figure(salary_gbp: float | None, min_gbp: float | None, max_gbp: float | None) -> float | None:
    if salary_gbp is not None:
        if min_gbp is not None or max_gbp is not None:
            raise ValueError("Give a salary or a range (min_gbp/max_gbp), not both.")
        return float(salary_gbp)
    if min_gbp is not None and max_gbp is not None:
        if min_gbp > max_gbp:
            raise ValueError(f"The range's minimum (£{min_gbp:,.0f}) is above its maximum (£{max_gbp:,.0f}).")
        return (float(min_gbp) + float(max_gbp)) / 2
    if min_gbp is not None:
        return float(min_gbp)
    if max_gbp is not None:
        return float(max_gbp)
    return None
