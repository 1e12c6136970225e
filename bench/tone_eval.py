"""Precision and recall of the tone check on the labelled set in tests/tone/eval/.

Scoring is per item and category: a category found in an item that its label does not
list is a false alarm, a labelled category not found is a miss. Sentence items are scored
on phrase and writing categories only, since letter findings (missing thanks…) are about
whole letters. The last line is the JSON summary: ``ours`` is the lowest precision of any
language, ``floor`` that language's target.

Run: .venv/bin/python bench/tone_eval.py [--misses]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from workflow.tone import check
from workflow.tone.findings import LETTER_CATEGORIES

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "tone" / "eval"
TARGETS: dict[str, tuple[float, float]] = {"en": (0.9, 0.85), "es": (0.9, 0.85), "bg": (0.8, 0.7), "tr": (0.8, 0.7)}


def load(language: str) -> list[dict]:
    return [
        item
        for path in sorted(EVAL_DIR.glob(f"{language}*.json"))
        for item in json.loads(path.read_text(encoding="utf-8"))
    ]


def predicted(item: dict, language: str) -> set[str]:
    report = check(
        item["text"],
        language,
        internal_texts=item.get("internal", ()),
        concession_offered=item.get("concession_offered", False),
    )
    found = report.categories
    return found if item["kind"] == "letter" else found - set(LETTER_CATEGORIES)


def score(language: str) -> tuple[Counter, Counter, Counter, list[str]]:
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    mistakes = []
    for item in load(language):
        expected, found = set(item["expect"]), predicted(item, language)
        for category in found & expected:
            tp[category] += 1
        for category in found - expected:
            fp[category] += 1
            mistakes.append(f"  false alarm {category}: {item['text'][:90]!r}")
        for category in expected - found:
            fn[category] += 1
            mistakes.append(f"  miss {category}: {item['text'][:90]!r}")
    return tp, fp, fn, mistakes


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def evaluate(show_mistakes: bool = False) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for language in TARGETS:
        tp, fp, fn, mistakes = score(language)
        print(f"{language}: {'category':<24} {'precision':>9} {'recall':>7}   tp  fp  fn")
        for category in sorted(set(tp) | set(fp) | set(fn)):
            print(
                f"    {category:<24} {ratio(tp[category], tp[category] + fp[category]):>9.2f}"
                f" {ratio(tp[category], tp[category] + fn[category]):>7.2f}"
                f"  {tp[category]:>3} {fp[category]:>3} {fn[category]:>3}"
            )
        total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
        figures[language] = {
            "precision": round(ratio(total_tp, total_tp + total_fp), 3),
            "recall": round(ratio(total_tp, total_tp + total_fn), 3),
            "items": len(load(language)),
        }
        print(f"  all: precision {figures[language]['precision']:.2f} recall {figures[language]['recall']:.2f}")
        if show_mistakes:
            print("\n".join(mistakes))
    return figures


def main() -> None:
    figures = evaluate(show_mistakes="--misses" in sys.argv)
    worst = min(figures, key=lambda lang: figures[lang]["precision"] / TARGETS[lang][0])
    summary = {
        "bench": "tone_eval",
        "ours": figures[worst]["precision"],
        "floor": TARGETS[worst][0],
        "ratio": round(figures[worst]["precision"] / TARGETS[worst][0], 3),
        "unit": "precision",
        "worst_language": worst,
        "recall_ratio_min": round(min(figures[lang]["recall"] / TARGETS[lang][1] for lang in figures), 3),
        "targets": {lang: {"precision": p, "recall": r} for lang, (p, r) in TARGETS.items()},
        "languages": figures,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
