"""The quality bar of issue 4, measured on the labelled set in tests/tone/eval/."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from workflow.tone import CATEGORIES

BENCH = Path(__file__).resolve().parents[2] / "bench" / "tone_eval.py"
spec = importlib.util.spec_from_file_location("tone_eval", BENCH)
assert spec and spec.loader
tone_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tone_eval)


def test_every_label_is_a_known_category() -> None:
    for path in tone_eval.EVAL_DIR.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert set(item["expect"]) <= set(CATEGORIES), (path.name, item["text"])
            assert item["kind"] in ("sentence", "letter")


@pytest.mark.parametrize("language", list(tone_eval.TARGETS))
def test_precision_and_recall_reach_the_targets(language: str) -> None:
    tp, fp, fn, mistakes = tone_eval.score(language)
    precision = tone_eval.ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values()))
    recall = tone_eval.ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values()))
    target_precision, target_recall = tone_eval.TARGETS[language]
    assert precision >= target_precision, mistakes
    assert recall >= target_recall, mistakes


@pytest.mark.parametrize("language", list(tone_eval.TARGETS))
def test_the_set_has_clean_sentences_that_look_risky(language: str) -> None:
    items = tone_eval.load(language)
    clean = [item for item in items if item["kind"] == "sentence" and not item["expect"]]
    assert len(clean) >= 20
    assert any(item["kind"] == "letter" for item in items)
