"""Kinds of mail, and what a kind does around its delivery.

Most mail is a notice: it is sent and that is all. A kind may look before sending (is the
message still wanted?), act once the server took it (the letter to a customer becomes
sent), and act when it failed for good (its author is told). Rooms register their kinds
from a module of `workflow.outbox.registry.KIND_MODULES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workflow.installation import Installation
from workflow.mail.models import MailState, OutgoingMail
from workflow.outbox.registry import Moment, load


@dataclass(frozen=True)
class Skip:
    """Do not send: the message is no longer wanted (`CANCELLED`), or what it was for was
    already done by an earlier attempt that the worker could not note (`SENT`)."""

    reason: str
    state: MailState = MailState.CANCELLED


def _always(installation: Installation, mail: OutgoingMail) -> Skip | None:
    return None


def _nothing_after(installation: Installation, mail: OutgoingMail, reply: str) -> str:
    return ""


def _nothing_on_failure(moment: Moment, mail: OutgoingMail) -> None:
    return None


@dataclass(frozen=True)
class MailKind:
    """`on_accepted` runs after the server took the message, outside any transaction (it may
    call a use case), and says what went wrong after, if anything; it must be safe to run
    twice. `on_failed` runs in the transaction that records the message failed for good."""

    name: str
    label: str
    before_sending: Callable[[Installation, OutgoingMail], Skip | None] = _always
    on_accepted: Callable[[Installation, OutgoingMail, str], str] = _nothing_after
    on_failed: Callable[[Moment, OutgoingMail], None] = _nothing_on_failure


_kinds: dict[str, MailKind] = {}


def add_mail_kind(kind: MailKind) -> MailKind:
    if kind.name in _kinds:
        raise ValueError(f"two mail kinds are named {kind.name!r}")
    _kinds[kind.name] = kind
    return kind


def mail_kind(name: str) -> MailKind:
    load()
    return _kinds.get(name) or MailKind(name, name.replace("_", " "))
