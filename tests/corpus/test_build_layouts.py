"""The layout corpus (corpus/layouts/): reproducible from corpus/build_layouts.py, and kept out of
folder walks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_loader import load_script

from councildocs.pipeline import iter_input_files

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LAYOUTS_DIR = CORPUS / "layouts"
MANIFEST = json.loads((LAYOUTS_DIR / "manifest.json").read_text(encoding="utf-8"))

build_layouts = load_script("corpus_build_layouts", CORPUS / "build_layouts.py")


def test_builder_reproduces_committed_files():
    current = build_layouts.build_corpus.toolchain()
    if MANIFEST["toolchain"] != current:
        changed = {k for k in set(current) | set(MANIFEST["toolchain"]) if current.get(k) != MANIFEST["toolchain"].get(k)}
        pytest.skip(
            f"toolchain differs from the one the layout corpus was built with ({sorted(changed)}): "
            "rebuild with .venv/bin/python corpus/build_layouts.py"
        )
    files, people = build_layouts.build_files()
    assert sorted(files) == sorted(MANIFEST["files"])
    stale = [name for name, data in files.items() if (LAYOUTS_DIR / name).read_bytes() != data]
    assert not stale, f"out of date: {stale}; rebuild with .venv/bin/python corpus/build_layouts.py"
    assert build_layouts.manifest(files, people) == (LAYOUTS_DIR / "manifest.json").read_bytes()


def test_check_mode_passes_on_the_committed_folder():
    if MANIFEST["toolchain"] != build_layouts.build_corpus.toolchain():
        pytest.skip("toolchain differs from the one the layout corpus was built with")
    assert build_layouts.main(["--check"]) == 0


def test_every_layout_has_its_true_text():
    for name in build_layouts.LAYOUTS:
        assert (LAYOUTS_DIR / f"{name}.pdf").is_file()
        assert (LAYOUTS_DIR / f"{name}.txt").read_text(encoding="utf-8").strip()


def test_folder_walk_of_the_corpus_skips_the_layouts():
    walked = {p.relative_to(CORPUS).parts[0] for p in iter_input_files([CORPUS])}
    assert "layouts" not in walked
