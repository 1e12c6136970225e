"""The shape of a language's tone data; the engine is shared, only the data differs.

Messages (why a finding hurts) are in English, the reviewers' working language;
suggestions are in the letter's language, because they are wording to put in the letter.
Patterns are written in lower case and run over the folded text (see ``text.fold``),
which keeps every character offset of the original letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from workflow.tone.cues import CuedPattern, CueIndex

_ANCHORED_BEFORE = r"(?:{})\b\W*(?:\w+\W+){{0,{}}}$"


@dataclass(frozen=True)
class PhraseRule:
    """One explainable pattern: what it matches, why it hurts, what to write instead."""

    rule: str
    category: str
    pattern: CuedPattern
    message: str
    suggestion: str
    unless_before: re.Pattern[str] | None = None


def phrase(
    language: str,
    category: str,
    name: str,
    pattern: str,
    message: str,
    suggestion: str = "",
    *,
    unless_before: re.Pattern[str] | None = None,
) -> PhraseRule:
    return PhraseRule(
        rule=f"{language}.{category}.{name}",
        category=category,
        pattern=CuedPattern(pattern),
        message=message,
        suggestion=suggestion,
        unless_before=unless_before,
    )


def preceded_by(words: str, gap: int = 2) -> re.Pattern[str]:
    """A guard: the match is cancelled when one of ``words`` comes at most ``gap`` words before it."""
    return re.compile(_ANCHORED_BEFORE.format(words, gap))


@dataclass(frozen=True)
class Lexicon:
    """Everything the shared engine needs to read letters in one language."""

    language: str
    dictionary: str
    phrases: tuple[PhraseRule, ...]
    thanks: CuedPattern
    availability: CuedPattern
    refusal: CuedPattern
    reasons: CuedPattern
    concession: CuedPattern
    goodwill: CuedPattern
    no_fault: CuedPattern
    letter_suggestions: dict[str, str]
    acronyms: frozenset[str]
    shout_words: frozenset[str]
    # Counted by ``text.read_word_count``; each limit lies midway between the longest clean
    # and the shortest labelled long sentence of the language's labelled rounds (1 to 7).
    long_sentence_words: int
    spelling_ignore: frozenset[str] = frozenset()
    spelling_variants: tuple[tuple[str, str], ...] = ()
    spelling_suffixes: tuple[str, ...] = ()

    @cached_property
    def cue_index(self) -> CueIndex:
        """Every cue of the phrase rules and the letter checks, searched in one pass."""
        letter_checks = (self.thanks, self.availability, self.refusal, self.reasons, self.concession, self.goodwill)
        return CueIndex([rule.pattern for rule in self.phrases] + [*letter_checks, self.no_fault])
