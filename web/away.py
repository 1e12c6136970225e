"""The signed-in person's own absences: who stands in for them, from when until when, and
whom they stand in for. Every change goes through `workflow.assignments.delegation`."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from web.access import attempt
from web.current import current_installation, origin
from web.delegation_forms import DelegationForm, chosen_id, company_zone, delegation_form, window
from workflow.assignments.delegation import delegations, end_delegation, set_delegation, why_not_stand_in
from workflow.people import directory
from workflow.people.models import User

bp = Blueprint("away", __name__, url_prefix="/account/away")


def _candidates() -> list[User]:
    """Who may stand in for the signed-in person, as setting the delegation decides it."""
    with current_installation().db.read() as session:
        people = directory.people(session)
    return [p for p in people if why_not_stand_in(current_user.user, p) is None]


def _page(form: DelegationForm | None = None, status: int = 200):
    installation = current_installation()
    with installation.db.read() as session:
        rows = delegations(session, installation.clock.now(), current_user.id)
    return render_template(
        "account/away.html",
        form=form or delegation_form(_candidates()),
        rows=rows,
        zone=company_zone(),
        me=current_user.id,
    ), status


@bp.get("")
def index():
    return _page()


@bp.post("")
def set_mine():
    installation = current_installation()
    form = delegation_form(_candidates(), formdata=True)

    def change() -> None:
        starts, ends = window(form, company_zone())
        delegate = chosen_id("delegate")
        set_delegation(installation, current_user.id, current_user.id, delegate, starts, ends, origin=origin())

    if attempt(
        change, "Saved: while you are away, they can act on the reviews you hold and hear what is meant for you."
    ):
        return redirect(url_for("away.index"))
    return _page(form, 400)


@bp.post("/end")
def end():
    chosen = chosen_id("delegation")
    attempt(
        lambda: end_delegation(current_installation(), current_user.id, chosen, origin=origin()),
        "Ended: your reviews and notifications are yours again.",
    )
    return redirect(url_for("away.index"))
