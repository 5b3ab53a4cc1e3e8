"""What the pages' "Download CSV" buttons write: the table as shown, for people and spreadsheets.

Numbers stay numbers; the contract's codes become their plain-English labels (role categories,
statuses, periods, fact kinds); each row says who published its document. Text that a spreadsheet
would run as a formula (a cell beginning with =, +, -, @, a tab or a carriage return — OWASP's CSV
injection rule) is written with a leading apostrophe, so opening the file never runs it.
"""

from __future__ import annotations

import polars as pl

from councildocs.dashboard import labels
from councildocs.extract.kinds import column_labels
from councildocs.warehouse.privacy import spreadsheet_safe_frame



def csv_bytes(df: pl.DataFrame) -> bytes:
    """``df`` as a CSV a person can open in a spreadsheet (see the module's notes)."""
    out = df
    if {"publisher", "published", "fictional"} <= set(out.columns):
        out = out.with_columns(labels.published_by_column(out))
    out = out.with_columns(
        pl.col(c).replace_strict(list(m), list(m.values()), default=pl.col(c), return_dtype=pl.String)
        for c, m in column_labels().items() if c in out.columns and out.schema[c] == pl.String
    )
    return spreadsheet_safe_frame(out).write_csv().encode("utf-8")
