"""Learned findings: sentences the language's model judges problematic, explained.

The rules are the precise layer; this one catches the wording they have no pattern for. A
finding names its sentence (the key is anchored at the sentence's start, so an
acknowledgement survives a rebuilt model that weighs other words), highlights the words
that weighed most, says how confident the model is, and is an error only from the error
threshold on. It reads prose only: a signature or an address block has no tone to judge, and
a sentence that gives a telephone number or an e-mail address to talk on is what a good
letter holds (the model, seeing "you" and a modal verb, took such offers for condescension or
threat). The lexicon's wider markers of an offer ("questions", "contact us") are not used here:
"without needing to contact us" can still talk down. Where a rule already found the same
category in the same sentence, the rule's finding stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workflow.tone.findings import SEVERITY, Finding, Severity
from workflow.tone.letter_checks import gives_contact_details, is_prose
from workflow.tone.lexicon import Lexicon
from workflow.tone.model import Model, model_for
from workflow.tone.style import calmer
from workflow.tone.text import trimmed

SHOUTED_CUES = frozenset({"q:capitals", "q:exclamations"})
_WORDS_NAMED = 3
_PHRASE_WORDS = 3
_NEIGHBOUR_SHARE = 0.5
LABELS: dict[str, str] = {
    "condescension": "condescending",
    "sarcasm": "sarcastic",
    "blame": "blaming the customer",
    "buyers_remorse": "calling the request buyer's remorse",
    "liability_admission": "admitting fault or liability",
    "threat": "threatening",
    "shouting": "shouting",
}
MESSAGE = "“{sentence}” reads as {label} ({confidence:.0%} confident); the words that weighed most: {words}."
_SENTENCE_SHOWN = 60


def learned_findings(
    text: str, folded: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon, rule_findings: Sequence[Finding]
) -> list[Finding]:
    """``sentences`` are ``text.sentences`` of the text."""
    model = model_for(lexicon.language)
    if model.empty:
        return []
    spans = [
        span
        for span in (trimmed(text, *s) for s in sentences)
        if span[0] < span[1] and is_prose(text, *span) and not gives_contact_details(text, *span)
    ]
    scored = model.score([(folded[start:end], text[start:end]) for start, end in spans])
    found: list[Finding] = []
    for sentence, column in zip(*np.nonzero(scored.confidence >= model.thresholds.report), strict=True):
        category = model.categories[column]
        start, end = spans[sentence]
        tokens = scored.tokens[sentence]
        if _ruled(rule_findings, category, start, end) or not _reportable(category, tokens, scored.cues[sentence]):
            continue
        confidence = float(scored.confidence[sentence, column])
        weights = model.word_weights(tokens, scored.pair_rows[sentence], int(scored.sizes[sentence]), category)
        found.append(_finding(text, start, lexicon, model, scored.spans(sentence), weights, category, confidence))
    return found


def _reportable(category: str, tokens: list[str], cues: list[str]) -> bool:
    """A finding needs a word to highlight; and shouting is how a sentence looks: the model may
    weigh its words ("do not", "final"), but only capitals or stacked exclamation marks shout."""
    return bool(tokens) and (category != "shouting" or not SHOUTED_CUES.isdisjoint(cues))


def _ruled(rule_findings: Sequence[Finding], category: str, start: int, end: int) -> bool:
    return any(f.category == category and start <= f.start < end for f in rule_findings)


def _finding(
    text: str,
    start: int,
    lexicon: Lexicon,
    model: Model,
    spans: list[tuple[int, int]],
    weights: list[float],
    category: str,
    confidence: float,
) -> Finding:
    """``spans`` are the sentence's words, ``weights`` what each weighed."""
    end = start + spans[-1][1]
    shown = text[start:end] if end - start <= _SENTENCE_SHOWN else text[start : start + _SENTENCE_SHOWN].rstrip() + "…"
    first, last = _strongest_phrase(weights)
    named = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)[:_WORDS_NAMED]
    words = ", ".join(f"“{text[start + spans[i][0] : start + spans[i][1]]}”" for i in sorted(named) if weights[i] > 0)
    span_start, span_end = start + spans[first][0], start + spans[last][1]
    return Finding(
        rule=f"{lexicon.language}.{category}.learned",
        category=category,
        severity=_severity(category, confidence, model),
        start=span_start,
        end=span_end,
        text=text[span_start:span_end],
        message=MESSAGE.format(
            sentence=shown, label=LABELS[category], confidence=confidence, words=words or "none in particular"
        ),
        suggestion=calmer(text[span_start:span_end]) if category == "shouting" else suggestions(lexicon)[category],
        anchor=start,
    )


def _strongest_phrase(weights: list[float]) -> tuple[int, int]:
    """The word that weighed most, with the neighbours that weighed at least half as much."""
    best = max(range(len(weights)), key=weights.__getitem__)
    first = last = best
    floor = weights[best] * _NEIGHBOUR_SHARE
    while last - first + 1 < _PHRASE_WORDS:
        left = weights[first - 1] if first > 0 else float("-inf")
        right = weights[last + 1] if last + 1 < len(weights) else float("-inf")
        if max(left, right) < floor or floor <= 0:
            break
        if left >= right:
            first -= 1
        else:
            last += 1
    return first, last


def _severity(category: str, confidence: float, model: Model) -> Severity:
    if SEVERITY[category] == "warning" or confidence < model.thresholds.error:
        return "warning"
    return "error"


def suggestions(lexicon: Lexicon) -> dict[str, str]:
    """What to write instead, in the letter's language: the first rule's suggestion per category."""
    found = _SUGGESTIONS.get(lexicon.language)
    if found is None:
        found = _SUGGESTIONS[lexicon.language] = {}
        for rule in lexicon.phrases:
            found.setdefault(rule.category, rule.suggestion)
    return found


_SUGGESTIONS: dict[str, dict[str, str]] = {}
