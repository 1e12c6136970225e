"""Build the learned layer's models from the corpus: ``python -m workflow.tone.training``.

Deterministic and quick (seconds): the same corpus always gives byte-identical
``model_data/<language>.json``, which a test checks against the shipped files. Per language
and category a logistic regression is fitted on the training and development splits
together; the test split is not read. The regularisation and the two confidence thresholds
are chosen on out-of-fold scores of a cross-validation over those same sentences (each
sentence scored by a model that did not see it, folds fixed by the text's hash): every
sentence counts once in the choice, so the thresholds rest on five times the sentences the
development split alone gave them, and the shipped model learns from all of them. Built
from the training split alone (``--without-dev``) and measured on the development split, this
gave more recall than choosing on that split, at the same precision, in every language.
``--without-dev`` is for that measurement: ``bench/tone_eval.py --split dev`` then scores a
model that never saw the development split.
The report threshold keeps 0.92 precision out of fold, and 0.88 on the sentences written
blind for the evaluation rounds: out of fold those were less precise than the rest, as
unseen letters are. Per-category thresholds, a weight on the rounds' sentences, unbalanced
classes, word pairs one word apart and pairs of cue groups did no better out of fold; a linear
SVM or complement naive Bayes did no better than the logistic regression.
Sentences of clean letters are clean sentences too; a labelled letter does not say which of
its sentences carries the label, so it is left to the evaluation.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from simplemma.strategies.dictionaries import DefaultDictionaryFactory
from sklearn.linear_model import LogisticRegression

from workflow.languages import LANGUAGES
from workflow.tone import corpus
from workflow.tone.features import Featuriser
from workflow.tone.findings import LEARNED_CATEGORIES
from workflow.tone.model import MODEL_FOLDER, WEIGHT_DECIMALS, dumps
from workflow.tone.text import fold, sentences, trimmed

MODEL_DIR = Path(__file__).resolve().parent / MODEL_FOLDER
MIN_DOCUMENTS = 2
# Forms kept per lemma, the shortest (the common inflections): Turkish has hundreds per verb,
# and character n-grams already carry the rarer, longer ones.
FORMS = 8
REGULARISATION = (64.0, 256.0, 1024.0)
DEFAULT_THRESHOLDS = {"report": 0.5, "error": 0.8}
REPORT_PRECISION = 0.92
BLIND_PRECISION = 0.88
ERROR_PRECISION = 0.98
_GRID = [round(0.05 * step, 2) for step in range(4, 20)]
FOLDS = 5
SEEN: tuple[corpus.Split, ...] = ("train", "dev")

Labelled = tuple[str, frozenset[str]]


def build(language: str, folder: Path = corpus.CORPUS_DIR, splits: Sequence[corpus.Split] = SEEN) -> dict:
    """The model of one language as the JSON-ready dictionary that ``Model`` reads, fitted on
    the sentences of ``splits``; the regularisation and the thresholds come from the
    out-of-fold scores of a ``FOLDS``-fold cross-validation over the same sentences."""
    chosen = [e for e in corpus.load(language, folder) if e.split in splits]
    labelled = list(_labelled(chosen))
    seen: list[Labelled] = [(text, labels) for _, _, text, labels in labelled]
    folds = np.array([fold for fold, _, _, _ in labelled], dtype=np.int64)
    blind = np.array([is_blind for _, is_blind, _, _ in labelled], dtype=bool)
    dictionary: Mapping[str, str] = DefaultDictionaryFactory().get_dictionary(language) if seen else {}
    lemmas = _lemma_table(dictionary, _vocabulary(Featuriser(language, dictionary), seen))
    vocabulary = _vocabulary(Featuriser(language, lemmas), seen)
    x = _matrix([_features(Featuriser(language, lemmas), text, language) for text, _ in seen], vocabulary)
    truth = _truth(seen)
    best: tuple[float, float, dict[str, float]] | None = None
    for strength in REGULARISATION:
        scores = _out_of_fold(x, truth, folds, strength)
        thresholds = _thresholds(scores, truth, blind)
        quality = _f1(scores, truth, thresholds["report"])
        if best is None or quality > best[0]:
            best = (quality, strength, thresholds)
    assert best is not None
    _, strength, thresholds = best
    weights, bias = _fitted(x, truth, strength)
    kept = [i for i in range(len(vocabulary)) if np.any(weights[i])]
    counts = Counter(e.split for e in chosen)
    return {
        "language": language,
        "categories": list(LEARNED_CATEGORIES),
        "thresholds": thresholds,
        "bias": [round(float(b), WEIGHT_DECIMALS) for b in bias],
        "features": [vocabulary[i] for i in kept],
        "weights": [[float(w) for w in weights[i]] for i in kept],
        "lemmas": lemmas,
        "corpus": {"train": counts["train"], "dev": counts["dev"], "folds": FOLDS, "regularisation": strength},
    }


def _labelled(examples: Iterable[corpus.Example]) -> Iterable[tuple[int, bool, str, frozenset[str]]]:
    """Each sentence with its fold, whether it was written blind, and its labels; a clean
    letter's sentences share the letter's fold, so no fold is scored by a model that read the
    rest of its letter."""
    for example in examples:
        fold = _fold(example.text)
        if example.kind == "sentence":
            yield fold, example.blind, example.text, example.labels & set(LEARNED_CATEGORIES)
        elif not example.labels:
            for start, end in sentences(example.text):
                start, end = trimmed(example.text, start, end)
                if start < end:
                    yield fold, example.blind, example.text[start:end], frozenset()


def _fold(text: str) -> int:
    """A fold fixed by the text, independent of the bytes that fix its split."""
    normalised = " ".join(text.split()).casefold()
    return int.from_bytes(hashlib.sha256(f"fold {normalised}".encode()).digest()[:8], "big") % FOLDS


def _vocabulary(featuriser: Featuriser, train: Sequence[Labelled]) -> list[str]:
    """Features found in at least ``MIN_DOCUMENTS`` training sentences, sorted."""
    documents = Counter(f for text, _ in train for f in set(_features(featuriser, text, featuriser.language)))
    return sorted(f for f, n in documents.items() if n >= MIN_DOCUMENTS)


def _lemma_table(dictionary: Mapping[str, str], vocabulary: Sequence[str]) -> dict[str, str]:
    """simplemma's forms of the lemmas the model weighs: the model carries them, so checking a
    letter never loads simplemma's dictionaries (seconds and a hundred megabytes for es, tr)."""
    weighed = {feature[2:] for feature in vocabulary if feature.startswith("w:")}
    forms: dict[str, list[str]] = {}
    for form, lemma in dictionary.items():
        if lemma in weighed and form != lemma and form.islower():
            forms.setdefault(lemma, []).append(form)
    return dict(
        sorted((form, lemma) for lemma, all_forms in forms.items() for form in sorted(all_forms, key=_shortest)[:FORMS])
    )


