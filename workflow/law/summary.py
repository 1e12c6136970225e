"""The complaint in one sentence, for the decision record on every review packet and the
record sheet: the profile version, when and how it came, the legal deadline (in words of the
calendar, not of now: a packet is read later), the holding letter, the clauses quoted."""

from __future__ import annotations

import json

from workflow.letters.decision import NO_PROFILE, ComplaintChannel
from workflow.letters.models import Letter


def quoted_in(letter_clauses: str) -> list[dict[str, object]]:
    """The clause ids, versions and titles a letter recorded (`Letter.clauses`)."""
    data = json.loads(letter_clauses or "[]")
    return data if isinstance(data, list) else []


def complaint_summary(letter: Letter) -> str:
    parts: list[str] = []
    if letter.kind == "holding":
        parts.append("A holding response: it says when the final answer will come and does not stop the clock")
    if letter.profile_key != NO_PROFILE:
        parts.append(f"Profile {letter.profile_key}, version {letter.profile_version}")
    if letter.complaint_received_at is not None:
        how = f" by {ComplaintChannel(letter.complaint_channel).label.lower()}" if letter.complaint_channel else ""
        parts.append(f"received {letter.complaint_received_at:%d %B %Y, %H:%M} UTC{how}")
    if letter.deadline_at is not None:
        longer = (
            f" ({letter.deadline_extended_at:%d %B %Y, %H:%M} UTC once a holding response is sent)"
            if letter.deadline_extended_at
            else ""
        )
        parts.append(f"final answer due by {letter.deadline_at:%d %B %Y, %H:%M} UTC{longer}")
    quoted = [f"{q['key']} “{q['title']}” version {q['version']}" for q in quoted_in(letter.clauses)]
    if quoted:
        parts.append("clauses quoted: " + ", ".join(quoted))
    return "; ".join(parts) + "." if parts else "No complaint rules apply."
