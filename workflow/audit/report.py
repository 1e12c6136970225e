"""Audit events in plain words, for people who will never read a hash.

The letter's Word record sheet and the web timeline both list a letter's events as
sentences ("Ana Petrova approved the tone of version 3 on 12 May 2026 at 14:02 UTC"); they
call `describe` so a person reads the same account of the letter wherever they look. User
text is folded onto one line, so a comment cannot pose as another event in the list.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from workflow.audit.actions import SENTENCES, Sentence
from workflow.audit.models import AuditEvent
from workflow.letters.triggers import CHANNELS

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def one_line(text: str) -> str:
    return " ".join(text.split())


def when(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} at {moment:%H:%M} UTC"


def _sentence(event: AuditEvent) -> Sentence:
    """The registered sentence for the event's action; an action from before the registry,
    which has no words of its own, is named."""
    if event.action in SENTENCES:
        return SENTENCES[event.action]
    named = f"“{event.action.replace('_', ' ')}”" + (" on {what}" if event.letter_id or event.version else "")
    return Sentence(f"did {named}", f"do {named}")


def _channel(event: AuditEvent) -> str:
    channel = json.loads(event.details or "{}").get("channel")
    if event.action != "send" or not channel:
        return ""
    return f" by {CHANNELS.get(channel, one_line(str(channel))).lower()}"


class _Named(dict[str, str]):
    """The words an event's details give its sentence; one it does not give reads "someone"."""

    def __missing__(self, key: str) -> str:
        return "someone"


def _fill(template: str, what: str, event: AuditEvent) -> str:
    """The sentence with {what} and the names the event recorded in `details["words"]` (the
    people an assignment or delegation is about, as named at that moment)."""
    words = json.loads(event.details or "{}").get("words", {})
    named = {key: one_line(str(value)) for key, value in words.items()} if isinstance(words, dict) else {}
    return template.format_map(_Named(named, what=what))


def describe(event: AuditEvent, display_names: Mapping[str, str]) -> str:
    """One event as a sentence: who did what to which version, when, and what they said."""
    who = one_line(display_names.get(event.actor, event.actor)) or "Someone"
    what = f"version {event.version}" if event.version else "the letter"
    sentence = _sentence(event)
    comment = one_line(event.comment)
    if event.outcome != "ok":
        reason = f": {comment}" if comment else ""
        return f"{who} tried to {_fill(sentence.tried, what, event)} on {when(event.at)} but was refused{reason}"
    said = f": “{comment}”" if comment else ""
    return f"{who} {_fill(sentence.done, what, event)}{_channel(event)} on {when(event.at)}{said}"
