"""The administrator's page for integrations: API tokens (made, shown once, revoked) and
webhook endpoints with each one's delivery log. Thin callers of workflow.api and
workflow.webhooks; a new secret is rendered once, never flashed into the session cookie."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.validators import Length

from web.access import attempt, require_roles
from web.current import current_installation, origin
from web.delegation_forms import chosen_id
from web.forms import CheckboxesField
from web.typed_form import TypedForm
from workflow.api.tokens import Scope, TokenKind, create_token, list_tokens, parse_scopes, revoke_token
from workflow.errors import WorkflowError
from workflow.people import directory
from workflow.people.roles import Role
from workflow.webhooks.endpoints import EVENTS, add_endpoint, delivery_log, endpoints, remove_endpoint

bp = Blueprint("admin_api", __name__, url_prefix="/admin")
require_roles(bp, Role.ADMIN)


class TokenForm(TypedForm):
    name = StringField("What uses it", validators=[Length(max=100)])
    person = SelectField("Acts as", choices=[], validate_choice=False)
    scopes = CheckboxesField("Scopes", choices=[(s.value, s.label) for s in Scope])


class WebhookForm(TypedForm):
    url = StringField("Address (http or https)", validators=[Length(max=2000)])
    events = CheckboxesField("Events", choices=[(e, e.capitalize()) for e in EVENTS])
    secret = StringField("Signing secret (left empty, one is made)", validators=[Length(max=200)])


def _page(token: TokenForm | None = None, hook: WebhookForm | None = None, secret: str = "", status: int = 200):
    with current_installation().db.read() as session:
        tokens = list_tokens(session)
        hooks = endpoints(session)
        everyone = directory.people(session)
    token = token or TokenForm(formdata=None)
    token.person.choices = [(str(p.id), f"{p.display_name} ({p.username})") for p in everyone if p.active]
    return render_template(
        "admin/api.html",
        tokens=tokens,
        hooks=hooks,
        token=token,
        hook=hook or WebhookForm(formdata=None),
        secret=secret,
    ), status


@bp.get("/api")
def integrations():
    return _page()


@bp.post("/api/tokens")
def new_token():
    form = TokenForm()
    try:
        made = create_token(
            current_installation(),
            name=form.name.data or "",
            user_id=chosen_id("person"),
            scopes=parse_scopes(list(form.scopes.data or [])),
            kind=TokenKind.PERSONAL,
            admin_id=current_user.id,
            origin=origin(),
        )
    except WorkflowError as error:
        form.name.errors = [error.message]
        return _page(token=form, status=400)
    return _page(secret=f"Token {made.id} “{made.name}”: {made.secret}")


@bp.post("/api/tokens/revoke")
def revoke():
    chosen = chosen_id("token")
    attempt(
        lambda: revoke_token(current_installation(), chosen, admin_id=current_user.id, origin=origin()),
        "Token revoked: it is refused from its next request on.",
    )
    return redirect(url_for("admin_api.integrations"))


@bp.post("/api/webhooks")
def new_webhook():
    form = WebhookForm()
    try:
        made = add_endpoint(
            current_installation(),
            form.url.data or "",
            list(form.events.data or []),
            secret=form.secret.data or "",
            admin_id=current_user.id,
            origin=origin(),
        )
    except WorkflowError as error:
        form.url.errors = [error.message]
        return _page(hook=form, status=400)
    return _page(secret=f"Webhook endpoint {made.id}, signing secret: {made.secret}")


@bp.post("/api/webhooks/off")
def switch_off():
    chosen = chosen_id("endpoint")
    attempt(
        lambda: remove_endpoint(current_installation(), chosen, current_user.id, origin()),
        "Webhook endpoint switched off; its log stays.",
    )
    return redirect(url_for("admin_api.integrations"))


@bp.get("/api/webhooks/<int:endpoint_id>")
def deliveries(endpoint_id: int):
    with current_installation().db.read() as session:
        endpoint, rows = delivery_log(session, endpoint_id)
    return render_template("admin/webhook_log.html", endpoint=endpoint, rows=rows)
