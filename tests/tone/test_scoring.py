"""The model's fast scoring (words summed once in a table, exact integer sums) gives what the
plain definition gives: the weights of every known feature of ``Featuriser.sentence``, summed
and divided by the square root of their number. A feature added to the featuriser but not to
the fast path fails here."""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from workflow.languages import LANGUAGES
from workflow.tone import model as model_module
from workflow.tone.model import Model, model_for
from workflow.tone.text import fold

EVAL = Path(__file__).parent / "eval"


def sentences(language: str) -> list[tuple[str, str]]:
    texts = [item["text"] for path in sorted(EVAL.glob(f"{language}*.json")) for item in json.loads(path.read_text())]
    return [(fold(text, language), text) for text in texts]


def by_definition(model: Model, folded: str, original: str) -> tuple[npt.NDArray[np.float64], int]:
    rows = [model.rows[f] for f in model.featuriser.sentence(folded, original).all() if f in model.rows]
    total = model.bias + (model.weights[rows].sum(axis=0) / math.sqrt(len(rows)) if rows else 0.0)
    return 1.0 / (1.0 + np.exp(-total)), len(rows)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_scores_equal_the_plain_sum_of_the_featurisers_features(language: str) -> None:
    model = model_for(language)
    given = sentences(language)
    scored = model.score(given)
    for i, (folded, original) in enumerate(given):
        confidence, size = by_definition(model, folded, original)
        assert scored.sizes[i] == size, original
        np.testing.assert_allclose(scored.confidence[i], confidence, rtol=0, atol=1e-12, err_msg=original)


def test_a_full_word_table_starts_again_and_scores_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    given = sentences("tr")
    expected = model_for("tr").score(given).confidence
    monkeypatch.setattr(model_module, "WORD_CACHE_LIMIT", 50)
    fresh = Model(json.loads((Path(model_module.__file__).parent / "model_data" / "tr.json").read_text()))
    again = np.vstack([fresh.score(given[start : start + 7]).confidence for start in range(0, len(given), 7)])
    np.testing.assert_array_equal(again, expected)


def test_threads_sharing_a_model_get_the_scores_of_one_thread() -> None:
    model = Model(json.loads((Path(model_module.__file__).parent / "model_data" / "es.json").read_text()))
    given = sentences("es")
    chunks = [given[start : start + 5] for start in range(0, len(given), 5)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = np.vstack(list(pool.map(lambda chunk: model.score(chunk).confidence, chunks)))
    np.testing.assert_array_equal(together, model_for("es").score(given).confidence)
