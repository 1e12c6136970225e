"""Administration pages: people and roles, policy numbers, letterhead, the tone check's
settings, Word templates, and the outgoing mail.

Only administrators get past the blueprint's gate; each use case checks the role again.
Every change is a POST that redirects back (so a reload never repeats it); a refused one
re-renders the form with what was typed, except passwords.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.file import FileField
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from web.access import attempt, require_roles
from web.current import current_installation, origin
from web.forms import CheckboxesField
from web.typed_form import TypedForm
from workflow.audit import status
from workflow.documents import DocumentKind, template_store
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.mail import queries as mail_queries
from workflow.mail import retry
from workflow.mail.kinds import mail_kind
from workflow.mail.models import MailState, OutgoingMail
from workflow.people import accounts, administration, directory
from workflow.people.roles import Role
from workflow.settings import changes
from workflow.settings.config import COMPANY_KEYS, format_duration
from workflow.settings.effective import effective_company, effective_policy, effective_tuning
from workflow.tone.findings import CATEGORIES, SEVERITY
from workflow.tone.tuning import tuning_from_input
from workflow.words import counted

bp = Blueprint("admin", __name__, url_prefix="/admin")
require_roles(bp, Role.ADMIN)

ROLE_CHOICES = [(role.value, role.label) for role in Role]
THRESHOLD_PREFIX = "threshold-"
SEVERITY_PREFIX = "severity-"


class NewPersonForm(TypedForm):
    username = StringField("Username", validators=[Length(max=64)])
    display_name = StringField("Full name", validators=[Length(max=200)])
    title = StringField("Job title", validators=[Length(max=200)])
    email = StringField("Email", validators=[Length(max=320)])
    phone = StringField("Phone", validators=[Length(max=64)])
    roles = CheckboxesField("Roles", choices=ROLE_CHOICES)
    password = PasswordField("Initial password", validators=[Length(max=1024)])


class RolesForm(TypedForm):
    roles = CheckboxesField("Roles", choices=ROLE_CHOICES)


class NewPasswordForm(TypedForm):
    password = PasswordField("New password", validators=[Length(max=1024)])


class ConfirmForm(TypedForm):
    """A button that changes something: only the CSRF token travels."""


class PolicyForm(TypedForm):
    waiting_period = StringField("Waiting period", validators=[Length(max=40)])
    switch_off_wait = BooleanField("Yes, switch the waiting period off: finished drafts may go to review at once")
    follow_up_days = StringField("Follow-up after (days)", validators=[Length(max=6)])
    new_currency = StringField("Add a currency", validators=[Length(max=3)])
    new_amount = StringField("Its legal-review threshold", validators=[Length(max=30)])


class CompanyForm(TypedForm):
    name = StringField("Company name", validators=[Length(max=200)])
    address = TextAreaField("Company address", validators=[Length(max=1000)])
    phone = StringField("Company phone", validators=[Length(max=64)])
    email = StringField("Company email", validators=[Length(max=320)])
    country = StringField("Country code (US or CA prints on Letter, others on A4)", validators=[Length(max=2)])


class ToneForm(TypedForm):
    rules_off = TextAreaField("Rules switched off (one a line)", validators=[Length(max=50_000)])
    allowed_words = TextAreaField("Allowed words (one a line)", validators=[Length(max=50_000)])


class TemplateForm(TypedForm):
    kind = SelectField("Document", choices=[(kind.value, kind.label) for kind in DocumentKind])
    language = SelectField(
        "Letter language", choices=[("", "Not a letter (packets, record sheet)"), *LANGUAGES.items()], default=""
    )
    document = FileField("Word file (.docx)")


def _form_errors(form: TypedForm) -> None:
    """Length limits are the only checks a form makes; the domain words everything else."""
    if not form.validate():
        problems = [f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()]
        raise InvalidInput(" ".join(problems))


# --- people -------------------------------------------------------------------------------


@bp.get("/")
def people():
    return _people_page(NewPersonForm(formdata=None))


def _people_page(form: NewPersonForm, status: int = 200):
    with current_installation().db.read() as session:
        everyone = directory.people(session)
    return render_template("admin/people.html", people=everyone, roles=list(Role), form=form), status


@bp.post("/people")
def add_person():
    form = NewPersonForm()

    def create() -> None:
        _form_errors(form)
        accounts.add_person(
            current_installation(),
            current_user.id,
            form.username.data or "",
            form.password.data or "",
            form.roles.data or [],
            origin=origin(),
            display_name=form.display_name.data or "",
            title=form.title.data or "",
            email=form.email.data or "",
            phone=form.phone.data or "",
        )

    if attempt(create, "Added: the new person can sign in now."):
        return redirect(url_for("admin.people"))
    return _people_page(form, 400)


@bp.get("/people/<int:user_id>")
def person(user_id: int):
    with current_installation().db.read() as session:
        shown = directory.find_person(session, user_id)
    return render_template(
        "admin/person.html",
        person=shown,
        roles=RolesForm(formdata=None, roles=sorted(shown.role_set)),
        password=NewPasswordForm(formdata=None),
        confirm=ConfirmForm(formdata=None),
    )


def _on_person(user_id: int, action: Callable[[], object], success: str):
    """An unknown person is a 404 before any input is looked at; then back to their page."""
    with current_installation().db.read() as session:
        directory.find_person(session, user_id)
    attempt(action, success)
    return redirect(url_for("admin.person", user_id=user_id))


@bp.post("/people/<int:user_id>/roles")
def set_roles(user_id: int):
    roles = RolesForm().roles.data or []
    return _on_person(
        user_id,
        lambda: administration.set_roles(current_installation(), current_user.id, user_id, roles, origin=origin()),
        "Roles saved.",
    )


@bp.post("/people/<int:user_id>/password")
def reset_password(user_id: int):
    password = NewPasswordForm().password.data or ""
    return _on_person(
        user_id,
        lambda: administration.reset_password(
            current_installation(), current_user.id, user_id, password, origin=origin()
        ),
        "New password set; every session of this person has ended.",
    )


@bp.post("/people/<int:user_id>/disable")
def disable(user_id: int):
    return _on_person(
        user_id,
        lambda: administration.disable_user(current_installation(), current_user.id, user_id, origin=origin()),
        "Account disabled; every session of this person has ended.",
    )


@bp.post("/people/<int:user_id>/enable")
def enable(user_id: int):
    return _on_person(
        user_id,
        lambda: administration.enable_user(current_installation(), current_user.id, user_id, origin=origin()),
        "Account enabled.",
    )


# --- policy and letterhead ------------------------------------------------------------------


def _stored_policy() -> tuple[PolicyForm, dict[str, str]]:
    with current_installation().db.read() as session:
        policy = effective_policy(session, current_installation().config.policy)
    form = PolicyForm(
        formdata=None,
        waiting_period=format_duration(policy.waiting_period),
        follow_up_days=str(policy.follow_up_days),
    )
    return form, {code: money.plain() for code, money in sorted(policy.legal_thresholds.items())}


def _stored_company() -> CompanyForm:
    with current_installation().db.read() as session:
        return CompanyForm(formdata=None, obj=effective_company(session, current_installation().config.company))


def _stored_tone() -> tuple[ToneForm, dict[str, str]]:
    with current_installation().db.read() as session:
        tuning = effective_tuning(session)
    form = ToneForm(
        formdata=None,
        rules_off="\n".join(sorted(tuning.rules_off)),
        allowed_words="\n".join(sorted(tuning.allowed_words)),
    )
    return form, dict(tuning.severities)


@bp.get("/settings")
def settings():
    return _settings_page(*_stored_policy(), _stored_company(), *_stored_tone())


def _settings_page(
    policy: PolicyForm,
    thresholds: Mapping[str, str],
    company: CompanyForm,
    tone: ToneForm,
    severities: Mapping[str, str],
    status: int = 200,
):
    return render_template(
        "admin/settings.html",
        policy=policy,
        waiting_rule=changes.WAITING_LETTERS_RULE,
        thresholds=thresholds,
        company=company,
        prefix=THRESHOLD_PREFIX,
        tone=tone,
        severities=severities,
        severity_prefix=SEVERITY_PREFIX,
        categories=[(category, SEVERITY[category]) for category in CATEGORIES],
    ), status


def _typed_thresholds() -> dict[str, str]:
    return {
        key.removeprefix(THRESHOLD_PREFIX): value.strip()
        for key, value in request.form.items()
        if key.startswith(THRESHOLD_PREFIX)
    }


def _thresholds_text(typed: Mapping[str, str], form: PolicyForm) -> str:
    """The thresholds as the domain reads them; a cleared amount removes its currency."""
    parts = [f"{code}={amount}" for code, amount in typed.items() if amount]
    new_currency, new_amount = (form.new_currency.data or "").strip(), (form.new_amount.data or "").strip()
    if new_currency or new_amount:
        parts.append(f"{new_currency}={new_amount}")
    return ",".join(parts)


def _waiting_period(typed: str) -> str:
    """The page takes a duration with its unit, as the environment variable does: a bare
    number was minutes here and seconds there, so it is refused rather than guessed."""
    if typed.strip().isdecimal() and int(typed) != 0:
        number = typed.strip()
        raise InvalidInput(f"Give the waiting period with its unit: “{number}h” for hours, “{number}m” for minutes.")
    return typed


def _policy_saved(outcome: changes.PolicyChange) -> str:
    """What saving did, in words: above all what happened to the letters already waiting."""
    if outcome.waiting_period is None:
        return "Policy saved; it applies from now on."
    if outcome.waiting_period:
        wait = f"The waiting period is now {format_duration(outcome.waiting_period)}"
    else:
        wait = "The waiting period is switched off: a finished draft can be submitted at once"
    if not outcome.moved:
        return f"Policy saved. {wait}. No letter was waiting."
    return (
        f"Policy saved. {wait}. It applies to the {counted(outcome.moved, 'letter')} already waiting too, "
        "counted from when each draft was finished."
    )


@bp.post("/settings/policy")
def change_policy():
    form = PolicyForm()
    typed = _typed_thresholds()

    def change() -> changes.PolicyChange:
        _form_errors(form)
        return changes.change_policy(
            current_installation(),
            current_user.id,
            {
                "waiting_period": _waiting_period(form.waiting_period.data or ""),
                "follow_up_days": form.follow_up_days.data or "",
                "legal_thresholds": _thresholds_text(typed, form),
            },
            switch_off_wait=bool(form.switch_off_wait.data),
            origin=origin(),
        )

    if attempt(change, _policy_saved):
        return redirect(url_for("admin.settings"))
    return _settings_page(form, typed, _stored_company(), *_stored_tone(), 400)


@bp.post("/settings/company")
def change_company():
    form = CompanyForm()

    def change() -> None:
        _form_errors(form)
        details = {name: form[name].data or "" for name in COMPANY_KEYS}
        changes.change_company(current_installation(), current_user.id, details, origin=origin())

    if attempt(change, "Company details saved; new documents carry them."):
        return redirect(url_for("admin.settings"))
    return _settings_page(*_stored_policy(), form, *_stored_tone(), 400)


@bp.post("/settings/tone")
def change_tone():
    form = ToneForm()
    typed = {
        key.removeprefix(SEVERITY_PREFIX): value
        for key, value in request.form.items()
        if key.startswith(SEVERITY_PREFIX)
    }

    def change() -> None:
        _form_errors(form)
        tuning = tuning_from_input(
            (form.rules_off.data or "").splitlines(), (form.allowed_words.data or "").splitlines(), typed
        )
        changes.change_tone_settings(current_installation(), current_user.id, tuning, origin=origin())

    if attempt(change, "Tone check settings saved; every letter's check applies them from now on."):
        return redirect(url_for("admin.settings"))
    return _settings_page(*_stored_policy(), _stored_company(), form, typed, 400)


# --- templates ------------------------------------------------------------------------------


@bp.get("/templates")
def templates():
    return _templates_page(TemplateForm(formdata=None))


def _templates_page(form: TemplateForm, status: int = 200):
    with current_installation().db.read() as session:
        uploaded = template_store.uploaded_templates(session)
        names = {user.id: user.display_name for user in directory.people(session)}
    return render_template(
        "admin/templates.html",
        uploaded=uploaded,
        names=names,
        form=form,
        kinds={kind.value: kind.label for kind in DocumentKind},
        languages=LANGUAGES,
    ), status


@bp.post("/templates")
def upload_template():
    form = TemplateForm()
    upload = request.files.get(form.document.name)

    def store() -> None:
        if upload is None or not upload.filename:
            raise InvalidInput("Choose a Word file (.docx) to upload.")
        template_store.upload_template(
            current_installation(),
            current_user.id,
            form.kind.data or "",
            form.language.data or "",
            upload.read(),
            origin=origin(),
        )

    if attempt(store, "Template checked and saved; new documents use it."):
        return redirect(url_for("admin.templates"))
    return _templates_page(form, 400)


# --- outgoing mail --------------------------------------------------------------------------


@bp.get("/mail")
def outgoing_mail():
    state = request.args.get("state", "")
    shown = state if state in {s.value for s in MailState} else ""
    with current_installation().db.read() as session:
        messages = mail_queries.recent_mail(session, shown or None)
        failures = mail_queries.outgoing_mail_failures(session)
    return render_template(
        "admin/mail.html",
        messages=messages,
        failures=failures,
        shown=shown,
        states=list(MailState),
        kinds={m.kind: mail_kind(m.kind).label for m in messages},
        confirm=ConfirmForm(formdata=None),
    )


@bp.get("/mail/<int:mail_id>")
def mail_message(mail_id: int):
    with current_installation().db.read() as session:
        message = session.get(OutgoingMail, mail_id)
    if message is None:
        abort(404)
    return render_template(
        "admin/mail_message.html",
        message=message,
        state=MailState(message.state),
        kind=mail_kind(message.kind).label,
        confirm=ConfirmForm(formdata=None),
    )


@bp.post("/mail/<int:mail_id>/retry")
def retry_mail(mail_id: int):
    attempt(
        lambda: retry.retry_mail(current_installation(), current_user.id, mail_id, origin=origin()),
        "The message is queued again; the worker sends it within a few seconds.",
    )
    return redirect(url_for("admin.mail_message", mail_id=mail_id))


# --- the audit chain, checked from the administrator's home -----------------------------------


@bp.post("/audit-chain-check")
def check_chain():
    attempt(
        lambda: status.check_whole_chain(current_installation(), current_user.id, origin=origin()),
        "The whole audit chain was checked; the result is under “Audit chain”.",
    )
    return redirect(url_for("home.index"))
