"""What the learned layer reads in a sentence. Training and checking both call this module,
so the features a model was fitted on are exactly the ones it is later shown.

Per word: its lemma (so "bothered" and "bother" count as one) and its character 5-grams,
edges marked (Bulgarian and Turkish endings and stems are shared across forms; on the
development split fives did better than fours, threes to fives or fours and fives together,
in every language). Per sentence: pairs of
neighbouring lemmas (word order: "your side", "had you"), the cues of ``cue_words`` and the
lemmas a negation reaches.
Every feature is a string; a model maps the strings it knows to rows of its weights and
ignores the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from workflow.tone.cue_words import NEGATION_REACH, NEGATIONS, cue_features

CHAR_SIZES = (5,)
_TOKEN = re.compile(r"\w+")
WORD_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class SentenceFeatures:
    """The features of one sentence, those of each word kept apart so a finding can say which
    words weighed most. ``tokens`` are the folded words, ``spans`` their offsets in the sentence."""

    tokens: list[str]
    spans: list[tuple[int, int]]
    words: list[tuple[str, ...]]
    pairs: list[str]
    cues: list[str]

    def all(self) -> list[str]:
        return [feature for word in self.words for feature in word] + self.pairs + self.cues


class Featuriser:
    """Features for one language, with a word's features computed once per process: letters
    repeat their words, and the n-grams are most of the work."""

    def __init__(self, language: str, lemmas: Mapping[str, str]) -> None:
        self.language = language
        self.lemmas = lemmas
        self._words: dict[str, tuple[str, ...]] = {}

    def lemma(self, word: str) -> str:
        return self.lemmas.get(word, word)

    def word(self, word: str) -> tuple[str, ...]:
        cached = self._words.get(word)
        if cached is None:
            if len(self._words) >= WORD_CACHE_LIMIT:
                self._words.clear()
            cached = self._words[word] = self.word_features(word)
        return cached

    def word_features(self, word: str) -> tuple[str, ...]:
        """A word's own features, not kept: a model keeps what it makes of them instead."""
        return (f"w:{self.lemma(word)}", *char_ngrams(word))

    def sentence(self, folded: str, original: str, cues: list[str] | None = None) -> SentenceFeatures:
        """``folded`` is ``text.fold`` of ``original``: same length, same offsets. ``cues`` are
        the sentence's ``cue_features`` when they are already known."""
        matches = list(_TOKEN.finditer(folded))
        tokens = [m.group() for m in matches]
        lemmas = [self.lemma(token) for token in tokens]
        return SentenceFeatures(
            tokens=tokens,
            spans=[m.span() for m in matches],
            words=[self.word(token) for token in tokens],
            pairs=pair_features(lemmas),
            cues=(cue_features(folded, original, self.language) if cues is None else cues) + self.negated(lemmas),
        )

    def negated(self, lemmas: list[str]) -> list[str]:
        negations = NEGATIONS[self.language]
        if negations.isdisjoint(lemmas):
            return []
        reach = -1
        found = []
        for i, lemma in enumerate(lemmas):
            if lemma in negations:
                reach = i + NEGATION_REACH
            elif i <= reach:
                found.append(f"n:{lemma}")
        return found


def pair_features(lemmas: list[str]) -> list[str]:
    return [f"b:{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]


def char_ngrams(word: str) -> list[str]:
    marked = f"<{word}>"
    return [f"c:{marked[i : i + n]}" for n in CHAR_SIZES for i in range(len(marked) - n + 1)]


def words_of(folded: str) -> list[str]:
    return _TOKEN.findall(folded)
