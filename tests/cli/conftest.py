from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DCS = Path(sys.executable).with_name("dcs")


@pytest.fixture(scope="session")
def run_dcs():
    """Run the installed `dcs` console script as a user would; returns the CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(DCS), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"dcs {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
        return proc

    return run


@pytest.fixture(params=["local", "dask"])
def engine_args(request) -> list[str]:
    """The same behaviour, asked of both executors: `dcs ingest` arguments choosing one."""
    if request.param == "dask":
        pytest.importorskip("distributed", reason="the dask extra is not installed")
        return ["--engine", "dask"]
    return []
