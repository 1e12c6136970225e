"""What every response and every request must satisfy: deny by default, CSRF on every
form, and headers that keep letters out of caches, frames and other origins' scripts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, request
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from web.current import request_id

csrf = CSRFProtect()
login_manager = LoginManager()

HSTS = "max-age=31536000; includeSubDomains"
"""A year of https-only: the browser never tries plain http again, even on a typed address."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


View = TypeVar("View", bound=Callable[..., object])


def public(view: View) -> View:
    """Mark a view as reachable without signing in; every other view requires it."""
    view.__dict__["tactful_public"] = True
    return view


def _require_sign_in() -> Response | None:
    if request.endpoint in (None, "static"):
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "tactful_public", False) or current_user.is_authenticated:
        return None
    return login_manager.unauthorized()


def _headers(response: Response) -> Response:
    response.headers["X-Request-ID"] = request_id()
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    if not current_app.config.get("DEVELOPMENT", False):
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to continue."
    app.before_request(_require_sign_in)
    app.after_request(_headers)
