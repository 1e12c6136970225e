"""Internal notes and hardship details that reappear in the letter the customer will keep."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workflow.tone.findings import Finding, finding
from workflow.tone.text import fold

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_CONTENT_LETTERS = 4
MESSAGE = "These words come from the internal notes of the decision; they are for reviewers only."


def leak_findings(text: str, folded: str, internal_texts: Sequence[str], language: str) -> list[Finding]:
    """Any run of four words (or a whole short note) shared with an internal text is a leak."""
    if not any(t.strip() for t in internal_texts):
        return []
    letter = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    words = [w for w, _, _ in letter]
    spans: list[tuple[int, int]] = []
    for internal in internal_texts:
        note = _TOKEN.findall(fold(internal, language))
        size = min(_SHINGLE, len(note))
        shingles = {tuple(note[i : i + size]) for i in range(len(note) - size + 1)}
        shingles = {s for s in shingles if size >= 2 and _has_content(s)}
        for i in range(len(words) - size + 1):
            if tuple(words[i : i + size]) in shingles:
                spans.append((letter[i][1], letter[i + size - 1][2]))
    return [finding(text, f"{language}.internal_leak.notes", "internal_leak", span, MESSAGE) for span in _merged(spans)]


def _has_content(shingle: tuple[str, ...]) -> bool:
    return sum(len(w) >= _CONTENT_LETTERS for w in shingle) >= 2


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
