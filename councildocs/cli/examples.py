"""The "Examples" block at the end of `dcs --help`, `dcs extract --help` and `dcs ingest --help`.

Each example is a command line a user can paste as it stands, from the repository root (the paths are
shipped documents), and tests/cli/test_help_examples.py runs each one. Lines stay short, so that rich
never wraps one across two lines of an 80-column terminal.
"""

from __future__ import annotations

from rich.markup import escape

# (what it does, the command line). Examples only run commands that finish (no `dcs dashboard`, which serves
# until stopped, on a port a test could not count on being free).
Example = tuple[str, str]

DCS_EXAMPLES: tuple[Example, ...] = (
    ("facts of every document in a folder, one JSON line per file",
     "dcs extract corpus/adverts > facts.jsonl"),
    ("one row per fact, for a spreadsheet",
     "dcs extract corpus/adverts --format csv > facts.csv"),
    ("documents and facts into a warehouse, which `dcs dashboard` serves",
     "dcs ingest corpus --db var/warehouse.duckdb"),
    ("the warehouse's tables as files, contacts masked",
     "dcs export --format csv --out var/export --db var/warehouse.duckdb"),
)

EXTRACT_EXAMPLES: tuple[Example, ...] = (
    ("one document's facts as a JSON line (the facts contract)",
     "dcs extract corpus/adverts/cambridgeshire-peterborough-dcs.pdf"),
    ("the same as CSV: one row per fact",
     "dcs extract corpus/adverts/cambridgeshire-peterborough-dcs.pdf --format csv"),
    ("a folder, walked in sorted order, with each document's repaired text",
     "dcs extract corpus/news --include-text > news.jsonl"),
)

INGEST_EXAMPLES: tuple[Example, ...] = (
    ("store a folder in a warehouse (running it again changes nothing)",
     "dcs ingest corpus/adverts --db var/warehouse.duckdb"),
    ("more folders into the same warehouse, with two worker processes",
     "dcs ingest corpus/news corpus/papers --db var/warehouse.duckdb --workers 2"),
)


def epilog(examples: tuple[Example, ...]) -> str:
    """The block typer prints after a command's options: each comment, then its command indented.

    Typer renders an epilog with rich markup, so every line is escaped; it keeps single line breaks
    in rich mode, so the lines stay as written. It also strips the indent all lines but the first
    share (``inspect.cleandoc``), which is why the comments are not indented."""
    lines = ["[bold]Examples[/bold]"]
    for comment, command in examples:
        lines.append(f"[dim]# {escape(comment)}[/dim]")
        lines.append(f"  {escape(command)}")
    return "\n".join(lines)
