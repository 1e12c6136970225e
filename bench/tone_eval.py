"""Precision and recall of the tone check: on the corpus's test split and on each labelled
round in tests/tone/eval/ (issue 13, "Measured in benchmarks").

Scoring is per item and category: a category found in an item that its label does not
list is a false alarm, a labelled category not found is a miss. Corpus items are scored on
the phrase categories (their labels); eval sentences on phrase and writing categories, eval
letters on every category. Each set is scored twice, with the learned layer at its shipped
thresholds and with the rules alone. The last line is the JSON summary: ``ours`` is the
lowest recall of any language on the test split with the learned layer, ``floor`` the
lowest with the rules alone, on the same items.

The corpus's letters with a problem are scored too, whatever their split, since training
never reads them.

``--split dev`` scores the development split alone, per language and category, and nothing
else, so the test split and the rounds stay unseen until the measurement. The shipped models
are fitted on the training and development splits together (their choices are made by
cross-validation over both), so on them this is no measurement: build from the training
split alone first (``python -m workflow.tone.training --without-dev``), score, then rebuild
with ``make tone-model`` (a test fails until the shipped files equal the rebuild).

Run: .venv/bin/python bench/tone_eval.py [--misses] [--corpus DIR] [--split dev]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workflow.languages import LANGUAGES
from workflow.tone import check, corpus
from workflow.tone.findings import PHRASE_CATEGORIES

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "tone" / "eval"
TARGETS = {"precision": 0.9, "recall": 0.85}
UNSEEN_TARGETS = {"precision": 0.85, "recall": 0.7}


@dataclass(frozen=True)
class Item:
    text: str
    expect: frozenset[str]
    scored: frozenset[str] | None
    internal: tuple[str, ...] = ()
    concession_offered: bool = False


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(sum(self.tp.values()), sum(self.tp.values()) + sum(self.fp.values()))

    @property
    def recall(self) -> float:
        return ratio(sum(self.tp.values()), sum(self.tp.values()) + sum(self.fn.values()))


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def test_split(language: str, folder: Path, split: corpus.Split = "test") -> list[Item]:
    return [_item(e) for e in corpus.load(language, folder) if e.split == split]


def labelled_letters(language: str, folder: Path) -> list[Item]:
    """Every corpus letter with a problem, whatever its split: training reads only clean
    letters (a label does not say which sentence carries it), so none of these was learned."""
    return [_item(e) for e in corpus.load(language, folder) if e.kind == "letter" and e.labels]


def _item(example: corpus.Example) -> Item:
    return Item(
        example.text, example.labels, frozenset(PHRASE_CATEGORIES), concession_offered=example.concession_offered
    )


def rounds(language: str) -> dict[str, list[Item]]:
    """Every labelled file of the language (``LANG.json``, ``LANG_holdout*.json``, ``LANG_round*.json``)."""
    found = {}
    for path in sorted(EVAL_DIR.glob(f"{language}.json")) + sorted(EVAL_DIR.glob(f"{language}_*.json")):
        found[path.stem] = [
            Item(
                item["text"],
                frozenset(item["expect"]),
                None if item["kind"] == "letter" else frozenset(PHRASE_CATEGORIES) | {"spelling", "long_sentence"},
                tuple(item.get("internal", ())),
                item.get("concession_offered", False),
            )
            for item in json.loads(path.read_text(encoding="utf-8"))
        ]
    return found


def score(items: list[Item], language: str, *, learned: bool = True, spelling: bool = True) -> Score:
    result = Score()
    for item in items:
        report = check(
            item.text,
            language,
            internal_texts=item.internal,
            concession_offered=item.concession_offered,
            spelling=spelling,
            learned=learned,
        )
        found = report.categories if item.scored is None else report.categories & item.scored
        for category in found & item.expect:
            result.tp[category] += 1
        for category in found - item.expect:
            result.fp[category] += 1
            result.mistakes.append(f"  false alarm {category}: {item.text[:90]!r}")
        for category in item.expect - found:
            result.fn[category] += 1
            result.mistakes.append(f"  miss {category}: {item.text[:90]!r}")
    return result


def show(name: str, items: int, ours: Score, rules: Score, show_mistakes: bool) -> None:
    print(f"  {name} ({items} items): {'category':<22} {'precision':>9} {'recall':>7}   tp  fp  fn")
    for category in sorted(set(ours.tp) | set(ours.fp) | set(ours.fn)):
        tp, fp, fn = ours.tp[category], ours.fp[category], ours.fn[category]
        print(f"    {category:<40} {ratio(tp, tp + fp):>9.2f} {ratio(tp, tp + fn):>7.2f}  {tp:>3} {fp:>3} {fn:>3}")
    print(
        f"    all: precision {ours.precision:.2f} recall {ours.recall:.2f}"
        f"   (rules alone: precision {rules.precision:.2f} recall {rules.recall:.2f})"
    )
    if show_mistakes:
        print("\n".join(ours.mistakes))


def evaluate(folder: Path, show_mistakes: bool = False, split: corpus.Split = "test") -> dict[str, dict[str, object]]:
    figures: dict[str, dict[str, object]] = {}
    for language in LANGUAGES:
        print(f"{language}:")
        items = test_split(language, folder, split)
        ours, rules = score(items, language, spelling=False), score(items, language, learned=False, spelling=False)
        show(f"{split} split", len(items), ours, rules, show_mistakes)
        figures[language] = {
            "items": len(items),
            "precision": round(ours.precision, 3),
            "recall": round(ours.recall, 3),
            "rules_precision": round(rules.precision, 3),
            "rules_recall": round(rules.recall, 3),
        }
        if split != "test":
            continue
        letters = labelled_letters(language, folder)
        ours, rules = score(letters, language, spelling=False), score(letters, language, learned=False, spelling=False)
        show("corpus letters with a problem", len(letters), ours, rules, show_mistakes)
        figures[language]["letters"] = {
            "items": len(letters),
            "precision": round(ours.precision, 3),
            "recall": round(ours.recall, 3),
        }
        for name, round_items in rounds(language).items():
            ours, rules = score(round_items, language), score(round_items, language, learned=False)
            show(name, len(round_items), ours, rules, show_mistakes)
            figures[language][name] = {"precision": round(ours.precision, 3), "recall": round(ours.recall, 3)}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS_DIR, help="folder of <language>*.jsonl")
    parser.add_argument("--split", choices=("test", "dev"), default="test", help="the corpus split to score")
    arguments = parser.parse_args()
    figures = evaluate(arguments.corpus, arguments.misses, arguments.split)
    worst = min(figures, key=lambda language: float(figures[language]["recall"]))  # type: ignore[arg-type]
    ours = float(figures[worst]["recall"])  # type: ignore[arg-type]
    floor = min(float(f["rules_recall"]) for f in figures.values())  # type: ignore[arg-type]
    summary = {
        "bench": "tone_eval",
        "ours": ours,
        "floor": floor,
        "ratio": round(ours / floor, 3) if floor else None,
        "unit": "recall",
        "split": arguments.split,
        "worst_language": worst,
        "precision_min": min(float(f["precision"]) for f in figures.values()),  # type: ignore[arg-type]
        "targets": {"test_split": TARGETS, "unseen_rounds": UNSEEN_TARGETS},
        "languages": figures,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
