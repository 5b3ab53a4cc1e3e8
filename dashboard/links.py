"""Small helpers the pages share: links to the evidence page, and money and percentile wording.

Any fact shown on a page is one click from its sentence: tables that carry a ``fact_id`` get an
"open" link column to ``evidence?fact=<fact id>`` (the evidence page reads ``st.query_params``),
and :func:`evidence_picker` offers the same as a page link for a chosen row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from councildocs.dashboard import labels
from councildocs.dashboard.labels import money, money_range  # noqa: F401  (pages use them as links.money*)

EVIDENCE_PAGE = "app_pages/evidence.py"
EVIDENCE_URL = "evidence"  # the url_path app.py gives the evidence page
QUERY_PARAM = "fact"


def evidence_url(fact_id: str) -> str:
    return f"{EVIDENCE_URL}?{QUERY_PARAM}={fact_id}"


def with_evidence_links(df: pl.DataFrame, column: str = "fact_id") -> pl.DataFrame:
    """``df`` with an ``open`` column, first, linking each row's fact to the evidence page, and — when
    ``df`` carries the warehouse's source columns — ``published_by`` (who published the document,
    and when; fictional examples named as such) and ``source_link`` (the address it was published
    at). Unchanged without ``fact_id``."""
    if column not in df.columns:
        return df
    linked = df.with_columns(open=pl.lit(f"{EVIDENCE_URL}?{QUERY_PARAM}=") + pl.col(column))
    if {"publisher", "published", "fictional"} <= set(df.columns):
        linked = linked.with_columns(labels.published_by_column(linked))
    if "source_url" in df.columns:
        linked = linked.with_columns(source_link=safe_url(pl.col("source_url")))
    return linked.select("open", pl.exclude("open"))


def safe_url(url: pl.Expr) -> pl.Expr:
    """Only web addresses become links: a stored URL of any other scheme (``javascript:``…) is dropped."""
    return pl.when(url.str.contains(r"^https?://[^\s]+$")).then(url).otherwise(None)


# Source columns a page keeps in its data (and CSV) but does not show: the stored path, the parts
# ``published_by`` reads, and the licence (shown on the evidence page).
HIDDEN_SOURCE_COLUMNS = ("source", "publisher", "published", "source_url", "licence", "fictional", "sha256")


def link_column() -> dict[str, Any]:
    """Column configs for the links :func:`with_evidence_links` adds, and for hiding what they replace."""
    return {
        "open": st.column_config.LinkColumn("Evidence", display_text="sentence", width="small",
                                            help="Open the sentence this figure was read from"),
        "published_by": st.column_config.TextColumn("Published by", width="medium"),
        "source_link": st.column_config.LinkColumn("Source", display_text="page", width="small",
                                                   help="Where the document was published"),
        **{c: None for c in HIDDEN_SOURCE_COLUMNS},
    }


def money_columns(df: pl.DataFrame) -> dict[str, Any]:
    names = {"min_gbp": "From", "max_gbp": "To", "midpoint_gbp": "Midpoint"}
    config: dict[str, Any] = {c: st.column_config.NumberColumn(names.get(c, c.replace("_gbp", " (£)")), format="£%,d",
                                                               width="small")
                              for c in df.columns if c.endswith("_gbp")}
    if "fact_id" in df.columns:
        config["fact_id"] = None
        config.update(link_column())
    return config


def evidence_picker(df: pl.DataFrame, label: Callable[[dict], str], *, key: str = "evidence_pick") -> None:
    """A select box over ``df``'s facts and a link that opens the chosen one on the evidence page."""
    if "fact_id" not in df.columns or df.is_empty():
        return
    rows = {r["fact_id"]: r for r in df.unique("fact_id", keep="first", maintain_order=True).iter_rows(named=True)}
    with st.container(border=True):
        chosen = st.selectbox("See where a figure comes from", list(rows), format_func=lambda f: label(rows[f]),
                              key=key)
        st.page_link(EVIDENCE_PAGE, label="Open its sentence in the source document", icon=":material/search:",
                     query_params={QUERY_PARAM: chosen})


def ordinal(value: float) -> str:
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
