"""Phrase findings: the words a careful reviewer would circle, from the language's rules."""

from __future__ import annotations

from workflow.tone.cues import Words
from workflow.tone.findings import Finding, finding
from workflow.tone.lexicon import Lexicon, PhraseRule
from workflow.tone.text import sentence_start

_GUARD_REACH = 60


def phrase_findings(text: str, letter: Words, lexicon: Lexicon) -> list[Finding]:
    folded = letter.folded
    found: list[Finding] = []
    for rule in lexicon.phrases:
        for match in rule.pattern.finditer(letter):
            start, end = match.span()
            if start == end or _guarded(folded, start, rule):
                continue
            found.append(finding(text, rule.rule, rule.category, (start, end), rule.message, rule.suggestion))
    return without_overlaps(found)


def _guarded(folded: str, start: int, rule: PhraseRule) -> bool:
    """A negation or condition just before the words changes their meaning (\"we do not admit\")."""
    if rule.unless_before is None:
        return False
    window_start = sentence_start(folded, start, _GUARD_REACH)
    return rule.unless_before.search(folded, window_start, start) is not None


def without_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per category per stretch of text: two rules on the same words say it once."""
    kept: list[Finding] = []
    for candidate in sorted(findings, key=lambda f: (f.category, f.start, -(f.end - f.start))):
        previous = kept[-1] if kept else None
        if previous and previous.category == candidate.category and candidate.start < previous.end:
            continue
        kept.append(candidate)
    return kept
