"""The learned layer's model of one language, as shipped in ``model_data/<language>.json``.

The file is plain JSON written by ``workflow.tone.training`` (vocabulary, lemma table,
weights, thresholds): nothing is unpickled and nothing is downloaded when a letter is checked,
and scikit-learn is needed only to build it. A sentence's score for a category is the sum of
the weights of its known features divided by the square root of their number, plus the
category's bias; the logistic function of it is the confidence.

Scoring is the hot path of the tone check, so it does not walk each sentence's feature
strings: a word's own features (its lemma and character n-grams, most of the work) are
summed once per process in a ``WordTable``, and a sentence adds up its words' rows and its
known pairs (each pair of words looked up once, by the words' rows) and cues. What a finding's
explanation needs (the words, their pairs, the cues) is kept from scoring, not found again.
Weights are rounded to ``WEIGHT_DECIMALS`` when trained, so the sums are made in whole units,
exactly, in whatever order; tests/tone/test_scoring.py holds the result to the plain
definition above.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, repeat

import numpy as np
import numpy.typing as npt

from workflow.tone.chunks import ChunkTokens
from workflow.tone.cue_words import cue_features
from workflow.tone.features import WORD_CACHE_LIMIT, Featuriser, pair_features, words_of

MODEL_PACKAGE = "workflow.tone"
MODEL_FOLDER = "model_data"
WEIGHT_DECIMALS = 4
UNITS = 10**WEIGHT_DECIMALS
_FIRST_CAPACITY = 1024
PAIR_CACHE_LIMIT = 100_000
_PAIR_SHIFT = 32
_UNSEEN = -1
_WORDS = ChunkTokens(words_of)


@dataclass(frozen=True)
class Thresholds:
    """Confidence from which a finding is reported, and from which it is an error rather than a
    warning; both chosen on the development split by ``training``."""

    report: float
    error: float


@dataclass(frozen=True)
class Scored:
    """Sentences' confidences (one row per sentence, one column per category), with what is
    needed to explain a finding: each sentence's words, the rows of its known word pairs (None
    for an unknown pair), its cues and how many known features it had. Scoring found them
    already, so explaining a finding does not read its sentence again."""

    sentences: list[tuple[str, str]]
    tokens: list[list[str]]
    pair_rows: list[list[int | None]]
    cues: list[list[str]]
    sizes: npt.NDArray[np.int64]
    confidence: npt.NDArray[np.float64]

    def spans(self, sentence: int) -> list[tuple[int, int]]:
        """Where each word of a sentence is in it. A word is a whole run of word characters, so
        its first occurrence after the word before it is where it stands."""
        folded = self.sentences[sentence][0]
        found: list[tuple[int, int]] = []
        at = 0
        for token in self.tokens[sentence]:
            start = folded.index(token, at)
            at = start + len(token)
            found.append((start, at))
        return found


class Model:
    def __init__(self, data: dict) -> None:
        self.language: str = data["language"]
        self.categories: tuple[str, ...] = tuple(data["categories"])
        self.thresholds = Thresholds(**data["thresholds"])
        self.rows: dict[str, int] = {feature: row for row, feature in enumerate(data["features"])}
        weights = np.array(data["weights"], dtype=np.float64).reshape(len(data["features"]), len(self.categories))
        self.bias: npt.NDArray[np.float64] = np.array(data["bias"], dtype=np.float64)
        self.featuriser = Featuriser(self.language, data["lemmas"])
        self._table = WordTable(self.featuriser, self.rows, in_units(weights))
        self._table_lock = threading.Lock()
        # Kept once, a column per category (explanations sum a column's values in order).
        self._columns = np.ascontiguousarray(weights.T)
        self._word_shares: dict[str, list[float]] = {}

    @property
    def weights(self) -> npt.NDArray[np.float64]:
        """One row per feature, one column per category, as the file holds them: a view."""
        return self._columns.T

    @property
    def empty(self) -> bool:
        """A model built from no corpus knows no feature and never reports anything."""
        return not self.rows

    def score(self, sentences: list[tuple[str, str]]) -> Scored:
        """Confidences for (folded, original) sentences. A sentence's items are its words (each
        summed once in the word table) and its known pairs and cues; their weights are added as
        exact integers, so the order they come in does not matter."""
        tokens = [_WORDS.tokens(folded) for folded, _ in sentences]
        cues = [cue_features(folded, original, self.language) for folded, original in sentences]
        pair_rows: list[list[int | None]] = []
        items: list[int] = []
        counts: list[int] = []
        with self._table_lock:
            lemmas, ids = self._table.lookup([token for own in tokens for token in own])
            neighbours = self._table.pairs(ids, lemmas, list(accumulate(map(len, tokens))))
            at = 0
            for own, found in zip(tokens, cues, strict=True):
                before, end = len(items), at + len(own)
                pairs = neighbours[at : end - 1]
                pair_rows.append(pairs)
                context = found + self.featuriser.negated(lemmas[at:end])
                items += ids[at:end]
                items += [row for row in pairs if row is not None]
                items += [row for row in map(self.rows.get, context) if row is not None]
                counts.append(len(items) - before)
                at = end
            sums, sizes = self._table.totals(items, counts)
        # A sentence without a known feature has sums of 0: dividing them by 1 leaves its bias.
        totals = self.bias + sums / UNITS / np.sqrt(np.maximum(sizes, 1))[:, None]
        return Scored(sentences, tokens, pair_rows, cues, sizes, 1.0 / (1.0 + np.exp(-totals)))

    def word_weights(self, tokens: list[str], pair_rows: list[int | None], size: int, category: str) -> list[float]:
        """How much each word of a sentence pushed it towards the category: its own features,
        and half of each pair it belongs to. ``pair_rows`` and ``size`` are the sentence's in
        ``Scored``."""
        column = self.categories.index(category)
        scale = math.sqrt(size) or 1.0
        known = self._word_shares
        weights = [(known.get(token) or self._shares(token))[column] / scale for token in tokens]
        for i, row in enumerate(pair_rows):
            share = float(self.weights[row, column]) / scale / 2 if row is not None else 0.0
            weights[i] += share
            weights[i + 1] += share
        return weights

    def _shares(self, token: str) -> list[float]:
        """What a word's own features weigh in each category, worked out once per word. Each is
        the sum of one contiguous column's values: numpy sums a whole matrix in another order,
        and an explanation must not change with the way its floats were added."""
        cached = self._word_shares.get(token)
        if cached is None:
            if len(self._word_shares) >= WORD_CACHE_LIMIT:
                self._word_shares.clear()
            rows = [self.rows[f] for f in self.featuriser.word_features(token) if f in self.rows]
            cached = self._word_shares[token] = [float(column.sum()) for column in self._columns[:, rows]]
        return cached


class WordTable:
    """Items a sentence's score adds up, one row each: first every feature of the model, then
    each word met so far, with the sum of its own features' weights (in ``UNITS``), and in a
    last column how many of them the model knows. A letter repeats its words and a business's
    letters share them, so a sentence costs a gather of rows, not a lookup of each character
    n-gram. Not safe to share between threads: its model takes a lock around it."""

    def __init__(self, featuriser: Featuriser, rows: dict[str, int], units: npt.NDArray[np.int64]) -> None:
        self._featuriser = featuriser
        self._rows = rows
        self._units = np.hstack([units, np.ones((len(units), 1), dtype=np.int64)])
        self._ids: dict[str, int]
        self._lemmas: list[str]  # by row: "" for the model's features
        self._table: npt.NDArray[np.int64]
        self._pairs: dict[int, int | None]  # by the two words' rows
        self._clear()

    def lookup(self, tokens: list[str]) -> tuple[list[str], list[int]]:
        """Each token's lemma and its row."""
        ids = list(map(self._ids.get, tokens, repeat(-1)))
        if -1 in ids:
            self._add([token for token, row in zip(tokens, ids, strict=True) if row == -1], tokens)
            ids = list(map(self._ids.__getitem__, tokens))
        return list(map(self._lemmas.__getitem__, ids)), ids

    def pairs(self, ids: list[int], lemmas: list[str], ends: list[int]) -> list[int | None]:
        """The model's row of each word's pair with the next word (None for a pair it does not
        know), found once per pair of words: as an integer key, without the pair's feature name.
        ``ends`` are where the words of each sentence end: a last word and the next sentence's
        first are no pair (None), and are not looked up."""
        joined = np.array(ids, dtype=np.int64)
        keys = (joined[:-1] << _PAIR_SHIFT | joined[1:]).tolist()
        rows: list[int | None] = list(map(self._pairs.get, keys, repeat(_UNSEEN)))
        for end in ends:
            if 0 < end < len(ids):
                rows[end - 1] = None
        unseen = rows.count(_UNSEEN)
        if unseen and len(self._pairs) + unseen > PAIR_CACHE_LIMIT:
            self._pairs.clear()
        at = -1
        for _ in range(unseen):
            at = rows.index(_UNSEEN, at + 1)
            rows[at] = self._pairs[keys[at]] = self._rows.get(pair_features(lemmas[at : at + 2])[0])
        return rows

    def totals(self, items: list[int], counts: list[int]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Weight sums and sizes of consecutive runs of ``counts`` items."""
        totals = segment_sums(self._table[items], counts)
        return totals[:, :-1], totals[:, -1]

    def _add(self, missing: list[str], tokens: list[str]) -> None:
        """Rows for the missing words; a full table starts again with the tokens asked for."""
        new = list(dict.fromkeys(missing))
        if len(self._ids) + len(new) > WORD_CACHE_LIMIT:
            self._clear()
            new = list(dict.fromkeys(tokens))
        first = len(self._lemmas)
        self._grow(first + len(new))
        rows = [[self._rows[f] for f in self._featuriser.word_features(token) if f in self._rows] for token in new]
        sizes = [len(own) for own in rows]
        self._table[first : first + len(new)] = segment_sums(self._units[[row for own in rows for row in own]], sizes)
        for token in new:
            self._ids[token] = len(self._lemmas)
            self._lemmas.append(self._featuriser.lemma(token))

    def _grow(self, size: int) -> None:
        capacity = len(self._table)
        if size > capacity:
            while capacity < size:
                capacity *= 2
            table = np.zeros((capacity, self._units.shape[1]), dtype=np.int64)
            table[: len(self._table)] = self._table
            self._table = table

    def _clear(self) -> None:
        self._ids = {}
        self._pairs = {}
        self._lemmas = [""] * len(self._units)
        self._table = np.zeros((len(self._units) + _FIRST_CAPACITY, self._units.shape[1]), dtype=np.int64)
        self._table[: len(self._units)] = self._units


def in_units(weights: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """The weights as whole ``UNITS``: training rounds them to ``WEIGHT_DECIMALS``, so this is
    exact, and sums of them do not depend on the order they are added in."""
    units = np.rint(weights * UNITS).astype(np.int64)
    if not np.array_equal(units / UNITS, weights):
        raise ValueError(f"A model's weights must be rounded to {WEIGHT_DECIMALS} decimals; rebuild it.")
    return units


def segment_sums(values: npt.NDArray[np.int64], counts: list[int]) -> npt.NDArray[np.int64]:
    """Sums of consecutive runs of ``counts`` rows (a run may be empty), exact for integers."""
    runs = np.array(counts, dtype=np.int64)
    ends = np.cumsum(runs)
    totals = np.concatenate([np.zeros((1, *values.shape[1:]), dtype=np.int64), np.cumsum(values, axis=0)])
    return totals[ends] - totals[ends - runs]


def dumps(data: dict) -> str:
    """The model file's text: keys sorted, no spaces, so equal models are equal bytes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@cache
def model_for(language: str) -> Model:
    """The shipped model of a language, read once per process."""
    path = resources.files(MODEL_PACKAGE) / MODEL_FOLDER / f"{language}.json"
    return Model(json.loads(path.read_text(encoding="utf-8")))
