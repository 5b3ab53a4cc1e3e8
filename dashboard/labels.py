"""What people see for the contract's values: the labels of the fact-kind registry (extract/kinds.py).

Tables keep the contract's values in their data (so CSV downloads and links stay machine-readable)
and show the labels through column configs; widgets keep the values and show labels through
``format_func``.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from councildocs.extract.kinds import (
    ArrangementStatus, DocType, LabelledEnum, PersonStatus, RoleCategory, kind_label, kind_labels, values,
)

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


def _column(title: str, labels: dict[str, str], present: pl.Series | None = None):
    options = list(labels)
    if present is not None:
        options += sorted({v for v in present.drop_nulls().to_list() if v not in labels})
    return st.column_config.SelectboxColumn(title, options=options, format_func=lambda v: labels.get(v, v))


def enum_column(title: str, enum: type[LabelledEnum], present: pl.Series | None = None):
    """A read-only table column that holds ``enum`` values and shows their labels."""
    return _column(title, enum.labels(), present)


def kind_column(title: str = "Kind", present: pl.Series | None = None):
    """A read-only table column that holds fact kinds and shows their labels."""
    return _column(title, kind_labels(), present)

