"""What each trigger is, in one table: its label, what it takes, how the page shows it and
how the record tells it.

The machine (`rules.py`) holds who may pull a trigger and from where; everything a person
sees of a trigger is here, so the pages, the command line and the audit report cannot
disagree about it. Pure data: the audit registry imports this, so no database imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.letters.inputs import (
    ApproveToneInput,
    CommentInput,
    EditInput,
    FieldKind,
    HandBackInput,
    InputField,
    SendInput,
    TriggerInput,
    WithdrawInput,
)

EMAIL = "email"
"""The channel of a letter tactful e-mails itself (the trigger `email_letter`)."""

CHANNELS: dict[str, str] = {
    "first_class_mail": "First-class mail",
    "registered_mail": "Registered mail",
    EMAIL: "E-mail",
    "courier": "Courier",
}


@dataclass(frozen=True)
class Trigger:
    """One trigger. `done` and `tried` are its sentence in the record ("approved the tone
    of {what}"), where {what} is "version N" or "the letter". A dangerous trigger gets a
    warning-coloured button; a placed one has its own spot on the letter page instead of
    a place in the list of actions."""

    name: str
    label: str
    done: str
    tried: str
    inputs: type[TriggerInput] | None = None
    dangerous: bool = False
    placed: bool = False

    @property
    def fields(self) -> tuple[InputField, ...]:
        return self.inputs.form_fields if self.inputs else ()

    @property
    def takes_file(self) -> bool:
        return any(f.kind is FieldKind.FILE for f in self.fields)


TRIGGERS: dict[str, Trigger] = {
    t.name: t
    for t in (
        Trigger("edit", "Save", "wrote {what}", "edit {what}", EditInput, placed=True),
        Trigger(
            "finish_draft",
            "Finish draft",
            "finished the draft of {what} and started the waiting period",
            "finish the draft of {what}",
        ),
        Trigger("revise", "Revise", "reopened {what} for changes", "revise {what}"),
        Trigger("submit_for_review", "Submit for review", "sent {what} to peer review", "send {what} to peer review"),
        Trigger(
            "approve_tone",
            "Approve tone",
            "approved the tone of {what}",
            "approve the tone of {what}",
            ApproveToneInput,
        ),
        Trigger(
            "escalate_to_legal",
            "Escalate to legal",
            "sent {what} to legal review",
            "send {what} to legal review",
            CommentInput,
        ),
        Trigger(
            "request_changes",
            "Request changes",
            "asked for changes to {what}",
            "ask for changes to {what}",
            CommentInput,
            dangerous=True,
        ),
        Trigger(
            "approve_legal",
            "Approve",
            "gave legal approval to {what}",
            "give legal approval to {what}",
            ApproveToneInput,
        ),
        Trigger(
            "hand_back",
            "Hand back edited Word file",
            "returned an edited Word file as {what}",
            "return an edited Word file for {what}",
            HandBackInput,
            placed=True,
        ),
        Trigger(
            "redate",
            "Re-date the letter",
            "dated the final letter of {what} today, its text unchanged",
            "re-date the final letter of {what}",
        ),
        Trigger(
            "email_letter",
            "Send by e-mail",
            "asked to e-mail {what} to the customer",
            "e-mail {what} to the customer",
        ),
        Trigger("send", "Mark as sent", "sent {what} to the customer", "send {what} to the customer", SendInput),
        Trigger("archive", "Archive", "filed the letter in the customer's file", "archive the letter"),
        Trigger("withdraw", "Withdraw", "withdrew the letter", "withdraw the letter", WithdrawInput, dangerous=True),
    )
}
"""Every trigger, in the order the pages list them."""
