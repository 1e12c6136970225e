"""Error pages in plain words. A refusal from the rules is shown as it was worded; nothing
ever shows a stack trace."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from web.api.problems import is_api_request, problem_response
from web.current import current_installation, origin
from workflow.audit.actions import Action
from workflow.audit.refusals import record_refusal
from workflow.errors import NotFound, Refused

MESSAGES = {
    400: "The request could not be understood. Go back and try again.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address.",
    405: "That action is not available here.",
    413: "The file is too large. Word files can be at most 10 MB.",
    429: "Too many attempts. Wait a few minutes and try again.",
    500: "Something went wrong on our side, and nothing was changed. Please try again.",
}


def _page(status: int, message: str | None = None):
    return render_template("error.html", status=status, message=message or MESSAGES.get(status, MESSAGES[500])), status


def _record_access_refused() -> None:
    """Being turned away is part of the record too: who tried which page, from where."""
    person = current_user.id if current_user.is_authenticated else None
    refusal = Refused(f"{request.method} {request.path}")
    record_refusal(current_installation(), Action.ACCESS_REFUSED, None, person, refusal, origin())


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _page(
            400,
            "This form has expired or did not come from this site. Reload the page and try again; nothing was changed.",
        )

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        return _page(404, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if is_api_request(request.path):
            return problem_response(error.code or 500, MESSAGES.get(error.code or 500, MESSAGES[500]))
        if error.code == 403:
            _record_access_refused()
        return _page(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error")
        if is_api_request(request.path):
            return problem_response(500, MESSAGES[500])
        return _page(500)
