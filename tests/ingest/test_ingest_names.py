"""File names shown and stored as text any consumer accepts (ingest/names.py)."""

from __future__ import annotations

import os

from councildocs.ingest.names import printable


def test_valid_names_are_unchanged():
    for name in ("corpus/adverts/wandsworth-dcs.pdf", "Cyngor Gwynedd – swydd.pdf", "пример.txt", "a\\xffb.txt"):
        assert printable(name) == name


def test_bytes_that_are_not_utf8_are_written_as_hex_and_nothing_else_changes():
    name = os.fsdecode(b"papers/caf\xe9 \xff\xfe report \xc3\xa9.txt")  # as Python lists a Latin-1 name
    shown = printable(name)
    assert shown == "papers/caf\\xe9 \\xff\\xfe report é.txt"
    shown.encode("utf-8")  # valid UTF-8: DuckDB, JSON and a strict stream all take it


def test_a_stray_surrogate_that_is_not_a_file_name_byte_is_escaped_too():
    assert printable("odd \ud800 text") == "odd \\ud800 text"
