"""An organisation's tuning of the tone check: rules switched off, words allowed, a
category's severity raised or lowered (issue 13, item 6).

A business has words the check cannot know (its product names, a term of its trade) and
rules that do not fit its letters; without tuning, reviewers learn to click past the same
findings, and then past real ones. The tuning is applied to the finished report, after
every layer of the check has run, so a setting means the same whichever layer raised a
finding; and the report says which settings applied, so a reviewer never wonders why a
word went unflagged or why a warning must now be acknowledged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.tone.findings import CATEGORIES, SEVERITY, Severity, ToneReport, category_label
from workflow.words import counted

_SEVERITIES: dict[str, Severity] = {"error": "error", "warning": "warning"}
MAX_ENTRIES = 500
MAX_ENTRY_LENGTH = 80
_RULE_NAME = re.compile(
    rf"^(?:{'|'.join(LANGUAGES)})\.(?P<category>[a-z_]+)(?:\.[a-z0-9_]+)*$",
)


@dataclass(frozen=True)
class Tuning:
    """What an administrator changed; the empty tuning changes nothing. Frozen and made of
    tuples, so a report cache can key on it."""

    rules_off: frozenset[str] = frozenset()
    allowed_words: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()

    def apply(self, report: ToneReport) -> ToneReport:
        changed = dict(self.severities)
        kept = [
            replace(f, severity=changed.get(f.category, f.severity))
            for f in report.findings
            if f.rule not in self.rules_off and f.text.casefold() not in self.allowed_words
        ]
        return replace(report, findings=kept, settings=self.summary(len(report.findings) - len(kept)))

    def summary(self, left_out: int = 0) -> str:
        """One sentence for the reviewer, or "" when nothing is tuned."""
        parts = []
        if self.rules_off:
            parts.append(counted(len(self.rules_off), "rule") + " off")
        if self.allowed_words:
            parts.append(counted(len(self.allowed_words), "allowed word"))
        for category, severity in self.severities:
            direction = "raised to error" if severity == "error" else "lowered to warning"
            parts.append(f"{category_label(category)} {direction}")
        if not parts:
            return ""
        hidden = f"; {counted(left_out, 'finding')} left out by them" if left_out else ""
        return f"Organisation settings: {', '.join(parts)}{hidden}."

    def stored(self) -> dict[str, object]:
        """The JSON kept in the settings table; `tuning_from_stored` reads it back."""
        return {
            "rules_off": sorted(self.rules_off),
            "allowed_words": sorted(self.allowed_words),
            "severities": dict(self.severities),
        }


NO_TUNING = Tuning()


def tuning_from_stored(stored: Mapping[str, object]) -> Tuning:
    """A stored tuning, checked again: a hand-edited row is refused like a typed one."""
    return tuning_from_input(
        _strings(stored.get("rules_off", [])),
        _strings(stored.get("allowed_words", [])),
        _string_map(stored.get("severities", {})),
    )


def tuning_from_input(rules_off: Iterable[str], allowed_words: Iterable[str], severities: Mapping[str, str]) -> Tuning:
    """An administrator's entries, each blank one ignored, each wrong one refused in a sentence."""
    rules = _entries(rules_off, "rule name")
    for rule in rules:
        match = _RULE_NAME.match(rule)
        if match is None or match["category"] not in CATEGORIES:
            raise InvalidInput(
                f"“{rule}” is not a rule name: rule names look like en.condescension.obviously "
                "(each finding shows its rule)."
            )
    words = {word.casefold() for word in _entries(allowed_words, "allowed word")}
    changed: dict[str, Severity] = {}
    for category, wanted in severities.items():
        if category not in CATEGORIES:
            raise InvalidInput(f"There is no tone category “{category}”.")
        if wanted in ("", "default", SEVERITY[category]):
            continue
        severity = _SEVERITIES.get(wanted)
        if severity is None:
            raise InvalidInput(f"The severity of {category_label(category)} is error or warning, not “{wanted}”.")
        changed[category] = severity
    ordered = tuple(sorted(changed.items(), key=lambda item: CATEGORIES.index(item[0])))
    return Tuning(frozenset(rules), frozenset(words), ordered)


def _entries(raw: Iterable[str], what: str) -> set[str]:
    entries = {entry.strip() for entry in raw if entry.strip()}
    if len(entries) > MAX_ENTRIES:
        raise InvalidInput(f"At most {MAX_ENTRIES} of each: {len(entries)} were given for {what}s.")
    for entry in entries:
        if len(entry) > MAX_ENTRY_LENGTH:
            raise InvalidInput(f"Each {what} can be at most {MAX_ENTRY_LENGTH} characters: “{entry[:40]}…” is longer.")
    return entries


def _strings(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput("The stored tone settings are not lists of words; save them again on the settings page.")
    return value


def _string_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InvalidInput("The stored tone severities are not readable; save them again on the settings page.")
    return value
