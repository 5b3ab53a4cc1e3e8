"""The `dcs` command."""

from __future__ import annotations

import typer

from councildocs.cli import dashboard_cmd, dask_cmd, evaluate_cmd, export_cmd, extract_cmd, gazetteer_cmd, ingest_cmd

app = typer.Typer(
    name="dcs",
    help="Turn UK council leadership documents into comparable, evidenced facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_cmd.extract)
app.command("evaluate")(evaluate_cmd.evaluate)
app.command("ingest")(ingest_cmd.ingest)
app.command("load-parquet")(dask_cmd.load_parquet)
app.command("export")(export_cmd.export)
app.command("dashboard")(dashboard_cmd.dashboard)
app.add_typer(gazetteer_cmd.app, name="gazetteer")

if __name__ == "__main__":
    app()
