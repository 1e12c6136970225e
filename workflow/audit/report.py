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


# action: (what was done, what was tried); {what} is "version N" or "the letter".
PHRASES: dict[str, tuple[str, str]] = {
    "create": ("created {what}", "create a letter"),
    "edit": ("wrote {what}", "edit {what}"),
    "finish_draft": ("finished the draft of {what} and started the waiting period", "finish the draft of {what}"),
    "revise": ("reopened {what} for changes", "revise {what}"),
    "submit_for_review": ("sent {what} to peer review", "send {what} to peer review"),
    "approve_tone": ("approved the tone of {what}", "approve the tone of {what}"),
    "escalate_to_legal": ("sent {what} to legal review", "send {what} to legal review"),
    "request_changes": ("asked for changes to {what}", "ask for changes to {what}"),
    "approve_legal": ("gave legal approval to {what}", "give legal approval to {what}"),
    "send": ("sent {what} to the customer", "send {what} to the customer"),
    "archive": ("filed the letter in the customer's file", "archive the letter"),
    "withdraw": ("withdrew the letter", "withdraw the letter"),
    "download": ("downloaded {what}", "download {what}"),
    "upload": ("uploaded a document for {what}", "upload a document for {what}"),
    "export_audit": ("exported the audit trail", "export the audit trail"),
    "sign_in": ("signed in", "sign in"),
    "sign_out": ("signed out", "sign out"),
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def when(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} at {moment:%H:%M} UTC"


def _phrases(event: AuditEvent) -> tuple[str, str]:
    """The sentence parts for the event's action; an action without its own words is named."""
    if event.action in PHRASES:
        return PHRASES[event.action]
    named = f"“{event.action.replace('_', ' ')}”" + (" on {what}" if event.letter_id or event.version else "")
    return f"did {named}", f"do {named}"


def _channel(event: AuditEvent) -> str:
    channel = json.loads(event.details or "{}").get("channel")
    if event.action != "send" or not channel:
        return ""
    return f" by {CHANNELS.get(channel, one_line(str(channel))).lower()}"


def describe(event: AuditEvent, display_names: Mapping[str, str]) -> str:
    """One event as a sentence: who did what to which version, when, and what they said."""
    who = one_line(display_names.get(event.actor, event.actor)) or "Someone"
    what = f"version {event.version}" if event.version else "the letter"
    done, tried = _phrases(event)
    comment = one_line(event.comment)
    if event.outcome != "ok":
        reason = f": {comment}" if comment else ""
        return f"{who} tried to {tried.format(what=what)} on {when(event.at)} but was refused{reason}"
    said = f": “{comment}”" if comment else ""
    return f"{who} {done.format(what=what)}{_channel(event)} on {when(event.at)}{said}"
