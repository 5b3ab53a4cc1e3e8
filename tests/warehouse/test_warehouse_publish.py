"""Publishing: the writer never touches the published file until it swaps a finished copy in."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from councildocs.warehouse import queries, snapshot
from councildocs.warehouse.errors import WarehouseBusy
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import camden_result, wandsworth_result


def test_nothing_is_visible_until_publish(db_path: Path):
    wh = Warehouse(db_path)
    try:
        wh.store(wandsworth_result())
        assert not db_path.exists()
        wh.publish()
        assert queries.overview(db_path).documents_ok == 1
        wh.store(camden_result())  # the session goes on after publishing ...
        assert queries.overview(db_path).documents_ok == 1  # ... without touching the published file
        wh.publish()
        assert queries.overview(db_path).documents_ok == 2
    finally:
        wh.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_close_without_publish_discards_the_work(db_path: Path):
    with Warehouse(db_path) as wh:
        wh.store(wandsworth_result())
    wh = Warehouse(db_path)
    wh.store(camden_result())
    wh.close()
    assert queries.overview(db_path).documents_ok == 1
    assert not snapshot.working_path(db_path).exists()


def test_an_exception_in_the_block_publishes_nothing(db_path: Path):
    with pytest.raises(RuntimeError), Warehouse(db_path) as wh:
        wh.store(wandsworth_result())
        raise RuntimeError("batch interrupted")
    assert not db_path.exists()


def test_a_second_writer_is_refused(db_path: Path):
    with Warehouse(db_path):
        with pytest.raises(WarehouseBusy):
            Warehouse(db_path)


def test_a_working_copy_left_by_a_crash_is_not_trusted(db_path: Path):
    with Warehouse(db_path) as wh:
        wh.store(wandsworth_result())
    snapshot.working_path(db_path).write_bytes(b"half-written garbage")
    with Warehouse(db_path) as wh:
        assert wh.row_counts()["documents"] == 1


def test_readers_keep_working_while_a_batch_writes_and_publishes(db_path: Path):
    with Warehouse(db_path) as wh:
        wh.store(wandsworth_result())
    reader = duckdb.connect(str(db_path), read_only=True)  # a dashboard query in flight
    try:
        with Warehouse(db_path) as wh:
            wh.store(camden_result())
            assert queries.overview(db_path).documents_ok == 1  # new readers open fine mid-batch
        # The reader that was already open still sees its snapshot, consistently ...
        assert reader.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
        # ... while a query started now reads the new one, even with the old file still open
        # in this process (DuckDB would hand a plain connect() the cached old instance).
        assert queries.overview(db_path).documents_ok == 2
    finally:
        reader.close()
    assert queries.overview(db_path).documents_ok == 2


def test_publish_changes_the_snapshot_version(db_path: Path):
    assert queries.snapshot_version(db_path) is None
    with Warehouse(db_path) as wh:
        wh.store(wandsworth_result())
    first = queries.snapshot_version(db_path)
    with Warehouse(db_path) as wh:
        wh.start_run()
    assert queries.snapshot_version(db_path) not in (None, first)
