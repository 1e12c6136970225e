"""The signed-in person's own account: changing their password.

A new password ends every other session of the person (their epoch rises); this one is
signed in again at once so the person who just proved they know the password stays in.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_user
from wtforms import PasswordField
from wtforms.validators import Length

from web.access import attempt
from web.auth import Person
from web.current import current_installation, origin
from web.typed_form import TypedForm
from workflow.errors import InvalidInput
from workflow.people import passwords

bp = Blueprint("account", __name__, url_prefix="/account")


class PasswordForm(TypedForm):
    current = PasswordField("Current password", validators=[Length(max=1024)])
    new = PasswordField("New password", validators=[Length(max=1024)])
    repeat = PasswordField("New password again", validators=[Length(max=1024)])


@bp.get("/password")
def password():
    return render_template("account/password.html", form=PasswordForm(formdata=None))


@bp.post("/password")
def change_password():
    form = PasswordForm()

    def change() -> None:
        if form.new.data != form.repeat.data:
            raise InvalidInput("The two new passwords are not the same; nothing was changed.")
        user = passwords.change_password(
            current_installation(), current_user.id, form.current.data or "", form.new.data or "", origin=origin()
        )
        login_user(Person(user))

    if attempt(change, "Password changed; your other sessions have ended."):
        return redirect(url_for("home.index"))
    return render_template("account/password.html", form=PasswordForm(formdata=None)), 400
