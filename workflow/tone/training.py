"""Build the learned layer's models from the corpus: ``python -m workflow.tone.training``.

Deterministic and quick (seconds): the same corpus always gives byte-identical
``model_data/<language>.json``, which a test checks against the shipped files. Per language
and category a logistic regression is fitted on the training split; the development split
chooses the regularisation and the two confidence thresholds; the test split is not read.
The report threshold keeps 0.92 precision on the development split: measured by choosing it
on one half of that split and scoring the other, 0.95 cost recall and 0.90 fell below 0.9
precision; per-category thresholds chosen that way overfitted, and a linear SVM or complement
naive Bayes did no better than the logistic regression.
Sentences of clean letters are clean sentences too; a labelled letter does not say which of
its sentences carries the label, so it is left to the evaluation.
"""

from __future__ import annotations

import argparse
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
from workflow.tone.model import MODEL_FOLDER, WEIGHT_DECIMALS, Model, dumps
from workflow.tone.text import fold, sentences, trimmed

MODEL_DIR = Path(__file__).resolve().parent / MODEL_FOLDER
MIN_DOCUMENTS = 2
# Forms kept per lemma, the shortest (the common inflections): Turkish has hundreds per verb,
# and character n-grams already carry the rarer, longer ones.
FORMS = 8
REGULARISATION = (64.0, 256.0, 1024.0)
DEFAULT_THRESHOLDS = {"report": 0.5, "error": 0.8}
REPORT_PRECISION = 0.92
ERROR_PRECISION = 0.98
_GRID = [round(0.05 * step, 2) for step in range(4, 20)]

Labelled = tuple[str, frozenset[str]]


def build(language: str, folder: Path = corpus.CORPUS_DIR) -> dict:
    """The model of one language as the JSON-ready dictionary that ``Model`` reads."""
    examples = corpus.load(language, folder)
    train = list(_labelled(e for e in examples if e.split == "train"))
    dev = list(_labelled(e for e in examples if e.split == "dev"))
    dictionary: Mapping[str, str] = DefaultDictionaryFactory().get_dictionary(language) if train else {}
    lemmas = _lemma_table(dictionary, _vocabulary(Featuriser(language, dictionary), train))
    vocabulary = _vocabulary(Featuriser(language, lemmas), train)
    x = _matrix([_features(Featuriser(language, lemmas), text, language) for text, _ in train], vocabulary)
    best: tuple[float, dict] | None = None
    for strength in REGULARISATION:
        data = _fitted(language, lemmas, vocabulary, x, train, strength)
        dev_scores = _scores(Model(data), dev, language)
        data["thresholds"] = _thresholds(dev_scores, dev)
        quality = _f1(dev_scores, dev, data["thresholds"]["report"])
        if best is None or quality > best[0]:
            best = (quality, data)
    assert best is not None
    model = best[1]
    model["corpus"] = {"train": len(train), "dev": len(dev), "regularisation": model.pop("regularisation")}
    return model


def _labelled(examples: Iterable[corpus.Example]) -> Iterable[Labelled]:
    for example in examples:
        if example.kind == "sentence":
            yield example.text, example.labels & set(LEARNED_CATEGORIES)
        elif not example.labels:
            for start, end in sentences(example.text):
                start, end = trimmed(example.text, start, end)
                if start < end:
                    yield example.text[start:end], frozenset()


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


def _fitted(
    language: str, lemmas: dict[str, str], vocabulary: list[str], x: csr_matrix, train: Sequence[Labelled], c: float
) -> dict:
    weights = np.zeros((len(vocabulary), len(LEARNED_CATEGORIES)))
    bias = np.full(len(LEARNED_CATEGORIES), -10.0)
    for column, category in enumerate(LEARNED_CATEGORIES):
        y = np.array([category in labels for _, labels in train])
        if y.sum() < MIN_DOCUMENTS or (~y).sum() < MIN_DOCUMENTS:
            continue
        fit = LogisticRegression(
            C=c, solver="liblinear", dual=True, class_weight="balanced", random_state=0, max_iter=1000
        )
        fit.fit(x, y)
        weights[:, column] = fit.coef_[0]
        bias[column] = fit.intercept_[0]
    weights = np.round(weights, WEIGHT_DECIMALS)
    kept = [i for i in range(len(vocabulary)) if np.any(weights[i])]
    return {
        "language": language,
        "categories": list(LEARNED_CATEGORIES),
        "thresholds": dict(DEFAULT_THRESHOLDS),
        "bias": [round(float(b), WEIGHT_DECIMALS) for b in bias],
        "features": [vocabulary[i] for i in kept],
        "weights": [[float(w) for w in weights[i]] for i in kept],
        "lemmas": lemmas,
        "regularisation": c,
    }


def _scores(model: Model, dev: Sequence[Labelled], language: str) -> npt.NDArray[np.float64]:
    return model.score([(fold(text, language), text) for text, _ in dev]).confidence


def _counts(scores: npt.NDArray[np.float64], dev: Sequence[Labelled], threshold: float) -> tuple[int, int, int]:
    truth = np.array([[c in labels for c in LEARNED_CATEGORIES] for _, labels in dev], dtype=bool).reshape(scores.shape)
    found = scores >= threshold
    return int((found & truth).sum()), int((found & ~truth).sum()), int((~found & truth).sum())


def _f1(scores: npt.NDArray[np.float64], dev: Sequence[Labelled], threshold: float) -> float:
    tp, fp, fn = _counts(scores, dev, threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _thresholds(scores: npt.NDArray[np.float64], dev: Sequence[Labelled]) -> dict[str, float]:
    """The lowest confidence at which the development split keeps its precision: the report
    threshold for ``REPORT_PRECISION``, the error threshold for ``ERROR_PRECISION``."""
    if not _counts(scores, dev, 0.0)[0]:
        return dict(DEFAULT_THRESHOLDS)
    report = _lowest(scores, dev, REPORT_PRECISION, DEFAULT_THRESHOLDS["report"])
    return {"report": report, "error": max(report, _lowest(scores, dev, ERROR_PRECISION, DEFAULT_THRESHOLDS["error"]))}


def _lowest(scores: npt.NDArray[np.float64], dev: Sequence[Labelled], precision: float, fallback: float) -> float:
    for threshold in _GRID:
        tp, fp, _ = _counts(scores, dev, threshold)
        if tp and tp / (tp + fp) >= precision:
            return threshold
    return max(_GRID[-1], fallback)


def write(folder: Path, out: Path, languages: Sequence[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for language in languages:
        path = out / f"{language}.json"
        path.write_text(dumps(build(language, folder)), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS_DIR, help="folder of <language>*.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="folder the <language>.json models go to")
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES))
    arguments = parser.parse_args(argv)
    for path in write(arguments.corpus, arguments.out, arguments.languages):
        print(path)


if __name__ == "__main__":
    main()
