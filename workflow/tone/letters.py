"""The tone check of one text of one letter, told what the letter's decision record keeps
internal and whether it offers a concession, tuned by the organisation's settings. Pages,
packets and the approval rule all ask here, so they see the same findings under the same
keys, tuned the same way."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from workflow.law.content import required_findings
from workflow.law.profiles import Profile
from workflow.letters.decision import Concession
from workflow.letters.models import Letter
from workflow.tone import ToneReport, check
from workflow.tone.tuning import NO_TUNING, Tuning


@lru_cache(maxsize=2048)
def _check(body: str, language: str, internal: tuple[str, ...], concession: bool, spelling: bool) -> ToneReport:
    """A text is checked once per process: the same inputs always give the same findings."""
    return check(body, language, internal_texts=internal, concession_offered=concession, spelling=spelling)


def tone_report(
    letter: Letter,
    body: str,
    *,
    spelling: bool = True,
    tuning: Tuning = NO_TUNING,
    profile: Profile | None = None,
) -> ToneReport:
    """The cache holds the untuned report: a change of settings applies at once, and tuning
    a report costs one pass over its findings. A final refusal under a profile (the version
    it was created under, `law.library.profile_of`) also gets an error for each statement
    the law requires and the text lacks; the tone settings never switch those off."""
    decision = letter.decision
    concession = decision.concession is not Concession.NONE
    report = tuning.apply(_check(body, letter.language, decision.internal_texts, concession, spelling))
    if profile is None or letter.kind != "final":
        return report
    return replace(report, findings=[*required_findings(profile, letter.language, body), *report.findings])
