"""Warehouse: documents, repaired text and facts in DuckDB."""
