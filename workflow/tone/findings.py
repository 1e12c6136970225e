"""What the tone check reports: findings a reviewer can see, acknowledge and export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

PHRASE_CATEGORIES: tuple[str, ...] = (
    "condescension",
    "sarcasm",
    "blame",
    "buyers_remorse",
    "liability_admission",
    "threat",
    "shouting",
    "internal_leak",
)
# What the learned layer classifies sentences into: every phrase category but internal_leak,
# which depends on the decision record's notes, not on the way of speaking.
LEARNED_CATEGORIES: tuple[str, ...] = tuple(c for c in PHRASE_CATEGORIES if c != "internal_leak")
LETTER_CATEGORIES: tuple[str, ...] = (
    "missing_thanks",
    "missing_availability",
    "missing_reasons",
    "concession_not_goodwill",
)
WRITING_CATEGORIES: tuple[str, ...] = ("spelling", "long_sentence")
CATEGORIES: tuple[str, ...] = PHRASE_CATEGORIES + LETTER_CATEGORIES + WRITING_CATEGORIES

# Errors are words that can lose the customer or create liability once the letter is a
# permanent record: the reviewer must acknowledge each one with a reason. Warnings are
# what a careful editor improves but a letter can go out with (capitals, a missing
# courtesy, a long sentence, a word the dictionary does not know).
SEVERITY: dict[str, Severity] = {
    "condescension": "error",
    "sarcasm": "error",
    "blame": "error",
    "buyers_remorse": "error",
    "liability_admission": "error",
    "threat": "error",
    "internal_leak": "error",
    "shouting": "warning",
    "missing_thanks": "warning",
    "missing_availability": "warning",
    "missing_reasons": "warning",
    "concession_not_goodwill": "warning",
    "spelling": "warning",
    "long_sentence": "warning",
}


CATEGORY_LABELS: dict[str, str] = {
    "condescension": "condescension",
    "sarcasm": "sarcasm",
    "blame": "blame",
    "buyers_remorse": "buyer's remorse",
    "liability_admission": "liability admission",
    "threat": "threat",
    "shouting": "shouting",
    "internal_leak": "internal leak",
    "missing_thanks": "missing thanks",
    "missing_availability": "missing availability",
    "missing_reasons": "missing reasons",
    "concession_not_goodwill": "concession not goodwill",
    "spelling": "spelling",
    "long_sentence": "long sentence",
}
"""Each category as people read it: the pages, the packets and the refusals name it so."""


def category_label(category: str) -> str:
    """The category in words; one not in the table (from an older record) with its underscores as spaces."""
    return CATEGORY_LABELS.get(category, category.replace("_", " "))


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str = ""
    anchor: int | None = None

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    @property
    def key(self) -> str:
        """Stable across re-checks of the same text, so an acknowledgement stays attached.
        A learned finding is anchored at its sentence rather than at the words it highlights."""
        return f"{self.rule}@{self.start if self.anchor is None else self.anchor}"

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class ToneReport:
    """``settings`` says which of the organisation's tone settings shaped the findings
    (workflow.tone.tuning), "" when none did."""

    language: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    settings: str = ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.findings}

    def to_json(self) -> dict[str, object]:
        shown: dict[str, object] = {"language": self.language, "findings": [f.to_json() for f in self.findings]}
        if self.settings:
            shown["settings"] = self.settings
        return shown


def finding(text: str, rule: str, category: str, span: tuple[int, int], message: str, suggestion: str = "") -> Finding:
    """A finding on ``text[start:end]`` with the severity its category carries."""
    start, end = span
    return Finding(
        rule=rule,
        category=category,
        severity=SEVERITY[category],
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        suggestion=suggestion,
    )
