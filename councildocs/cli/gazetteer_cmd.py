"""`dcs gazetteer build`: rebuild the shipped gazetteer from mySociety's table of local authorities."""

from __future__ import annotations

from pathlib import Path

import typer

from councildocs.extract.gazetteer_build import build_gazetteer

app = typer.Typer(help="The gazetteer of UK local authorities.", no_args_is_help=True)
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "extract" / "data" / "gazetteer.csv"


@app.command("build")
def build(
    source: Path = typer.Option(..., "--source", exists=True, dir_okay=False,
                                help="mySociety's uk_local_authorities.csv"),
    out: Path = typer.Option(DEFAULT_OUT, "--out", help="Where to write the compact table."),
) -> None:
    """Write the compact gazetteer (GSS code, names, type, region, 2020 population) the extractor ships."""
    count = build_gazetteer(source, out)
    typer.echo(f"Wrote {count} authorities to {out}")
