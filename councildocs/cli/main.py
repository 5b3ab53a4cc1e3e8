"""The `dcs` command."""

from __future__ import annotations

import sys

import typer

from councildocs.cli import dashboard_cmd, dask_cmd, evaluate_cmd, export_cmd, extract_cmd, gazetteer_cmd, ingest_cmd
from councildocs.cli.examples import DCS_EXAMPLES, EXTRACT_EXAMPLES, INGEST_EXAMPLES, epilog
from councildocs.warehouse.errors import WarehouseBusy, WarehouseError

# Exit statuses beyond typer's (0 done, 1 failed, 2 usage): another process holds the warehouse, so the
# same command can simply be run again later (sysexits' EX_TEMPFAIL).
EXIT_BUSY = 75


class _Dcs(typer.Typer):
    """The `dcs` app: a warehouse problem (busy, damaged, unreadable) ends any command with one line on
    stderr, never a traceback."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except WarehouseError as err:
            typer.echo(f"dcs: {err}", err=True)
            sys.exit(EXIT_BUSY if isinstance(err, WarehouseBusy) else 1)


app = _Dcs(
    name="dcs",
    help="Turn UK council leadership documents into comparable, evidenced facts.",
    epilog=epilog(DCS_EXAMPLES),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from councildocs.contract import CONTRACT_VERSION
        from councildocs.extract.pipeline import EXTRACTOR_VERSION

        typer.echo(f"dcs {version('councildocs')} (extractor {EXTRACTOR_VERSION}, facts contract v{CONTRACT_VERSION})")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version of councildocs, its extractor and its facts contract."),
) -> None:
    """Turn UK council leadership documents into comparable, evidenced facts."""


app.command("extract", epilog=epilog(EXTRACT_EXAMPLES))(extract_cmd.extract)
app.command("evaluate")(evaluate_cmd.evaluate)
app.command("ingest", epilog=epilog(INGEST_EXAMPLES))(ingest_cmd.ingest)
app.command("load-parquet")(dask_cmd.load_parquet)
app.command("export")(export_cmd.export)
app.command("dashboard")(dashboard_cmd.dashboard)
app.add_typer(gazetteer_cmd.app, name="gazetteer")

if __name__ == "__main__":
    app()
