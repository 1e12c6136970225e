"""The tone check of one text of one letter, told what the letter's decision record keeps
internal and whether it offers a concession, tuned by the organisation's settings. Pages,
packets and the approval rule all ask here, so they see the same findings under the same
keys, tuned the same way."""

from __future__ import annotations

from functools import lru_cache

from workflow.letters.decision import Concession
from workflow.letters.models import Letter
from workflow.tone import ToneReport, check
from workflow.tone.tuning import NO_TUNING, Tuning


@lru_cache(maxsize=2048)
def _check(body: str, language: str, internal: tuple[str, ...], concession: bool, spelling: bool) -> ToneReport:
    """A text is checked once per process: the same inputs always give the same findings."""
    return check(body, language, internal_texts=internal, concession_offered=concession, spelling=spelling)


def tone_report(letter: Letter, body: str, *, spelling: bool = True, tuning: Tuning = NO_TUNING) -> ToneReport:
    """The cache holds the untuned report: a change of settings applies at once, and tuning
    a report costs one pass over its findings."""
    decision = letter.decision
    concession = decision.concession is not Concession.NONE
    return tuning.apply(_check(body, letter.language, decision.internal_texts, concession, spelling))
