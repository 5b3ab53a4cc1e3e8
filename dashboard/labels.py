"""What people see for the contract's values: the labels of the fact-kind registry (extract/kinds.py).

Tables keep the contract's values in their data (so CSV downloads and links stay machine-readable)
and show the labels through column configs; widgets keep the values and show labels through
``format_func``.
"""

from __future__ import annotations

from pathlib import PurePath

import polars as pl
import streamlit as st

from councildocs.extract.kinds import (
    ArrangementStatus, DocType, LabelledEnum, PersonStatus, RoleCategory, kind_label, kind_labels, values,
)

# How a document the project wrote itself is named wherever one of its figures is shown.
FICTIONAL = "Fictional example"

role_category = RoleCategory.label_of
arrangement_status = ArrangementStatus.label_of
doc_type = DocType.label_of
kind = kind_label


def status(value: str | None) -> str:
    """The label of a status of either vocabulary (arrangements' and people's)."""
    for enum in (ArrangementStatus, PersonStatus):
        if value in values(enum):
            return enum(value).label
    return "" if value is None else str(value)


def _column(title: str, labels: dict[str, str], present: pl.Series | None = None, width: str | None = None):
    options = list(labels)
    if present is not None:
        options += sorted({v for v in present.drop_nulls().to_list() if v not in labels})
    return st.column_config.SelectboxColumn(title, options=options, format_func=lambda v: labels.get(v, v),
                                            width=width)


def enum_column(title: str, enum: type[LabelledEnum], present: pl.Series | None = None, width: str | None = None):
    """A read-only table column that holds ``enum`` values and shows their labels."""
    return _column(title, enum.labels(), present, width)


def kind_column(title: str = "Kind", present: pl.Series | None = None, width: str | None = None):
    """A read-only table column that holds fact kinds and shows their labels."""
    return _column(title, kind_labels(), present, width)



def published_by(publisher: str | None, published: str | None, fictional: bool | None,
                 source: str | None = None) -> str:
    """Who published a figure's document and when: "Manchester City Council, 2024". The project's own
    examples are named as fictional; a document no sources.csv names shows its file name."""
    if fictional:
        return f"{FICTIONAL} (written by councildocs)"
    if not publisher:
        name = PurePath(source).name if source else ""
        return f"Source not recorded ({name})" if name else "Source not recorded"
    return f"{publisher}, {published}" if published else publisher


def published_by_column(df: pl.DataFrame) -> pl.Expr:
    """:func:`published_by` over a frame with the warehouse's source columns."""
    fields = [c for c in ("publisher", "published", "fictional", "source") if c in df.columns]
    return pl.struct(fields).map_elements(
        lambda r: published_by(r["publisher"], r["published"], r["fictional"], r.get("source")),
        return_dtype=pl.String,
    ).alias("published_by")


def money(value: float | None) -> str:
    return "—" if value is None else f"£{value:,.0f}"


def money_range(low: float | None, high: float | None) -> str:
    """"£113,205–£138,362", "up to £150,000" or one figure; "—" for none."""
    if low is not None and high is not None and low != high:
        return f"£{low:,.0f}–£{high:,.0f}"
    if low is None and high is not None:
        return f"up to £{high:,.0f}"
    return money(low if low is not None else high)


def fact_statement(kind: str, fields: dict, authority_names: list[str]) -> str:
    """A fact in one plain sentence, for the evidence page's heading: "Salary: £135,976–£155,898 a year
    for Strategic Director of Children's Services — Manchester". Plain text: callers must show it as text."""
    where = " and ".join(authority_names) or "no authority identified"
    f = fields
    if kind == "salary":
        period = {"year": "a year", "day": "a day", "hour": "an hour"}.get(f.get("period") or "year", "")
        post = f.get("role") or RoleCategory.label_of(f.get("role_category"))
        said = f"{money_range(f.get('min_gbp'), f.get('max_gbp'))} {period} for {post}"
    elif kind == "population":
        qualifier = {"exact": "", "over": "over ", "under": "under ", "about": "about "}.get(f.get("qualifier"), "")
        group = "under-18s" if f.get("group") == "under_18" else "residents"
        said = f"{qualifier}{f.get('value') or 0:,} {group}"
    elif kind == "poverty_rate":
        group = "of children" if f.get("group") == "children" else "of residents"
        comparator = f.get("comparator") or {}
        versus = f" (against {comparator['area']} {comparator['percent']:g}%)" if comparator.get("area") else ""
        said = f"{f.get('percent'):g}% {group} in poverty{versus}"
    elif kind in ("shared_post", "partnership"):
        what = f.get("post") or f.get("name") or ""
        said = f"{what} ({ArrangementStatus.label_of(f.get('status')).lower()})"
    elif kind == "person":
        said = f"{f.get('name')}, {f.get('role')} ({PersonStatus.label_of(f.get('status')).lower()})"
    else:
        said = ""
    return f"{kind_label(kind)}: {said} — {where}"
