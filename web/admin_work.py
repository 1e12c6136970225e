"""The administrator's pages for work and time: every delegation (set one for anyone, end
any), and the due-date settings (service times, working hours, reminders, escalation)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.validators import Length

from web.access import attempt, require_roles
from web.current import current_installation, origin
from web.delegation_forms import DelegationForm, chosen_id, company_zone, delegation_form, window
from web.typed_form import TypedForm
from workflow.assignments.delegation import delegations, end_delegation, set_delegation
from workflow.people import directory
from workflow.people.roles import Role
from workflow.settings.due import change_due_rules, effective_due_rules
from workflow.timing.business_time import WORKING_HOURS_EXAMPLE

bp = Blueprint("admin_work", __name__, url_prefix="/admin")
require_roles(bp, Role.ADMIN)


class DueForm(TypedForm):
    due_peer_review = StringField("Peer review", validators=[Length(max=20)])
    due_legal_review = StringField("Legal review", validators=[Length(max=20)])
    due_sending = StringField("Sending after approval", validators=[Length(max=20)])
    working_hours = StringField("Working days and hours", validators=[Length(max=60)])
    time_zone = StringField("Time zone", validators=[Length(max=60)])
    reminder_lead = StringField("Reminder before a step is due", validators=[Length(max=20)])
    escalation_contact = SelectField("When a step is overdue, tell", choices=[], validate_choice=False)


class PersonForm(TypedForm):
    person = SelectField("Who is away", choices=[], validate_choice=False)


# --- delegations ------------------------------------------------------------------------------


def _delegations_page(form: DelegationForm | None = None, person: PersonForm | None = None, status: int = 200):
    installation = current_installation()
    with installation.db.read() as session:
        everyone = directory.people(session)
        rows = delegations(session, installation.clock.now())
    person = person or PersonForm(formdata=None)
    person.person.choices = [(str(p.id), p.display_name) for p in everyone if p.active]
    return render_template(
        "admin/delegations.html",
        form=form or delegation_form(everyone),
        person=person,
        rows=rows,
        zone=company_zone(),
        me=current_user.id,
    ), status


@bp.get("/delegations")
def delegations_page():
    return _delegations_page()


@bp.post("/delegations")
def set_for_someone():
    installation = current_installation()
    with installation.db.read() as session:
        form = delegation_form(directory.people(session), formdata=True)
    person = PersonForm()

    def change() -> None:
        starts, ends = window(form, company_zone())
        set_delegation(
            installation,
            current_user.id,
            chosen_id("person"),
            chosen_id("delegate"),
            starts,
            ends,
            origin=origin(),
        )

    if attempt(change, "Delegation saved."):
        return redirect(url_for("admin_work.delegations_page"))
    return _delegations_page(form, person, 400)


@bp.post("/delegations/end")
def end():
    chosen = chosen_id("delegation")
    attempt(
        lambda: end_delegation(current_installation(), current_user.id, chosen, origin=origin()),
        "Delegation ended.",
    )
    return redirect(url_for("admin_work.delegations_page"))


# --- due dates --------------------------------------------------------------------------------


def _due_page(form: DueForm | None = None, status: int = 200):
    installation = current_installation()
    with installation.db.read() as session:
        stored = effective_due_rules(session, installation.config.due).stored()
        everyone = directory.people(session)
    form = form or DueForm(formdata=None, **stored)
    form.escalation_contact.choices = [
        ("", "Every administrator"),
        *((p.username, p.display_name) for p in everyone if p.active),
    ]
    return render_template("admin/due_dates.html", form=form, example=WORKING_HOURS_EXAMPLE), status


@bp.get("/due-dates")
def due_dates():
    return _due_page()


@bp.post("/due-dates")
def change_due_dates():
    form = DueForm()

    def change() -> None:
        changes = {name: str(form[name].data or "") for name in form.data if name != "csrf_token"}
        change_due_rules(current_installation(), current_user.id, changes, origin=origin())

    if attempt(change, "Due-date settings saved; letters entering a step from now on get due times by them."):
        return redirect(url_for("admin_work.due_dates"))
    return _due_page(form, 400)
