"""What a person gives a trigger: one typed class per kind of input.

The pages and the command line read forms of strings; the rules want a comment, a date,
the bytes of a file. Each class turns a form into itself (`from_form`) with the sentences a
person reads when something cannot be understood, so every caller parses the same way, and
`fire` can refuse an input that does not belong to the trigger. This module is pure data:
the trigger table and the audit registry import it, so it must not reach the database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import ClassVar, Self

from workflow.characters import clean_fields
from workflow.errors import InvalidInput


class FieldKind(StrEnum):
    """How a form asks for one input."""

    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    CHANNEL = "channel"
    FILE = "file"
    ACKNOWLEDGEMENTS = "acknowledgements"


@dataclass(frozen=True)
class InputField:
    """One thing the form asks for. A required date starts at today on the form; an
    acknowledgements field is one reason per tone problem, named `<name>-<problem key>`."""

    name: str
    label: str
    kind: FieldKind
    required: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Upload:
    """A file as a form delivers it."""

    filename: str
    content: bytes


Form = Mapping[str, str | Upload]


def _text(form: Form, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _date(form: Form, name: str, label: str) -> date | None:
    text = _text(form, name).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{label}: “{_text(form, name)}” is not a date (use the form YYYY-MM-DD).") from None


COMMENT = "comment"
"""The one comment box of the review panel: every review decision reads its words from it."""


class TriggerInput(ABC):
    """The base of every trigger's input: its form fields, how to read them, and what the
    audit event keeps of it (never a letter text or a file's bytes)."""

    form_fields: ClassVar[tuple[InputField, ...]]

    def __post_init__(self) -> None:
        clean_fields(self)

    @classmethod
    @abstractmethod
    def from_form(cls, form: Form) -> Self:
        """The input as typed, or `InvalidInput` saying what could not be read."""

    @property
    def remark(self) -> str:
        """The person's own words, which the audit event and the review carry as their
        comment: a reviewer's comment, wherever an input class has one."""
        return str(getattr(self, COMMENT, ""))

    def audit_details(self) -> dict[str, object]:
        return {}


@dataclass(frozen=True)
class EditInput(TriggerInput):
    body: str
    form_fields = (InputField("body", "Letter text", FieldKind.TEXTAREA),)

    @classmethod
    def from_form(cls, form: Form) -> Self:
        return cls(_text(form, "body"))


@dataclass(frozen=True)
class CommentInput(TriggerInput):
    """A reviewer's decision that needs their words: what should change, or why a lawyer
    should read the letter (the rules refuse it without)."""

    comment: str
    form_fields = (InputField(COMMENT, "Comment", FieldKind.TEXTAREA),)

    @classmethod
    def from_form(cls, form: Form) -> Self:
        return cls(_text(form, COMMENT))


@dataclass(frozen=True)
class ApprovalInput(TriggerInput):
    """An approval, with the reviewer's comment if they have one (for the author, the
    lawyer, the record)."""

    comment: str = ""
    form_fields: ClassVar[tuple[InputField, ...]] = (
        InputField(COMMENT, "Comment", FieldKind.TEXTAREA, required=False),
    )

    @classmethod
    def from_form(cls, form: Form) -> Self:
        return cls(comment=_text(form, COMMENT))


@dataclass(frozen=True)
class WithdrawInput(TriggerInput):
    reason: str
    form_fields = (InputField("reason", "Reason for withdrawal", FieldKind.TEXTAREA),)

    @classmethod
    def from_form(cls, form: Form) -> Self:
        return cls(_text(form, "reason"))

    @property
    def remark(self) -> str:
        return self.reason

    def audit_details(self) -> dict[str, object]:
        return {"reason": self.reason}


@dataclass(frozen=True)
class ApproveToneInput(TriggerInput):
    """The reviewer's reason for each tone problem the letter may go out with, by its key,
    and their optional comment."""

    acknowledgements: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""
    form_fields = (
        *ApprovalInput.form_fields,
        InputField("ack", "Reason", FieldKind.ACKNOWLEDGEMENTS, hint="Why the letter may go out with this wording."),
    )

    @classmethod
    def from_form(cls, form: Form) -> Self:
        return cls(
            comment=_text(form, COMMENT),
            acknowledgements={
                name.removeprefix("ack-"): value.strip()
                for name, value in form.items()
                if name.startswith("ack-") and isinstance(value, str)
            },
        )

    def audit_details(self) -> dict[str, object]:
        return {"acknowledgements": {str(key): str(reason) for key, reason in self.acknowledgements.items()}}


class FollowUp(Enum):
    """A follow-up the policy's number of days after sending: what a blank date on the form means."""

    POLICY = "policy"


@dataclass(frozen=True)
class SendInput(TriggerInput):
    """How and when the letter left, and when to follow up: a date, the policy's default,
    or None for no follow-up. A letter sent by e-mail also carries the message's Message-ID
    and the mail server's reply that accepted it (the worker fills them; no form does)."""

    channel: str
    sent_on: date | None
    follow_up_on: date | FollowUp | None = FollowUp.POLICY
    message_id: str = ""
    server_reply: str = ""
    form_fields = (
        InputField("channel", "Channel", FieldKind.CHANNEL),
        InputField("sent_on", "Sent on", FieldKind.DATE),
        InputField("follow_up_on", "Follow-up on (optional)", FieldKind.DATE, required=False),
    )

    @classmethod
    def from_form(cls, form: Form) -> Self:
        follow_up = _date(form, "follow_up_on", "Follow-up on")
        return cls(_text(form, "channel"), _date(form, "sent_on", "Sent on"), follow_up or FollowUp.POLICY)

    def audit_details(self) -> dict[str, object]:
        details: dict[str, object] = {
            "channel": self.channel,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
        }
        if self.follow_up_on is not FollowUp.POLICY:
            details["follow_up_on"] = self.follow_up_on.isoformat() if self.follow_up_on else None
        if self.message_id:
            details["message_id"] = self.message_id
            details["server_reply"] = self.server_reply
        return details


@dataclass(frozen=True)
class HandBackInput(TriggerInput):
    """The legal reviewer's edited Word file, as uploaded, and their note to the author
    saying what they changed and why (the rules refuse a hand-back without one)."""

    filename: str
    content: bytes
    comment: str = ""
    form_fields = (
        InputField(COMMENT, "Note for the author", FieldKind.TEXTAREA),
        InputField(
            "document",
            "Edited Word file (.docx)",
            FieldKind.FILE,
            hint="Accept or reject tracked changes first. The letter returns to draft with this text as a new version.",
        ),
    )

    @classmethod
    def from_form(cls, form: Form) -> Self:
        upload = form.get("document")
        if not isinstance(upload, Upload) or not upload.filename:
            raise InvalidInput("Choose the edited Word file (.docx) to upload.")
        return cls(upload.filename, upload.content, _text(form, COMMENT))
