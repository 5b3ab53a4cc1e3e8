"""Where the published warehouse lives, shared by the CLI and the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "DCS_DB"
DEFAULT_DB_PATH = Path("var/warehouse.duckdb")


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """An explicit path, else ``$DCS_DB``, else ``var/warehouse.duckdb`` relative to the working directory."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DB_ENV_VAR)
    return Path(from_env) if from_env else DEFAULT_DB_PATH
