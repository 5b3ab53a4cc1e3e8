"""What every benchmark records about the machine and the versions it measured, in one shape."""

from __future__ import annotations

import os
import platform
from collections.abc import Iterable
from datetime import date
from importlib.metadata import PackageNotFoundError, version


def package_versions(packages: Iterable[str]) -> dict[str, str | None]:
    """Each installed distribution's version, None for one that is not installed."""
    versions: dict[str, str | None] = {}
    for package in packages:
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return versions


def machine_facts(versions: dict[str, str | None]) -> dict:
    return {"date": date.today().isoformat(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions}  # fmt: skip
