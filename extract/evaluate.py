"""Score extracted facts against gold files (the format of docs/gold-format.md): P, R, F1 per kind and micro-F1."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from councildocs.extract.models import FACT_KINDS
from councildocs.extract.shared import distinctive_words

_HONORIFICS = r"\b(cllr|councillor|mr|mrs|ms|miss|dr|lord|lady|baroness|sir|dame|professor|prof|qpm|obe|mbe|cbe)\b"


def _options(value) -> list:
    return value if isinstance(value, list) else [value]


def _norm_name(name: str) -> str:
    name = re.sub(_HONORIFICS, " ", name.lower().replace("’", "'"))
    return re.sub(r"[^a-z]+", " ", name).strip()


def _close(a, b, tolerance: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tolerance * max(abs(float(b)), 1e-9)


def _authority_ok(pred, gold) -> bool:
    return any(g == "*" or g == pred for g in _options(gold))


def facts_match(pred: dict, gold: dict) -> bool:
    kind = gold["kind"]
    if pred.get("kind") != kind:
        return False
    if kind == "salary":
        return (set(pred.get("authorities") or []) == set(gold.get("authorities") or [])
                and _close(pred.get("min_gbp"), gold.get("min_gbp"), 0.005)
                and _close(pred.get("max_gbp"), gold.get("max_gbp"), 0.005))
    if kind == "population":
        return (_authority_ok(pred.get("authority"), gold.get("authority")) and pred.get("group") in _options(gold.get("group"))
                and _close(pred.get("value"), gold.get("value"), 0.01))
    if kind == "poverty_rate":
        gold_auth = _options(gold.get("authority"))
        return ((pred.get("authority") is None or _authority_ok(pred.get("authority"), gold_auth))
                and abs(float(pred.get("percent", -1)) - float(gold["percent"])) <= 0.05)
    if kind == "shared_post":
        if set(pred.get("authorities") or []) != set(gold.get("authorities") or []):
            return False
        if pred.get("status") not in _options(gold.get("status")) or pred.get("role_category") not in _options(gold.get("role_category")):
            return False
        if pred.get("role_category") in {"service_director", "assistant_director"}:
            mine = distinctive_words(pred.get("post") or "")
            return any(_mostly_shared(mine, distinctive_words(p)) for p in _options(gold.get("post")))
        return True
    if kind == "partnership":
        return set(pred.get("authorities") or []) == set(gold.get("authorities") or [])
    if kind == "person":
        return any(_norm_name(pred.get("name") or "") == _norm_name(n) for n in _options(gold.get("name")))
    return False


def _mostly_shared(a: frozenset, b: frozenset) -> bool:
    if not a or not b:
        return False
    return len(a & b) / max(len(a), len(b)) >= 0.5


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# A salary matches on its employers and figures; its post's role category is reported beside the
# match (a DCS salary filed as "other" is found but misfiled, and the benchmark would miss it). A
# shared post's role category is part of its match already.
ROLE_CATEGORY_KINDS = ("salary",)


@dataclass
class Report:
    per_kind: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in FACT_KINDS})
    documents: int = 0
    doc_type_correct: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    per_document: dict[str, KindScore] = field(default_factory=dict)
    # per kind in ROLE_CATEGORY_KINDS: [matched facts whose role_category is one the gold allows, matched facts]
    role_category: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ROLE_CATEGORY_KINDS})

    @property
    def micro(self) -> KindScore:
        total = KindScore()
        for s in self.per_kind.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total


def _scored_identity(fact: dict) -> str:
    return json.dumps({k: v for k, v in fact.items() if k not in {"evidence", "confidence"}}, sort_keys=True, ensure_ascii=False)


def score_document(predicted: dict, gold: dict, report: Report, label: str = "") -> None:
    report.documents += 1
    document = report.per_document.setdefault(label, KindScore())
    if predicted.get("doc_type") in _options(gold.get("doc_type")):
        report.doc_type_correct += 1
    unique: dict[str, dict] = {}
    for fact in predicted.get("facts", []):
        unique.setdefault(_scored_identity(fact), fact)
    preds = list(unique.values())
    for kind in FACT_KINDS:
        golds = [g for g in gold.get("facts", []) if g["kind"] == kind]
        mine = [p for p in preds if p["kind"] == kind]
        used_pred: set[int] = set()
        # required gold facts first, so an optional one never takes the prediction a required one needed
        for g in sorted(golds, key=lambda g: bool(g.get("optional"))):
            hit = next((i for i, p in enumerate(mine) if i not in used_pred and facts_match(p, g)), None)
            if hit is not None:
                used_pred.add(hit)
                if not g.get("optional"):
                    report.per_kind[kind].tp += 1
                    document.tp += 1
                    if kind in report.role_category and g.get("role_category") is not None:
                        agreed = report.role_category[kind]
                        agreed[0] += mine[hit].get("role_category") in _options(g["role_category"])
                        agreed[1] += 1
            elif not g.get("optional"):
                report.per_kind[kind].fn += 1
                document.fn += 1
                report.misses.append(f"{label}: {kind} {g.get('evidence_hint') or g}")
        for i, p in enumerate(mine):
            if i not in used_pred:
                report.per_kind[kind].fp += 1
                document.fp += 1
                report.extras.append(f"{label}: {kind} {p.get('evidence', {}).get('text', '')[:90]!r}")


def load_gold(gold_dir: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
