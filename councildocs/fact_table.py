"""The facts contract as a flat table: one row per fact, for spreadsheets (`dcs extract --format csv`).

Rows are rendered from the same record as the JSON lines (``contract.document_record``), so the two
formats hold the same facts. The columns are derived from the registry of fact kinds
(``extract/kinds.py``): ``source``, ``sha256``, ``doc_type``, ``kind``, every field any kind has (a
comparator as ``<field>_area`` and ``<field>_percent``), the evidence (``evidence_text``, ``page``,
``start``, ``end``), ``confidence``, then ``error_code`` and ``error_message``. A cell a kind does
not have is empty. Lists of GSS codes are joined with ``;``; numbers stay numbers (158640, not
"£158,640").

A document without facts still gets one row, with ``kind`` empty, so that every file given appears:
a document that failed carries its ``error_code`` and ``error_message`` there.

Two protections the JSON lines do not need, because a spreadsheet is where people read this:

- **Contacts masked.** E-mail addresses and phone numbers in the text read from documents (evidence,
  posts, names, error messages) are blacked out with ``warehouse.privacy.mask_contacts``, as ``dcs
  export`` and the dashboard show them. The JSON lines keep the text as read, because the contract
  promises that evidence is exactly the repaired text's slice; masking keeps lengths, so ``start`` and
  ``end`` still point at the evidence here too.
- **No formulas.** A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  would be run as a formula by a spreadsheet (CSV injection, OWASP); it is written with a leading
  ``'``. Numeric cells are never changed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from councildocs.contract import document_record
from councildocs.extract.kinds import FACT_KINDS_REGISTRY, FieldType
from councildocs.results import DocumentResult
from councildocs.warehouse.privacy import mask_contacts, spreadsheet_safe

GSS_SEPARATOR = ";"

_NUMERIC_TYPES = {FieldType.INTEGER, FieldType.NUMBER}
# Fields written as they were read from the document, which may hold someone's contact details.
_FREE_TEXT_TYPES = {FieldType.TEXT}


def _field_columns() -> dict[str, bool]:
    """Column -> whether it is numeric, for every field of every kind in the registry's order (a field
    two kinds share is one column). A comparator is two columns, its area and its percent."""
    columns: dict[str, bool] = {}
    for kind in FACT_KINDS_REGISTRY.values():
        for field in kind.fields:
            if field.type is FieldType.COMPARATOR:
                found = {f"{field.name}_area": False, f"{field.name}_percent": True}
            else:
                found = {field.name: field.type in _NUMERIC_TYPES}
            for name, numeric in found.items():
                # one column, one type: a field name two kinds use for a number and for text would need two
                if columns.setdefault(name, numeric) != numeric:
                    raise TypeError(f"fact field {name!r} is a number in one kind and text in another")
    return columns


_FIELD_COLUMNS = _field_columns()
_MASKED_FIELDS = {f.name for kind in FACT_KINDS_REGISTRY.values() for f in kind.fields if f.type in _FREE_TEXT_TYPES}
_COMPARATORS = {f.name for kind in FACT_KINDS_REGISTRY.values() for f in kind.fields if f.type is FieldType.COMPARATOR}
_GSS_LISTS = {f.name for kind in FACT_KINDS_REGISTRY.values() for f in kind.fields if f.type is FieldType.GSS_LIST}

DOCUMENT_COLUMNS: tuple[str, ...] = ("source", "sha256", "doc_type", "kind")
EVIDENCE_COLUMNS: tuple[str, ...] = ("evidence_text", "page", "start", "end", "confidence")
ERROR_COLUMNS: tuple[str, ...] = ("error_code", "error_message")
# Where the document was published (the record's optional ``provenance``): empty when no sources.csv
# names it; ``fictional`` is true for the project's own example documents.
PROVENANCE_COLUMNS: tuple[str, ...] = ("publisher", "published", "url", "licence", "fictional")
COLUMNS: tuple[str, ...] = (*DOCUMENT_COLUMNS, *_FIELD_COLUMNS, *EVIDENCE_COLUMNS, *ERROR_COLUMNS,
                            *PROVENANCE_COLUMNS)
NUMERIC_COLUMNS: frozenset[str] = frozenset(
    {name for name, numeric in _FIELD_COLUMNS.items() if numeric} | {"page", "start", "end", "confidence"}
)
MASKED_COLUMNS: frozenset[str] = frozenset(_MASKED_FIELDS | {"evidence_text", "error_message"})


def neutralise_formula(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula, else unchanged."""
    return spreadsheet_safe(cell) or cell


def document_rows(result: DocumentResult) -> Iterator[dict[str, Any]]:
    """The table's rows for one document, each a dict over :data:`COLUMNS` (None for an empty cell),
    before masking and formula guards (see :func:`write_rows`)."""
    record = document_record(result)
    error = record["error"] or {}
    provenance = record.get("provenance") or {}
    document = {"source": record["source"], "sha256": record["sha256"], "doc_type": record["doc_type"],
                "error_code": error.get("code"), "error_message": error.get("message"),
                **{c: provenance.get(c) for c in PROVENANCE_COLUMNS}}
    if not record["facts"]:
        yield {**dict.fromkeys(COLUMNS), **document, "kind": None}
        return
    for fact in record["facts"]:
        row = {**dict.fromkeys(COLUMNS), **document}
        evidence = fact["evidence"]
        row.update(evidence_text=evidence["text"], page=evidence["page"], start=evidence["start"],
                   end=evidence["end"])
        for name, value in fact.items():
            if name == "evidence":
                continue
            if name in _COMPARATORS:
                row[f"{name}_area"] = value["area"] if value else None
                row[f"{name}_percent"] = value["percent"] if value else None
            elif name in _GSS_LISTS:
                row[name] = GSS_SEPARATOR.join(value)
            elif name in row:
                row[name] = value
            else:  # the registry is the table's schema: a field it does not know has no column to go to
                raise ValueError(f"{fact['kind']} fact has a field {name!r} the registry of fact kinds does not list")
        yield row


def _cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in NUMERIC_COLUMNS:
        return value
    text = str(value)
    if column in MASKED_COLUMNS:
        text = mask_contacts(text)
    return neutralise_formula(text)


class FactTableWriter:
    """Writes the table to ``out`` as CSV: the header once, then each document's rows as it comes."""

    def __init__(self, out: IO[str]):
        self._out = out
        self._writer = csv.writer(out)
        self._writer.writerow(COLUMNS)

    def write(self, result: DocumentResult) -> None:
        for row in document_rows(result):
            self._writer.writerow([_cell(column, row[column]) for column in COLUMNS])
        self._out.flush()
