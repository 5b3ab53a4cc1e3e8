"""Widgets whose value lives in the page's URL, so that what a user chose can be shared as a link.

Each widget starts from its query parameter (``?role=dcs&region=London,North West``), falls back to
its default when the parameter is missing or names nothing on offer, and writes its value back to
the URL on every run (an empty or default value removes the parameter, keeping links short).
Lists are comma-separated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")


def _set(param: str, value: str | None) -> None:
    if value:
        if st.query_params.get(param) != value:
            st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def _parse(raw: str, cast: Callable[[str], T]) -> T | None:
    try:
        return cast(raw)
    except (TypeError, ValueError):
        return None


def selectbox(label: str, options: Sequence[T], *, param: str, default: T, cast: Callable[[str], T] = str,
              **kwargs: Any) -> T:
    asked = _parse(st.query_params.get(param, ""), cast)
    start = asked if asked in options else default
    value = st.selectbox(label, list(options), index=list(options).index(start) if start in options else 0,
                         key=f"url_{param}", **kwargs)
    _set(param, None if value == default else str(value))
    return value


def multiselect(label: str, options: Sequence[T], *, param: str, cast: Callable[[str], T] = str,
                default: Sequence[T] = (), **kwargs: Any) -> list[T]:
    """``?param=`` (present but empty) chooses nothing; a missing parameter chooses ``default``."""
    if param in st.query_params:
        asked = [_parse(part, cast) for part in st.query_params.get(param, "").split(",") if part]
    else:
        asked = list(default)
    value = st.multiselect(label, list(options), default=[a for a in asked if a in options], key=f"url_{param}",
                           **kwargs)
    if list(value) == [d for d in default if d in options]:
        _set(param, None)
    elif not value:
        st.query_params[param] = ""
    else:
        _set(param, ",".join(str(v) for v in value))
    return value


def radio(label: str, labels: Sequence[str], *, param: str, values: Sequence[str]) -> str:
    """A horizontal radio showing ``labels`` and returning (and storing) the matching ``values``."""
    asked = st.query_params.get(param, values[0])
    index = list(values).index(asked) if asked in values else 0
    chosen = st.radio(label, list(labels), index=index, horizontal=True, key=f"url_{param}")
    value = values[list(labels).index(chosen)]
    _set(param, None if value == values[0] else value)
    return value


def number_input(label: str, *, param: str, step: int) -> int:
    """A whole number of at least 0; 0 means "not given"."""
    asked = _parse(st.query_params.get(param, ""), int) or 0
    value = int(st.number_input(label, min_value=0, step=step, value=max(0, asked), key=f"url_{param}"))
    _set(param, str(value) if value else None)
    return value
