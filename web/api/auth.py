"""Who calls the API: a bearer token, its scopes, and its rate limit, checked before each view."""

from __future__ import annotations

from flask import g, request

from web.api.problems import Problem
from web.current import current_installation, origin
from workflow.api.limits import count_request
from workflow.api.tokens import Bearer, Scope, bearer_of
from workflow.audit.actors import Origin

OPEN_ENDPOINTS = frozenset({"api.openapi_json", "api.docs"})

REVIEW_TRIGGERS = frozenset({"approve_tone", "escalate_to_legal", "request_changes", "approve_legal", "hand_back"})


def authenticate() -> None:
    """Every operation but the description needs a live token within its rate limit."""
    if request.endpoint in OPEN_ENDPOINTS:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    installation = current_installation()
    with installation.db.read() as session:
        bearer = bearer_of(session, secret.strip()) if scheme.lower() == "bearer" else None
    if bearer is None:
        raise Problem(
            401,
            "Give a valid API token as “Authorization: Bearer tf_…”; an administrator makes one.",
            {"WWW-Authenticate": 'Bearer realm="tactful"'},
        )
    wait = count_request(installation, bearer.token_id, installation.config.api_rate_limit)
    if wait is not None:
        raise Problem(
            429,
            f"This token made more than {installation.config.api_rate_limit} requests this minute. "
            f"Try again in {wait} seconds.",
            {"Retry-After": str(wait)},
        )
    g.bearer = bearer


def bearer() -> Bearer:
    found: Bearer = g.bearer
    return found


def api_origin() -> Origin:
    """Where the request came from, and the token, for the audit trail."""
    return bearer().origin(origin())


def scope_for(trigger: str) -> Scope:
    return Scope.REVIEW if trigger in REVIEW_TRIGGERS else Scope.WRITE


def missing_scope(scope: Scope) -> str | None:
    if scope in bearer().scopes:
        return None
    return f"This token may not {scope.label.lower()}: it needs the “{scope}” scope."


def require(scope: Scope) -> None:
    why = missing_scope(scope)
    if why:
        raise Problem(403, why)
