"""Audit events in plain words, for people who will never read a hash.

The letter's Word record sheet and the web timeline both list a letter's events as
sentences ("Ana Petrova approved the tone of version 3 on 12 May 2026 at 14:02 UTC"); they
call `describe` so a person reads the same account of the letter wherever they look. User
text is folded onto one line, so a comment cannot pose as another event in the list.

The record sheet keeps every event; the letter page's `timeline` tells the same events for
a person at work: a run of downloads of one document by one person is one line ("Ana
Petrova downloaded the final letter (PDF), version 4, 3 times, the last on …"), and a
refused attempt is shown to the person who made it and to those who read the whole trail,
not to everyone who opens the letter (the audit page keeps them all).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from workflow.audit.actions import SENTENCES, Action, Sentence
from workflow.audit.models import AuditEvent
from workflow.letters.triggers import CHANNELS
from workflow.words import ago, times

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


def _details(event: AuditEvent) -> dict[str, object]:
    details = json.loads(event.details or "{}")
    return details if isinstance(details, dict) else {}


def _channel(event: AuditEvent) -> str:
    channel = _details(event).get("channel")
    if event.action != "send" or not channel:
        return ""
    return f" by {CHANNELS.get(str(channel), one_line(str(channel))).lower()}"


DOCUMENTS: dict[str, str] = {
    "draft": "the draft copy",
    "peer-review": "the peer-review packet",
    "legal-review": "the legal-review packet",
    "final": "the final letter (Word)",
    "final-pdf": "the final letter (PDF)",
    "record": "the record sheet",
    "upload": "the lawyer's edited Word file",
}
"""Each kind of document a download event names (`details["kind"]`), as the record says it:
the stage documents (`DocumentKind`) and the kept files (`StoredKind`)."""


def _document(event: AuditEvent) -> str:
    """Which document a download took. Events from before downloads named their kind say
    the file's name, which has always been recorded."""
    details = _details(event)
    kind = str(details.get("kind", ""))
    version = f", version {event.version}" if event.version else ""
    if kind == "comparison":
        return f"the comparison of versions {details.get('old')} and {details.get('new')}"
    if kind in DOCUMENTS:
        return DOCUMENTS[kind] + version
    filename = one_line(str(details.get("filename", "")))
    return f"the file “{filename}”" if filename else f"a document{version}"


def _what(event: AuditEvent) -> str:
    if event.action == Action.DOWNLOAD:
        return _document(event)
    return f"version {event.version}" if event.version else "the letter"


def _who(event: AuditEvent, display_names: Mapping[str, str]) -> str:
    return one_line(display_names.get(event.actor, event.actor)) or "Someone"


class _Named(dict[str, str]):
    """The words an event's details give its sentence; one it does not give reads "someone"."""

    def __missing__(self, key: str) -> str:
        return "someone"


def _fill(template: str, what: str, event: AuditEvent) -> str:
    """The sentence with {what} and the names the event recorded in `details["words"]` (the
    people an assignment or delegation is about, as named at that moment)."""
    words = _details(event).get("words", {})
    named = {key: one_line(str(value)) for key, value in words.items()} if isinstance(words, dict) else {}
    return template.format_map(_Named(named, what=what))


def describe(event: AuditEvent, display_names: Mapping[str, str]) -> str:
    """One event as a sentence: who did what to which version, when, and what they said."""
    who, what = _who(event, display_names), _what(event)
    sentence = _sentence(event)
    comment = one_line(event.comment)
    if event.outcome != "ok":
        reason = f": {comment}" if comment else ""
        return f"{who} tried to {_fill(sentence.tried, what, event)} on {when(event.at)} but was refused{reason}"
    said = f": “{comment}”" if comment else ""
    return f"{who} {_fill(sentence.done, what, event)}{_channel(event)} on {when(event.at)}{said}"


def _downloads(events: list[AuditEvent], display_names: Mapping[str, str]) -> str:
    """Several downloads of one document by one person, in one sentence."""
    if len(events) == 1:
        return describe(events[0], display_names)
    who, last = _who(events[-1], display_names), events[-1]
    return f"{who} downloaded {_document(last)}, {times(len(events))}, the last on {when(last.at)}"


@dataclass(frozen=True)
class Line:
    """One line of a letter's timeline; `refused` marks a refused attempt."""

    sentence: str
    refused: bool
    at: datetime


def timeline(
    events: Iterable[AuditEvent], display_names: Mapping[str, str], shown: Callable[[AuditEvent], bool]
) -> list[Line]:
    """A letter's events in chain order as lines for a person: the events `shown` lets
    them see, each run of downloads grouped by person and document, at its last one."""
    lines: list[Line] = []
    run: dict[tuple[str, str], list[AuditEvent]] = {}

    def close_run() -> None:
        for group in sorted(run.values(), key=lambda g: g[-1].seq):
            lines.append(Line(_downloads(group, display_names), False, group[-1].at))
        run.clear()

    for event in events:
        if not shown(event):
            continue
        if event.action == Action.DOWNLOAD and event.outcome == "ok":
            run.setdefault((event.actor, _document(event)), []).append(event)
            continue
        close_run()
        lines.append(Line(describe(event, display_names), event.outcome != "ok", event.at))
    close_run()
    return lines


def refusals_shown_to(username: str, reads_whole_trail: bool) -> Callable[[AuditEvent], bool]:
    """What a letter's timeline shows this person: every successful event; a refused
    attempt only if it was theirs or they read the whole trail (`AUDIT_READERS`). Another
    person's refused click is no news to an author, and in red it reads as an alarm."""

    def shown(event: AuditEvent) -> bool:
        return event.outcome == "ok" or reads_whole_trail or event.actor == username

    return shown


def news(
    event: AuditEvent,
    display_names: Mapping[str, str],
    viewer: str,
    now: datetime,
    elsewhere: str = "in another tab or window",
) -> str:
    """An event as news for someone who missed it, with how long ago it was: "Ben Okafor
    asked for changes to version 3 at 14:02 UTC (3 minutes ago)"; the viewer's own event is
    "You … in another tab or window" (`elsewhere`: an API client's is another request),
    since a page they left open could not know."""
    done = _fill(_sentence(event).done, _what(event), event)
    who = "You" if event.actor == viewer else _who(event, display_names)
    where = f" {elsewhere}" if event.actor == viewer else ""
    return f"{who} {done}{where} at {event.at:%H:%M} UTC ({ago(event.at, now)})"
