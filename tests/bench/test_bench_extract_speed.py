"""The extraction benchmark (bench/extract_speed.py) times what it says, on the texts it says.

Speed goals live in the benchmark itself (its exit status), not here: these tests check what is run
and reported, on two corpus documents and one timed pass.
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from script_loader import load_script

from councildocs.extract.nlp import FACT_COMPONENTS

BENCH = Path(__file__).resolve().parents[2] / "bench"
DOCS = ("adverts/manchester-assistant-director-safeguarding.pdf", "papers/north-lincs-shared-dass.no-tounicode.pdf")

extract_speed = load_script("bench_extract_speed", BENCH / "extract_speed.py")
OURS, BASE, BARE = extract_speed.OURS, extract_speed.BASE, extract_speed.BARE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def documents(corpus_dir):
    return extract_speed.read_documents([corpus_dir / name for name in DOCS])


@pytest.fixture(scope="module")
def timed(extractor, documents):
    runners, pipelines = extract_speed.build_pipelines(extractor)
    timings, outputs = extract_speed.time_pipelines(runners, documents, repeat=1)
    return runners, pipelines, timings, outputs


def test_inputs_are_the_corpus_documents_dcsignore_leaves(corpus_dir):
    files = extract_speed.corpus_files(corpus_dir)
    relative = {f.relative_to(corpus_dir).as_posix() for f in files}
    assert set(DOCS) <= relative
    assert {"adverts", "news", "papers"} <= {f.parts[-2] for f in files}
    assert not any(name.split("/")[0] in {"defects", "sources", "gold"} for name in relative)  # corpus/.dcsignore


def test_every_pipeline_runs_on_the_same_texts(timed, documents):
    _, pipelines, timings, outputs = timed
    for name in (OURS, BASE, BARE):
        assert len(outputs[name]) == len(documents)
    for document, base_doc, bare_doc in zip(documents, outputs[BASE], outputs[BARE], strict=True):
        assert base_doc.text == document.text and bare_doc.text == document.text
        assert len(base_doc) == len(bare_doc) > 100
        # The same model: the lemmatizer is all that differs, so entities agree and only bare lemmatises
        # every word (the attribute ruler gives a few, like "be", in both).
        assert [(e.start_char, e.end_char, e.label_) for e in base_doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in bare_doc.ents
        ]
        assert base_doc.ents
        assert all(t.lemma_ for t in bare_doc if t.is_alpha)
        assert sum(1 for t in base_doc if t.is_alpha and not t.lemma_) > len(base_doc) // 2
    assert "lemmatizer" in pipelines[BARE] and "lemmatizer" not in pipelines[BASE]
    assert pipelines[OURS] == pipelines[BASE] + list(FACT_COMPONENTS)


def test_timed_extractor_gives_the_stage_output(timed, documents, extractor):
    _, _, _, outputs = timed
    for document, timed_extraction in zip(documents, outputs[OURS], strict=True):
        expected = extractor.extract(document)
        assert timed_extraction.facts  # both documents have facts, so the comparison means something
        assert timed_extraction.facts == expected.facts
        assert timed_extraction.doc_type == expected.doc_type
        assert timed_extraction.authorities == expected.authorities


def test_counts_and_rates(timed, documents):
    _, _, timings, _ = timed
    words = sum(len(d.text.split()) for d in documents)
    assert words == extract_speed.word_count([d.text for d in documents]) > 500
    for name, timing in timings.items():
        assert timing.pipeline == name
        assert (timing.documents, timing.words) == (2, words)
        assert timing.seconds > 0
        assert timing.docs_per_s == pytest.approx(2 / timing.seconds)
        assert timing.words_per_s == pytest.approx(words / timing.seconds)


def test_word_count_splits_on_any_whitespace():
    assert extract_speed.word_count(["Director of\n\nChildren’s  Services\t£120,000", "", "  one  "]) == 6


def test_pipelines_take_turns_document_by_document_after_a_warm_up(documents):
    calls: list[tuple[str, str]] = []

    def recorder(name):
        return lambda document: calls.append((name, document.source)) or name

    runners = {name: recorder(name) for name in ("a", "b")}
    timings, outputs = extract_speed.time_pipelines(runners, documents, repeat=3)
    first, second = (d.source for d in documents)
    assert calls[:2] == [("a", first), ("b", first)]  # warm-up: one document each
    one_run = [("a", first), ("b", first), ("b", second), ("a", second)]  # turns, alternating who goes first
    assert calls[2:] == one_run * 3
    assert outputs == {"a": ["a", "a"], "b": ["b", "b"]}
    assert set(timings) == {"a", "b"}
    with pytest.raises(ValueError):
        extract_speed.time_pipelines(runners, documents, repeat=0)


def test_ratios_and_the_bound():
    t = extract_speed.Timing
    timings = {OURS: t(OURS, 2, 100, 3.0), BASE: t(BASE, 2, 100, 2.0), BARE: t(BARE, 2, 100, 1.5)}
    assert extract_speed.ratios(timings) == {"ours_over_bare": 2.0, "ours_over_base_as_loaded": 1.5}
    report = extract_speed.build_report([], timings, 1, {OURS: [], BASE: [], BARE: []})
    assert report["failures"] and "2.00×" in report["failures"][0]
    timings[BARE] = t(BARE, 2, 100, 2.0)
    assert extract_speed.build_report([], timings, 1, {OURS: [], BASE: [], BARE: []})["failures"] == []


def test_step_by_step_covers_every_pipe_and_assembly(extractor, documents):
    steps = extract_speed.component_seconds(extractor, documents)
    assert list(steps) == ["make_doc", *extractor.nlp.pipe_names, "assemble"]
    assert all(s >= 0 for s in steps.values()) and steps["ner"] > 0


def test_command_line_json_and_markdown(tmp_path, corpus_dir, documents):
    for name in DOCS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(corpus_dir / name, tmp_path / name)
    out = io.StringIO()
    with redirect_stdout(out):
        status = extract_speed.main(["--corpus", str(tmp_path), "--repeat", "1", "--json"])
    report = json.loads(out.getvalue())
    assert status == (1 if report["failures"] else 0)
    assert report["repeat"] == 1 and len(report["files"]) == 2
    words = sum(len(d.text.split()) for d in documents)
    rows = {r["pipeline"]: r for r in report["timings"]}
    assert list(rows) == [OURS, BASE, BARE]
    for row in rows.values():
        assert {"documents", "words", "seconds", "docs_per_s", "words_per_s"} <= set(row)
        assert (row["documents"], row["words"]) == (2, words)
    assert set(report["ratios"]) == {"ours_over_bare", "ours_over_base_as_loaded"}
    assert report["ratios"]["ours_over_bare"] == pytest.approx(rows[OURS]["seconds"] / rows[BARE]["seconds"])
    assert report["bound"] == 1.5 and report["components_s"] is None
    assert report["machine"]["versions"]["spacy"]

    text = extract_speed.markdown(report | {"components_s": {"make_doc": 0.01, "ner": 0.03}})
    assert "| pipeline | docs | words | seconds | docs/s | words/s |" in text
    for name in (OURS, BASE, BARE):
        assert f"| {name} | 2 | {words} |" in text
    assert "ours / bare:" in text and "(bound 1.5×)" in text
    assert "| ner | 0.030 s | 75.0% |" in text
