"""Small DuckDB helpers shared by the writer and the readers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    """The first row of a query, or None.

    Always fetches the whole result: DuckDB 2 refuses new work on a connection while an
    ``execute()`` result is still open, and ``fetchone()`` leaves it open.
    """
    rows = con.execute(sql, list(params)).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = first_row(con, sql, params)
    return row[0] if row else None
