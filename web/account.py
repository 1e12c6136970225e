"""The signed-in person's own account: changing their password, and how they get e-mail
(its language, every event or one daily digest).

A new password ends every other session of the person (their epoch rises); this one is
signed in again at once so the person who just proved they know the password stays in.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_user
from wtforms import PasswordField, SelectField
from wtforms.validators import Length

from web.access import attempt
from web.auth import Person
from web.current import current_installation, origin
from web.typed_form import TypedForm
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.notifications.preferences import Notify, change_preferences
from workflow.people import passwords

bp = Blueprint("account", __name__, url_prefix="/account")


class PasswordForm(TypedForm):
    current = PasswordField("Current password", validators=[Length(max=1024)])
    new = PasswordField("New password", validators=[Length(max=1024)])
    repeat = PasswordField("New password again", validators=[Length(max=1024)])


class NotificationsForm(TypedForm):
    language = SelectField("Language of my e-mails", choices=list(LANGUAGES.items()))
    notify = SelectField("How often", choices=[(n.value, n.label) for n in Notify])


@bp.get("/notifications")
def notifications():
    person = current_user.user
    form = NotificationsForm(formdata=None, language=person.language, notify=person.notify)
    return render_template("account/notifications.html", form=form, email=person.email)


@bp.post("/notifications")
def change_notifications():
    form = NotificationsForm()
    attempt(
        lambda: change_preferences(
            current_installation(), current_user.id, form.language.data or "", form.notify.data or "", origin()
        ),
        "Saved: your next e-mails follow these choices.",
    )
    return redirect(url_for("account.notifications"))


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
