"""The writer side of the warehouse: store DocumentResults, one transaction per document, then publish.

Typical batch use (what ``dcs ingest`` does)::

    with Warehouse(db_path) as wh:          # lock, working copy, migrate, gazetteer dimension
        run_id = wh.start_run()
        for result in results:
            outcome = wh.store(result, run_id)  # 'new' | 'unchanged' | 're-extracted' | 'failed'
        wh.finish_run()                      # counts default to the outcomes tallied above
    # leaving the block without an exception publishes; with one, the work is discarded

Re-storing is safe: documents are keyed by content hash, facts by a hash of (document, kind,
evidence span, fields). An unchanged document stored under the same extractor version writes
nothing; a different extractor version replaces that document's facts; an error result never
deletes a good stored document. See ``snapshot`` for how publishing keeps readers working.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal

import duckdb
import polars as pl
import pyarrow as pa

from councildocs.extract.gazetteer import Gazetteer, load_gazetteer
from councildocs.extract.pipeline import EXTRACTOR_VERSION
from councildocs.ingest.errors import ErrorCode
from councildocs.results import DocumentResult
from councildocs.warehouse import snapshot
from councildocs.warehouse.db import first_row, scalar
from councildocs.warehouse.errors import WarehouseCorrupt, WarehouseError, first_line
from councildocs.warehouse.migrations import migrate
from councildocs.warehouse.rows import (
    FACT_COLUMNS,
    PROVENANCE_COLUMNS,
    FactRow,
    document_key,
    document_year,
    fact_rows,
    provenance_values,
)

Outcome = Literal["new", "unchanged", "re-extracted", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("new", "unchanged", "re-extracted", "failed")

TABLES: tuple[str, ...] = (
    "documents", "facts", "fact_authorities", "document_authorities", "authorities", "ingest_runs", "schema_migrations",
)

_DOCUMENT_COLUMNS = (
    "sha256", "source", "media_type", "pages", "doc_type", "raw_text", "text", "page_starts", "repair_log",
    "status", "error_code", "error_message", "extractor_version", "run_id", "first_seen", "updated",
    "year", "year_source",  # migration 002
    *PROVENANCE_COLUMNS,  # migration 003
)
_AUTHORITY_SCHEMA: dict[str, type[pl.DataType]] = {
    "gss": pl.String, "code": pl.String, "name": pl.String, "nice_name": pl.String, "type": pl.String,
    "type_name": pl.String, "region": pl.String, "nation": pl.String, "population_2020": pl.Int64,
    "current": pl.Boolean, "replaced_by_gss": pl.String,
}
_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))})"
)
# Everything but the key and first_seen, which a re-extraction keeps.
_DOCUMENT_UPDATE = ", ".join(f"{c} = ?" for c in _DOCUMENT_COLUMNS if c not in ("sha256", "first_seen"))


# Failures that follow from the bytes, so the same content fails the same way until the reader changes
# (with the extractor version) and is not read again on every run. too_large and timed_out are among
# them: the limits are enforced from outside the reading process, so a file over them is over them
# every time (`dcs ingest --retry-failed` reads them again, say after raising a limit). Not among them:
# internal_error (a bug, or a crashed reader), not_found and unreadable (the file, not its content),
# unsupported_type (the file's name, not its content).
SETTLED_ERRORS = tuple(str(code) for code in (
    ErrorCode.EMPTY, ErrorCode.CORRUPT_PDF, ErrorCode.ENCRYPTED, ErrorCode.NO_TEXT_LAYER,
    ErrorCode.TOO_LARGE, ErrorCode.TIMED_OUT,
))


class Warehouse:
    """A writing session on the warehouse published at ``path``.

    Opening takes the writer lock and works on a private copy (``<path>.writing``); nothing is
    visible at ``path`` until :meth:`publish`. After publishing, the session can go on writing
    (a new working copy is made on the next write) until :meth:`close`.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        extractor_version: str = EXTRACTOR_VERSION,
        gazetteer: Gazetteer | None = None,
        wait_s: float = 0.0,
    ):
        self.path = Path(path)
        self.extractor_version = extractor_version
        self._gazetteer = gazetteer
        lock = snapshot.WriterLock(self.path)
        lock.acquire(wait_s)  # another writer: wait up to wait_s seconds, then WarehouseBusy
        self._lock: snapshot.WriterLock | None = lock
        self._con: duckdb.DuckDBPyConnection | None = None
        self._run_id: str | None = None
        self._tally: Counter[str] = Counter()
        try:
            self._connection()
        except duckdb.Error as err:
            # a damaged file: say so in one line, and leave nothing behind (no half-made working copy)
            snapshot.discard_working_copy(self.path)
            lock.release()
            raise WarehouseCorrupt(
                f"The warehouse at {self.path} cannot be opened ({first_line(err)}); nothing was changed. "
                "Move it aside to build a new one."
            ) from err
        except BaseException:
            snapshot.discard_working_copy(self.path)
            lock.release()
            raise

    # -- session -------------------------------------------------------------------------------

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._lock is None:
            raise WarehouseError("This Warehouse is closed.")
        if self._con is None:
            work = snapshot.prepare_working_copy(self.path)
            con = duckdb.connect(str(work))
            try:
                migrate(con)
                self._sync_authorities(con)
            except BaseException:
                con.close()
                raise
            self._con = con
        return self._con

    def publish(self) -> None:
        """Make everything stored so far visible at ``path`` in one atomic step."""
        con = self._connection()
        con.execute("CHECKPOINT")  # fold the WAL into the file: the published file must stand alone
        con.close()
        self._con = None
        snapshot.publish_working_copy(self.path)

    def close(self) -> None:
        """End the session; anything stored since the last :meth:`publish` is discarded."""
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._lock is not None:
            snapshot.discard_working_copy(self.path)
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc_type is None:
                self.publish()
        finally:
            self.close()

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self) -> str:
        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self._connection().execute(
            "INSERT INTO ingest_runs (run_id, started, extractor_version) VALUES (?, ?, ?)",
            [run_id, now, self.extractor_version],
        )
        self._run_id = run_id
        self._tally = Counter()
        return run_id

    def finish_run(self, counts: Mapping[str, int] | None = None, run_id: str | None = None) -> None:
        """Close a run; ``counts`` (by outcome) defaults to what :meth:`store` tallied since :meth:`start_run`."""
        run_id = run_id or self._run_id
        if run_id is None:
            raise WarehouseError("finish_run() without start_run().")
        tally = counts if counts is not None else self._tally
        self._connection().execute(
            "UPDATE ingest_runs SET finished = ?, n_new = ?, n_unchanged = ?, n_reextracted = ?, n_failed = ? "
            "WHERE run_id = ?",
            [_utcnow(), *(int(tally.get(o, 0)) for o in OUTCOMES), run_id],
        )
        if run_id == self._run_id:
            self._run_id = None

    # -- documents -----------------------------------------------------------------------------

    def is_current(self, sha256: str, *, settled_failures: bool = True) -> bool:
        """True when this content is stored by this extractor version, extracted or (unless
        ``settled_failures`` is False) failed in a way the same bytes always fail: reading it again can be skipped."""
        settled = SETTLED_ERRORS if settled_failures else ()
        row = first_row(
            self._connection(),
            "SELECT 1 FROM documents WHERE sha256 = ? AND extractor_version = ? "
            f"AND (status = 'ok' OR error_code IN ({', '.join('?' * len(settled)) or 'NULL'}))",
            [sha256, self.extractor_version, *settled],
        )
        return row is not None

    def store(self, result: DocumentResult, run_id: str | None = None) -> Outcome:
        """Write one document and its facts in one transaction; returns what happened to it."""
        con = self._connection()
        run_id = run_id or self._run_id
        key = document_key(result)
        con.execute("BEGIN TRANSACTION")
        try:
            if result.ok:
                outcome = self._store_ok(con, key, result, run_id)
            else:
                outcome = self._store_error(con, key, result, run_id)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._tally[outcome] += 1
        return outcome

    def row_counts(self) -> dict[str, int]:
        con = self._connection()
        return {t: scalar(con, f"SELECT count(*) FROM {t}") for t in TABLES}

    def _store_ok(
        self, con: duckdb.DuckDBPyConnection, key: str, result: DocumentResult, run_id: str | None
    ) -> Outcome:
        if result.document is None or result.extraction is None:
            raise ValueError(f"{result.source}: an ok result needs both a document and an extraction")
        existing = first_row(
            con, "SELECT status, extractor_version, first_seen FROM documents WHERE sha256 = ?", [key]
        )
        if existing is not None and existing[:2] == ("ok", self.extractor_version):
            outcome: Outcome = "unchanged"
            # the text is the same, but its sources.csv row may have been added or corrected since
            con.execute(
                f"UPDATE documents SET {', '.join(f'{c} = ?' for c in PROVENANCE_COLUMNS)} WHERE sha256 = ?",
                [*provenance_values(result.document.provenance), key],
            )
        else:
            now = _utcnow()
            # a re-extraction keeps first_seen, and so the year the document is dated against
            values = self._document_values(key, result, run_id, now, first_seen=existing[2] if existing else now)
            if existing is None:
                con.execute(_INSERT_DOCUMENT, values)
                outcome = "new"
            else:
                _delete_children(con, key)
                update = [v for c, v in zip(_DOCUMENT_COLUMNS, values) if c not in ("sha256", "first_seen")]
                con.execute(f"UPDATE documents SET {_DOCUMENT_UPDATE} WHERE sha256 = ?", [*update, key])
                outcome = "re-extracted"
            _insert_children(con, key, result, fact_rows(key, result.extraction.facts))
        # The path now gives a good document, so failures recorded for it earlier are history.
        con.execute("DELETE FROM documents WHERE source = ? AND status = 'error' AND sha256 <> ?", [result.source, key])
        return outcome

    def _store_error(
        self, con: duckdb.DuckDBPyConnection, key: str, result: DocumentResult, run_id: str | None
    ) -> Outcome:
        existing = first_row(con, "SELECT status, error_code, error_message FROM documents WHERE sha256 = ?", [key])
        if existing is None:
            con.execute(_INSERT_DOCUMENT, self._document_values(key, result, run_id, _utcnow()))
        elif existing[0] == "error" and tuple(existing[1:]) != (result.error_code, result.error_message):
            con.execute(
                "UPDATE documents SET source = ?, error_code = ?, error_message = ?, extractor_version = ?, "
                "run_id = ?, updated = ? WHERE sha256 = ?",
                [
                    result.source, result.error_code, result.error_message, self.extractor_version, run_id,
                    _utcnow(), key,
                ],
            )
        # else: a good stored document is never replaced by a failure, and a repeated failure changes nothing.
        return "failed"

    def _document_values(
        self, key: str, result: DocumentResult, run_id: str | None, now: datetime, first_seen: datetime | None = None
    ) -> list[object]:
        doc = result.document
        ok = result.ok
        first_seen = first_seen or now
        provenance = doc.provenance if doc else None
        year, year_source = document_year(doc.text if doc else None, first_seen.year,
                                          published=provenance.published if provenance else None)
        return [
            key,
            result.source,
            doc.media_type if doc else None,
            doc.pages if doc else None,
            result.extraction.doc_type if (ok and result.extraction) else None,
            doc.raw_text if doc else None,
            doc.text if doc else None,
            json.dumps(doc.page_starts) if doc else None,
            json.dumps([s.to_dict() for s in doc.repair_log]) if doc else None,
            "ok" if ok else "error",
            None if ok else result.error_code,
            None if ok else result.error_message,
            self.extractor_version,
            run_id,
            first_seen,
            now,
            year,
            year_source,
            *provenance_values(provenance),
        ]

    # -- the gazetteer dimension ---------------------------------------------------------------

    def _sync_authorities(self, con: duckdb.DuckDBPyConnection) -> None:
        """Load the gazetteer into `authorities`, writing only when it differs from what is stored."""
        gazetteer = self._gazetteer or load_gazetteer()
        wanted = sorted(
            (a.gss, a.code, a.name, a.nice_name, a.type, a.type_name, a.region, a.nation,
             a.population_2020, a.current, a.replaced_by_gss)
            for a in gazetteer.authorities
        )
        stored = con.execute('SELECT * FROM authorities ORDER BY gss').fetchall()
        if stored == wanted:
            return
        # Through a frame rather than executemany: 400+ single-row inserts take most of a second.
        frame = pl.DataFrame(wanted, schema=_AUTHORITY_SCHEMA, orient="row")
        con.register("gazetteer_rows", frame)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM authorities")
            con.execute("INSERT INTO authorities SELECT * FROM gazetteer_rows")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("gazetteer_rows")


