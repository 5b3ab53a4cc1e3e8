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

EVIDENCE_PAGE = "app_pages/evidence.py"
EVIDENCE_URL = "evidence"  # the url_path app.py gives the evidence page
QUERY_PARAM = "fact"


def evidence_url(fact_id: str) -> str:
    return f"{EVIDENCE_URL}?{QUERY_PARAM}={fact_id}"


def with_evidence_links(df: pl.DataFrame, column: str = "fact_id") -> pl.DataFrame:
    """``df`` with an ``open`` column linking each row's fact to the evidence page (unchanged without ``fact_id``)."""
    if column not in df.columns:
        return df
    return df.with_columns(open=pl.lit(f"{EVIDENCE_URL}?{QUERY_PARAM}=") + pl.col(column))


def link_column() -> dict[str, Any]:
    return {"open": st.column_config.LinkColumn("Source", display_text="evidence", width="small")}


def money_columns(df: pl.DataFrame) -> dict[str, Any]:
    config: dict[str, Any] = {c: st.column_config.NumberColumn(c.replace("_gbp", " (£)"), format="£%,d")
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


def money(value: float | None) -> str:
    return "—" if value is None else f"£{value:,.0f}"


def money_range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None and low != high:
        return f"£{low:,.0f}–£{high:,.0f}"
    if low is None and high is not None:
        return f"up to £{high:,.0f}"
    value = low if low is not None else high
    return money(value)


def ordinal(value: float) -> str:
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
