from __future__ import annotations

from councildocs.warehouse.rows import canonical_json, document_key
from councildocs.warehouse.testing import error_result


def test_canonical_json_is_order_and_float_insensitive():
    assert canonical_json({"b": 1.0, "a": [2.0, 2.5]}) == canonical_json({"a": [2, 2.5], "b": 1}) == '{"a":[2,2.5],"b":1}'


def test_unhashable_failures_are_keyed_by_path():
    assert document_key(error_result("a.pdf")) == document_key(error_result("a.pdf"))
    assert document_key(error_result("a.pdf")) != document_key(error_result("b.pdf"))
    assert document_key(error_result("a.pdf", sha256="c" * 64)) == "c" * 64
