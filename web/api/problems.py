"""Errors as RFC 9457 problem details, worded as the pages word them."""

from __future__ import annotations

from flask import Response, json
from pydantic import ValidationError

from workflow.errors import InvalidInput, NotFound, Refused, StaleVersion, WorkflowError

MEDIA_TYPE = "application/problem+json"
PREFIX = "/api/v1"

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Refused",
    412: "The letter changed",
    413: "Too large",
    415: "Unsupported media type",
    422: "Invalid input",
    428: "If-Match required",
    429: "Too many requests",
    500: "Server error",
}

STATUS_OF: dict[type[WorkflowError], int] = {NotFound: 404, StaleVersion: 412, InvalidInput: 422, Refused: 409}


class Problem(Exception):
    """Raised anywhere in a view: the handler answers with it."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_response(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    response = Response(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    response.headers.update(headers or {})
    return response


def of_workflow_error(error: WorkflowError) -> Response:
    """The domain's own sentence, with the status its kind of refusal means over HTTP."""
    status = next((code for kind, code in STATUS_OF.items() if isinstance(error, kind)), 409)
    return problem_response(status, error.message)


def of_validation_error(error: ValidationError) -> Response:
    """Pydantic's findings as one sentence per field, in the pages' plain style."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}." for e in error.errors()]
    return problem_response(422, " ".join(parts) or "The request could not be read.")


def is_api_request(path: str) -> bool:
    """Errors Flask raises before a blueprint is known (no such route) are answered as
    problems too, when the address is the API's."""
    return path == PREFIX or path.startswith(PREFIX + "/")
