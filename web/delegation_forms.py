"""The delegation form the account page and the administrator's page share: to whom, from
when until when, on the company's clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import request
from wtforms import SelectField, StringField
from wtforms.validators import Length

from web.current import current_installation
from web.typed_form import TypedForm
from web.urls import LARGEST_ID
from workflow.people.models import User
from workflow.settings.due import effective_due_rules
from workflow.timing.business_time import local_moment


class DelegationForm(TypedForm):
    delegate = SelectField("Who stands in", choices=[], validate_choice=False)
    starts = StringField("From", validators=[Length(max=40)], render_kw={"type": "datetime-local"})
    ends = StringField("Until", validators=[Length(max=40)], render_kw={"type": "datetime-local"})


def company_zone() -> ZoneInfo:
    """The zone the working hours are kept in: the times people type and read on these pages."""
    installation = current_installation()
    with installation.db.read() as session:
        return effective_due_rules(session, installation.config.due).working_hours.zone


def delegation_form(people: list[User], formdata: bool = False) -> DelegationForm:
    form = DelegationForm() if formdata else DelegationForm(formdata=None)
    form.delegate.choices = [(str(p.id), p.display_name) for p in people if p.active]
    return form


def chosen_id(name: str) -> int:
    """A row's id from a select or a button; a value no page offers names no row (0), which
    the use case answers as not found."""
    chosen = request.form.get(name, "")
    return int(chosen) if chosen.isdecimal() and int(chosen) <= LARGEST_ID else 0


def window(form: DelegationForm, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return (
        local_moment(form.starts.data or "", zone, "From"),
        local_moment(form.ends.data or "", zone, "Until"),
    )
