"""The ../shared rule: skip with a reason on a user's clone, fail in CI."""

import importlib.util
from pathlib import Path

import pytest
from _pytest.outcomes import Failed, Skipped

# several conftest.py files exist, so load the root one by its path rather than by name
_spec = importlib.util.spec_from_file_location("root_conftest", Path(__file__).with_name("conftest.py"))
conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conftest)


def test_missing_shared_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SHARED_DIR", tmp_path / "absent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped, match="absent/seeds is missing"):
        conftest._require_shared("seeds")


def test_missing_shared_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SHARED_DIR", tmp_path / "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Failed, match="CI must provide it"):
        conftest._require_shared("seeds")
