"""What each trigger is, in one table: its label, what it takes, how the page shows it and
how the record tells it.

The machine (`rules.py`) holds who may pull a trigger and from where; everything a person
sees of a trigger is here, so the pages, the command line and the audit report cannot
disagree about it. Pure data: the audit registry imports this, so no database imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.letters.inputs import (
    COMMENT,
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

BY_HAND: dict[str, str] = {name: label for name, label in CHANNELS.items() if name != EMAIL}
"""The channels "Mark as sent" takes: e-mail goes out through "Send by e-mail" instead."""


@dataclass(frozen=True)
class Trigger:
    """One trigger. `done` and `tried` are its sentence in the record ("approved the tone
    of {what}"), where {what} is "version N" or "the letter". A dangerous trigger gets a
    warning-coloured button; a placed one has its own spot on the letter page instead of
    a place in the list of actions. A trigger with a `review` sentence is one of the
    decisions of the review panel (approve, request changes, escalate, hand back), chosen
    like a pull-request review: one comment box for all of them, and the sentence saying
    what the decision does."""

    name: str
    label: str
    done: str
    tried: str
    inputs: type[TriggerInput] | None = None
    dangerous: bool = False
    placed: bool = False
    review: str = ""

    @property
    def fields(self) -> tuple[InputField, ...]:
        return self.inputs.form_fields if self.inputs else ()

    @property
    def comment_field(self) -> InputField | None:
        """The review panel's comment as this decision takes it: required, optional, or not at all."""
        return next((f for f in self.fields if f.name == COMMENT), None)

    @property
    def other_fields(self) -> tuple[InputField, ...]:
        """What the decision asks for besides the panel's comment (tone reasons, a file)."""
        return tuple(f for f in self.fields if f.name != COMMENT)

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
            placed=True,
            review="The wording is right. It goes on to legal review when the amount or an escalation needs it, "
            "otherwise it is approved and the final letter is made.",
        ),
        Trigger(
            "escalate_to_legal",
            "Escalate to legal",
            "sent {what} to legal review",
            "send {what} to legal review",
            CommentInput,
            placed=True,
            review="Below the legal threshold, but a lawyer should read it. Say why.",
        ),
        Trigger(
            "request_changes",
            "Request changes",
            "asked for changes to {what}",
            "ask for changes to {what}",
            CommentInput,
            dangerous=True,
            placed=True,
            review="Back to its author as a draft, with your comment beside the editor; every approval so far "
            "is void. Say what should change and why.",
        ),
        Trigger(
            "approve_legal",
            "Approve",
            "gave legal approval to {what}",
            "give legal approval to {what}",
            ApproveToneInput,
            placed=True,
            review="Legally sound as it is: the letter is approved and the final letter is made from this version.",
        ),
        Trigger(
            "hand_back",
            "Hand back edited Word file",
            "returned an edited Word file as {what}",
            "return an edited Word file for {what}",
            HandBackInput,
            placed=True,
            review="You edited the Word file yourself: its text becomes the next version and the letter returns to "
            "its author as a draft. Attach the file and say what you changed.",
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
