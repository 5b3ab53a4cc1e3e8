"""`dcs dashboard`: serve the Streamlit app over a warehouse."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import typer


def dashboard(
    db: Path = typer.Option(Path("var/warehouse.duckdb"), "--db", help="The warehouse to show."),
    port: int = typer.Option(8501, "--port"),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 to share on a network)."),
) -> None:
    """Serve the dashboard and print its address."""
    app = Path(str(resources.files("councildocs.dashboard").joinpath("app.py")))
    env = {**os.environ, "DCS_DB": str(db.resolve())}
    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host
    typer.echo(f"Dashboard: http://{shown}:{port}  (warehouse {db}; Ctrl+C to stop)", err=True)
    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port), "--server.address", host, "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # readers of the dashboard see no Deploy button or developer menu (.streamlit/config.toml says the
        # same for `streamlit run dashboard/app.py`)
        "--client.toolbarMode", "minimal",
    ]
    sys.stderr.flush()
    # become the server, so that stopping `dcs dashboard` (Ctrl+C, kill) stops streamlit too
    os.execve(sys.executable, command, env)
