"""The learned layer's model of one language, as shipped in ``model_data/<language>.json``.

The file is plain JSON written by ``workflow.tone.training`` (vocabulary, lemma table,
weights, thresholds): nothing is unpickled and nothing is downloaded when a letter is checked,
and scikit-learn is needed only to build it. A sentence's score for a category is the sum of
the weights of its known features divided by the square root of their number, plus the
category's bias; the logistic function of it is the confidence.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from workflow.tone.features import WORD_CACHE_LIMIT, Featuriser, SentenceFeatures

MODEL_PACKAGE = "workflow.tone"
MODEL_FOLDER = "model_data"


@dataclass(frozen=True)
class Thresholds:
    """Confidence from which a finding is reported, and from which it is an error rather than a
    warning; both chosen on the development split by ``training``."""

    report: float
    error: float


@dataclass(frozen=True)
class Scored:
    """Sentences' confidences (one row per sentence, one column per category), with what is
    needed to explain a finding."""

    features: list[SentenceFeatures]
    rows: list[list[int]]
    confidence: npt.NDArray[np.float64]


class Model:
    def __init__(self, data: dict) -> None:
        self.language: str = data["language"]
        self.categories: tuple[str, ...] = tuple(data["categories"])
        self.thresholds = Thresholds(**data["thresholds"])
        self.rows: dict[str, int] = {feature: row for row, feature in enumerate(data["features"])}
        self.weights: npt.NDArray[np.float64] = np.array(data["weights"], dtype=np.float64).reshape(
            len(data["features"]), len(self.categories)
        )
        self.bias: npt.NDArray[np.float64] = np.array(data["bias"], dtype=np.float64)
        self.featuriser = Featuriser(self.language, data["lemmas"])
        self._word_rows: dict[str, list[int]] = {}

    @property
    def empty(self) -> bool:
        """A model built from no corpus knows no feature and never reports anything."""
        return not self.rows

    def score(self, sentences: list[tuple[str, str]]) -> Scored:
        """Confidences for (folded, original) sentences, in one pass over the weights."""
        featured = [self.featuriser.sentence(folded, original) for folded, original in sentences]
        rows = [self._rows_of(features) for features in featured]
        totals = np.tile(self.bias, (len(rows), 1))
        filled = [i for i, r in enumerate(rows) if r]
        if filled:
            flat = [row for i in filled for row in rows[i]]
            starts = np.cumsum([0] + [len(rows[i]) for i in filled[:-1]])
            sums = np.add.reduceat(self.weights[flat], starts, axis=0)
            scale = np.sqrt([len(rows[i]) for i in filled])[:, None]
            totals[filled] += sums / scale
        return Scored(featured, rows, 1.0 / (1.0 + np.exp(-totals)))

    def word_weights(self, scored: Scored, sentence: int, category: str) -> list[float]:
        """How much each word of a sentence pushed it towards the category: its own features,
        and half of each pair it belongs to."""
        column = self.weights[:, self.categories.index(category)]
        features = scored.features[sentence]
        scale = math.sqrt(len(scored.rows[sentence])) or 1.0
        weights = [float(column[self._known(token)].sum()) / scale for token in features.tokens]
        for i, pair in enumerate(features.pairs):
            share = float(column[self.rows[pair]]) / scale / 2 if pair in self.rows else 0.0
            weights[i] += share
            weights[i + 1] += share
        return weights

    def _rows_of(self, features: SentenceFeatures) -> list[int]:
        rows: list[int] = []
        for token in features.tokens:
            rows += self._known(token)
        rows += [self.rows[f] for f in features.pairs + features.cues if f in self.rows]
        return rows

    def _known(self, token: str) -> list[int]:
        """The rows of a word's own features, worked out once per word."""
        cached = self._word_rows.get(token)
        if cached is None:
            if len(self._word_rows) >= WORD_CACHE_LIMIT:
                self._word_rows.clear()
            cached = self._word_rows[token] = [self.rows[f] for f in self.featuriser.word(token) if f in self.rows]
        return cached


def dumps(data: dict) -> str:
    """The model file's text: keys sorted, no spaces, so equal models are equal bytes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@cache
def model_for(language: str) -> Model:
    """The shipped model of a language, read once per process."""
    path = resources.files(MODEL_PACKAGE) / MODEL_FOLDER / f"{language}.json"
    return Model(json.loads(path.read_text(encoding="utf-8")))
