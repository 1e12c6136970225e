"""The decision record form. The domain decides what is valid; the form only carries what
was typed to it, and names every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in its 3.2 stubs
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from web.typed_form import TypedForm
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.letters.address import FormOfAddress
from workflow.letters.decision import (
    NO_PROFILE,
    REQUIRED_FIELDS,
    ComplaintChannel,
    Concession,
    Decision,
    Problem,
    Reason,
    invalid,
)
from workflow.money import Money
from workflow.timing.business_time import local_moment

E = TypeVar("E", bound=StrEnum)


def options(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes, each with its own label."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DecisionForm(TypedForm):
    customer_name = StringField("Customer name", validators=[Length(max=200)])
    customer_email = StringField("Customer email", validators=[Length(max=320)])
    form_of_address = SelectField(
        "Form of address", choices=options((f.value, f.label) for f in FormOfAddress), default="none"
    )
    postal_address = TextAreaField("Postal address", validators=[Length(max=2000)])
    order_reference = StringField("Order reference", validators=[Length(max=100)])
    amount = StringField("Amount requested", validators=[Length(max=30)])
    currency = SelectField("Currency", default="USD", validate_choice=False)
    language = SelectField("Language", choices=options(LANGUAGES.items()), default="en")
    customer_reason = TextAreaField("Customer's reason", validators=[Length(max=5000)])
    reasons = CheckboxesField("Reasons for refusal", choices=options((r.value, r.label) for r in Reason))
    policy_clause = TextAreaField("Policy clause quoted", validators=[Length(max=5000)])
    reason_details = TextAreaField("Facts of delivery", validators=[Length(max=5000)])
    customer_value = StringField("Customer value (internal)", validators=[Length(max=30)])
    concession = SelectField("Concession", choices=options((c.value, c.label) for c in Concession), default="none")
    concession_amount = StringField("Concession amount", validators=[Length(max=30)])
    hardship = TextAreaField("Hardship circumstances (internal)", validators=[Length(max=5000)])
    internal_notes = TextAreaField("Internal notes", validators=[Length(max=5000)])
    profile = SelectField("Jurisdiction profile", default=NO_PROFILE)
    complaint_received_at = StringField("Complaint received", validators=[Length(max=30)])
    complaint_channel = SelectField(
        "Received by", choices=options([("", "—"), *((c.value, c.label) for c in ComplaintChannel)]), default=""
    )
    provisional_credit = BooleanField("Provisional credit given")
    clause_keys = StringField("Policy clauses cited", validators=[Length(max=400)])

    INTERNAL = ("customer_value", "hardship", "internal_notes")
    REQUIRED = REQUIRED_FIELDS
    currencies: tuple[str, ...] = ()

    def offer_currencies(self, currencies: list[str]) -> None:
        """The currencies letters are written in (`Policy.currencies`), as the choices."""
        self.currencies = tuple(currencies)
        self.currency.choices = options((code, code) for code in currencies)
        if self.currency.data not in currencies and not self.is_submitted():
            self.currency.data = currencies[0] if currencies else ""

    def amount_typed(self) -> Money | None:
        """The amount requested, if what was typed so far reads as one."""
        try:
            return Money.parse(self.amount.data or "", self.currency.data or "")
        except InvalidInput:
            return None

    def decision(self, zone: ZoneInfo) -> Decision:
        """The decision record as typed, or `InvalidInput` naming every problem at once and
        each at its field; the complaint's time is typed on the company's clock (`zone`)."""
        problems = [Problem(name, " ".join(errors)) for name, errors in self.errors.items()]
        received = None
        if (self.complaint_received_at.data or "").strip():
            try:
                received = local_moment(self.complaint_received_at.data or "", zone, "Complaint received")
            except InvalidInput as error:
                problems.append(Problem("complaint_received_at", error.message))
        channel = (
            _choice(ComplaintChannel, self.complaint_channel.data, "complaint_channel", problems)
            if self.complaint_channel.data
            else None
        )
        currency = (self.currency.data or "").strip().upper()
        offered = self.currencies
        amount = value = concession_amount = None
        if currency in offered:
            amount = _money(self.amount.data, currency, "amount", problems, required=True)
            value = _money(self.customer_value.data, currency, "customer_value", problems)
            concession_amount = _money(self.concession_amount.data, currency, "concession_amount", problems)
        else:
            problems.append(Problem("currency", f"Choose one of the currencies offered: {', '.join(offered)}."))
        reasons = [_choice(Reason, r, "reasons", problems) for r in self.reasons.data or ()]
        concession = _choice(Concession, self.concession.data or "none", "concession", problems)
        address = _choice(FormOfAddress, self.form_of_address.data or "none", "form_of_address", problems)
        try:
            decision = Decision(
                customer_name=self.customer_name.data or "",
                customer_email=self.customer_email.data or "",
                form_of_address=address or FormOfAddress.NONE,
                postal_address=self.postal_address.data or "",
                order_reference=self.order_reference.data or "",
                amount=amount or Money(currency if len(currency) == 3 else "XXX", 0),
                language=self.language.data or "",
                customer_reason=self.customer_reason.data or "",
                reasons=tuple(r for r in reasons if r),
                policy_clause=self.policy_clause.data or "",
                reason_details=self.reason_details.data or "",
                customer_value=value,
                concession=concession or Concession.NONE,
                concession_amount=concession_amount,
                hardship=self.hardship.data or "",
                internal_notes=self.internal_notes.data or "",
                profile=self.profile.data or NO_PROFILE,
                complaint_received_at=received,
                complaint_channel=channel,
                provisional_credit=bool(self.provisional_credit.data),
                clause_keys=tuple(
                    dict.fromkeys(k.strip() for k in (self.clause_keys.data or "").split(",") if k.strip())
                ),
            )
        except InvalidInput as error:
            problems += [Problem(name, sentence) for name, sentences in error.fields.items() for sentence in sentences]
        if problems:
            raise invalid(problems)
        return decision

    def show_problems(self, problems: InvalidInput) -> None:
        """Each field's problems at the field, where the page shows them beside the input."""
        for name, sentences in problems.fields.items():
            if name in self:
                self[name].errors = sentences


def _choice(kind: type[E], value: str, name: str, problems: list[Problem]) -> E | None:
    """One of the offered choices, or None with the problem named: a hand-made request may send anything."""
    try:
        return kind(value)
    except ValueError:
        problems.append(Problem(name, f"“{value[:40]}” is not one of the choices."))
        return None


def _money(
    text: str | None, currency: str, name: str, problems: list[Problem], *, required: bool = False
) -> Money | None:
    if not (text or "").strip():
        if required:
            problems.append(Problem(name, "Give the amount requested, for example 1250.00."))
        return None
    try:
        return Money.parse(text or "", currency)
    except InvalidInput as error:
        problems.append(Problem(name, error.message))
        return None
