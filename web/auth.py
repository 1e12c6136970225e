"""Signing in and out.

The session cookie names the person and their session epoch; raising the epoch (sign-out,
disabling the account, a new password) ends every other session of that person at its
next request, on every server process. Failed attempts are counted in the database per
account and per address, so the limit holds however many processes serve the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlmodel import col
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from web.current import current_installation, origin
from web.redirects import same_origin_path
from web.security import login_manager, public
from web.typed_form import TypedForm
from workflow.people import authentication
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.storage.orm import saved_id

bp = Blueprint("auth", __name__)

GENERIC_FAILURE = "The username or password is not right, or the account cannot sign in now."


@dataclass(frozen=True)
class Person(UserMixin):
    """The signed-in person as the pages see them: a snapshot read once per request."""

    user: User

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_epoch}"

    @property
    def id(self) -> int:
        return saved_id(self.user)

    def has_role(self, role: Role) -> bool:
        return self.user.has_role(role)


_BY_ID = select(User).where(col(User.id) == bindparam("user_id"))
"""Every request reads the signed-in person: a statement made once and given the id skips
what `Session.get` does around the same query (the identity map, a statement built each
time), a tenth of a millisecond on every page."""


@login_manager.user_loader
def _load(token: str) -> Person | None:
    user_id, _, epoch = token.partition(":")
    if not user_id.isdigit() or not epoch.lstrip("-").isdigit():
        return None
    with current_installation().db.read() as db_session:
        user = db_session.execute(_BY_ID, {"user_id": int(user_id)}).scalar_one_or_none()
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    return Person(user)


class SignInForm(TypedForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authentication.sign_in(
            current_installation(), form.username.data or "", form.password.data or "", origin()
        )
        if user is None:
            flash(GENERIC_FAILURE, "error")
            return render_template("sign_in.html", form=form), 401
        session.clear()
        login_user(Person(user))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("sign_in.html", form=form)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another one."""
    return same_origin_path(target) or url_for("home.index")


@bp.post("/sign-out")
def sign_out():
    authentication.sign_out(current_installation(), current_user.id, origin())
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.sign_in"))
