"""The ../shared rule: skip with a reason on a user's clone, fail in CI."""

import pytest
from _pytest.outcomes import Failed, Skipped

import conftest


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
