"""councildocs: UK council leadership documents turned into comparable, evidenced facts.

The Python API (README, "Python API")::

    import councildocs

    result = councildocs.extract_file("advert.pdf")            # a DocumentResult
    for fact in result.extraction.facts:
        print(fact.kind, fact.fields, fact.evidence.text)

    warehouse = councildocs.open_warehouse("var/warehouse.duckdb")   # built by `dcs ingest`
    bench = warehouse.salary_benchmark(salary_gbp=140_000)           # among DCS posts
    print(bench.percentile, bench.pool)

- :func:`extract_file` reads, repairs and extracts one file, as ``dcs extract`` does (one spaCy
  pipeline per process, built on first use);
- :func:`open_warehouse` returns a read-only :class:`WarehouseReader` whose methods answer with polars
  DataFrames and the dataclasses of ``councildocs.warehouse.queries``.

The stages live in their own folders at the repository root and are installed as
``councildocs.ingest``, ``councildocs.extract``, ``councildocs.warehouse`` and
``councildocs.dashboard`` (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["DocumentResult", "WarehouseReader", "extract_file", "open_warehouse", "__version__"]

# Imported on first use, so that `import councildocs` (and so `dcs --help`) does not load spaCy,
# DuckDB or polars. name -> the module that defines it.
_LAZY: dict[str, str] = {
    "extract_file": "councildocs.api",
    "open_warehouse": "councildocs.api",
    "WarehouseReader": "councildocs.api",
    "DocumentResult": "councildocs.results",
}

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports them
    from councildocs.api import WarehouseReader, extract_file, open_warehouse
    from councildocs.results import DocumentResult


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'councildocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups no longer come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
