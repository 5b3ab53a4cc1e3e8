from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from councildocs.warehouse.migrations import available_migrations
from councildocs.warehouse.rows import canonical_json, document_key, document_year
from councildocs.warehouse.testing import error_result


def test_canonical_json_is_order_and_float_insensitive():
    assert canonical_json({"b": 1.0, "a": [2.0, 2.5]}) == canonical_json({"a": [2, 2.5], "b": 1}) == '{"a":[2,2.5],"b":1}'


def test_unhashable_failures_are_keyed_by_path():
    assert document_key(error_result("a.pdf")) == document_key(error_result("a.pdf"))
    assert document_key(error_result("a.pdf")) != document_key(error_result("b.pdf"))
    assert document_key(error_result("a.pdf", sha256="c" * 64)) == "c" * 64


TRICKY = [
    ("Pay policy 2025. Plan to 2030. Since 1972.", 2026, (2025, "text")),
    ("Interviews in June 2026.", 2026, (2026, "text")),
    ("A ten-year plan to 2035.", 2026, (2026, "ingested")),
    ("Ref 20251 and £2,025 and 12025 are not years; x2019y neither.", 2026, (2026, "ingested")),
    ("Dated 2024-05-01, reviewed 2023/24.", 2026, (2024, "text")),
    ("", 2026, (2026, "ingested")),
    (None, 2026, (2026, "ingested")),
]


@pytest.mark.parametrize(("text", "first_seen", "expected"), TRICKY)
def test_document_year(text, first_seen, expected):
    assert document_year(text, first_seen) == expected


def test_migration_002_dates_documents_as_the_writer_does(tmp_path):
    """The SQL backfill and `document_year` agree on the tricky cases."""
    (m1, m2, *_) = available_migrations()
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    con.execute(m1.sql)
    for i, (text, first_seen, _) in enumerate(TRICKY):
        con.execute(
            "INSERT INTO documents (sha256, source, text, status, first_seen, updated) VALUES (?, ?, ?, 'ok', ?, ?)",
            [str(i), f"{i}.txt", text, datetime(first_seen, 3, 1), datetime(first_seen, 3, 1)],
        )
    con.execute(m2.sql)
    got = con.execute("SELECT year, year_source FROM documents ORDER BY sha256::INTEGER").fetchall()
    assert got == [expected for _, _, expected in TRICKY]
