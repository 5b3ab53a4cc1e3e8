"""Warehouse errors a caller can act on (the CLI and the dashboard turn them into messages)."""

from __future__ import annotations


def first_line(err: BaseException) -> str:
    """The first line of an error's message (DuckDB's run to several), for one-line messages."""
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


class WarehouseError(Exception):
    """Base class for warehouse problems."""


class WarehouseBusy(WarehouseError):
    """Another process is already writing this warehouse (DuckDB allows one writer)."""


class WarehouseMissing(WarehouseError):
    """There is no published warehouse file at the given path yet."""


class WarehouseUnavailable(WarehouseError):
    """The published file exists but cannot be read (locked by a writer, not a DuckDB file, no schema)."""


class WarehouseCorrupt(WarehouseError):
    """The file at the warehouse's path is not a DuckDB database a writer can open (damaged, truncated,
    something else); nothing was changed."""