def _shortest(form: str) -> tuple[int, str]:
    return len(form), form


def _features(featuriser: Featuriser, text: str, language: str) -> list[str]:
    return featuriser.sentence(fold(text, language), text).all()


def _matrix(rows: Sequence[Sequence[str]], vocabulary: Sequence[str]) -> csr_matrix:
    """Counts of known features over the square root of their number, as ``Model.score`` sums."""
    index = {feature: i for i, feature in enumerate(vocabulary)}
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for row in rows:
        known = [index[f] for f in row if f in index]
        data += [1.0 / np.sqrt(len(known))] * len(known) if known else []
        columns += known
        pointers.append(len(columns))
    return csr_matrix((data, columns, pointers), shape=(len(rows), len(vocabulary)))


def _truth(seen: Sequence[Labelled]) -> npt.NDArray[np.bool_]:
    return np.array([[c in labels for c in LEARNED_CATEGORIES] for _, labels in seen], dtype=bool).reshape(
        len(seen), len(LEARNED_CATEGORIES)
    )


def _fitted(
    x: csr_matrix, truth: npt.NDArray[np.bool_], c: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Weights (one column per category, rounded as the model file keeps them) and biases."""
    weights = np.zeros((x.shape[1], len(LEARNED_CATEGORIES)))
    bias = np.full(len(LEARNED_CATEGORIES), -10.0)
    for column in range(len(LEARNED_CATEGORIES)):
        y = truth[:, column]
        if y.sum() < MIN_DOCUMENTS or (~y).sum() < MIN_DOCUMENTS:
            continue
        fit = LogisticRegression(
            C=c, solver="liblinear", dual=True, class_weight="balanced", random_state=0, max_iter=1000
        )
        fit.fit(x, y)
        weights[:, column] = fit.coef_[0]
        bias[column] = fit.intercept_[0]
    return np.round(weights, WEIGHT_DECIMALS).astype(np.float64), np.round(bias, WEIGHT_DECIMALS).astype(np.float64)


def _out_of_fold(
    x: csr_matrix, truth: npt.NDArray[np.bool_], folds: npt.NDArray[np.int64], c: float
) -> npt.NDArray[np.float64]:
    """Each sentence's confidences from the model fitted on the other folds."""
    scores = np.zeros(truth.shape)
    for number in range(FOLDS):
        held = folds == number
        if held.any() and (~held).any():
            weights, bias = _fitted(x[~held], truth[~held], c)
            scores[held] = _confidence(x[held], weights, bias)
    return scores


def _confidence(
    x: csr_matrix, weights: npt.NDArray[np.float64], bias: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """What ``Model.score`` gives these rows: the sum of the known features' weights over the
    square root of their number, where a feature the fit left at zero everywhere is unknown.
    A row of ``_matrix`` sums to the square root of its number of features, which gives back
    how often each occurs."""
    counts = csr_matrix(x)
    counts.data = np.rint(counts.data * np.repeat(np.asarray(x.sum(axis=1)).ravel(), np.diff(x.indptr)))
    sizes = counts @ np.any(weights, axis=1).astype(np.float64)
    totals = np.tile(bias, (x.shape[0], 1))
    filled = sizes > 0
    totals[filled] += (counts @ weights)[filled] / np.sqrt(sizes[filled])[:, None]
    return 1.0 / (1.0 + np.exp(-totals))


def _counts(scores: npt.NDArray[np.float64], truth: npt.NDArray[np.bool_], threshold: float) -> tuple[int, int, int]:
    found = scores >= threshold
    return int((found & truth).sum()), int((found & ~truth).sum()), int((~found & truth).sum())


def _f1(scores: npt.NDArray[np.float64], truth: npt.NDArray[np.bool_], threshold: float) -> float:
    tp, fp, fn = _counts(scores, truth, threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _thresholds(
    scores: npt.NDArray[np.float64], truth: npt.NDArray[np.bool_], blind: npt.NDArray[np.bool_]
) -> dict[str, float]:
    """The lowest confidence at which the out-of-fold scores keep their precision: the report
    threshold for ``REPORT_PRECISION`` over every sentence and ``BLIND_PRECISION`` over those
    written blind (out of fold they were less precise than the rest: a model meets new writers
    worse than it meets its corpus's), the error threshold for ``ERROR_PRECISION``."""
    if not _counts(scores, truth, 0.0)[0]:
        return dict(DEFAULT_THRESHOLDS)
    report = max(
        _lowest(scores, truth, REPORT_PRECISION, DEFAULT_THRESHOLDS["report"]),
        _lowest(scores[blind], truth[blind], BLIND_PRECISION, DEFAULT_THRESHOLDS["report"]) if blind.any() else 0.0,
    )
    error = _lowest(scores, truth, ERROR_PRECISION, DEFAULT_THRESHOLDS["error"])
    return {"report": report, "error": max(report, error)}


def _lowest(scores: npt.NDArray[np.float64], truth: npt.NDArray[np.bool_], precision: float, fallback: float) -> float:
    for threshold in _GRID:
        tp, fp, _ = _counts(scores, truth, threshold)
        if tp and tp / (tp + fp) >= precision:
            return threshold
    return max(_GRID[-1], fallback)


def write(folder: Path, out: Path, languages: Sequence[str], splits: Sequence[corpus.Split] = SEEN) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for language in languages:
        path = out / f"{language}.json"
        path.write_text(dumps(build(language, folder, splits)), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS_DIR, help="folder of <language>*.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="folder the <language>.json models go to")
    parser.add_argument(
        "--without-dev", action="store_true", help="fit on the training split alone, to measure on the dev split"
    )
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES))
    arguments = parser.parse_args(argv)
    splits: tuple[corpus.Split, ...] = ("train",) if arguments.without_dev else SEEN
    for path in write(arguments.corpus, arguments.out, arguments.languages, splits):
        print(path)


if __name__ == "__main__":
    main()