def _delete_children(con: duckdb.DuckDBPyConnection, key: str) -> None:
    con.execute("DELETE FROM fact_authorities WHERE fact_id IN (SELECT fact_id FROM facts WHERE sha256 = ?)", [key])
    con.execute("DELETE FROM facts WHERE sha256 = ?", [key])
    con.execute("DELETE FROM document_authorities WHERE sha256 = ?", [key])


def _insert_children(con: duckdb.DuckDBPyConnection, key: str, result: DocumentResult, rows: list[FactRow]) -> None:
    assert result.extraction is not None
    _insert_rows(con, f"facts ({', '.join(FACT_COLUMNS)})", [r.values for r in rows])
    _insert_rows(con, "fact_authorities", [(r.fact_id, gss, role) for r in rows for gss, role in r.authorities])
    codes = list(dict.fromkeys(a.gss for a in result.extraction.authorities))
    _insert_rows(con, "document_authorities", [(key, gss) for gss in codes])


def _insert_rows(con: duckdb.DuckDBPyConnection, target: str, rows: list[tuple]) -> None:
    """Insert ``rows`` in one statement, through Arrow. DuckDB's executemany runs a statement per row
    (about 3 ms per fact here, as much as a third of pdfplumber's time for the page the facts came
    from), and one VALUES statement binds every value separately, which is hardly quicker."""
    if not rows:
        return
    batch = pa.table({f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows))})  # noqa: F841
    # DuckDB finds ``batch`` by its name in this frame (a replacement scan): nothing to register, and so
    # nothing to unregister inside a transaction a failed insert has aborted
    con.execute(f"INSERT INTO {target} SELECT * FROM batch")


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
