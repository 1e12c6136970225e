"""`/api/v1`: the JSON API, its OpenAPI 3.1 description and a page listing its operations.

flask-openapi3 builds the description from the views' pydantic models. Its `APIBlueprint`
is registered on the existing app like any blueprint; the document is assembled here from
the blueprint's own paths and schemas, so the app factory stays a plain Flask app.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template
from flask_openapi3.models import APISpec, Components, Info
from werkzeug.exceptions import HTTPException

from web.api.auth import authenticate
from web.api.letters import bp
from web.api.problems import Problem, of_validation_error, of_workflow_error, problem_response
from web.api.schemas import ProblemOut
from web.errors import MESSAGES
from web.security import csrf, public
from workflow.errors import WorkflowError

VERSION = "1.0.0"


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of every operation on the blueprint."""
    schemas = {**bp.components_schemas, "ProblemOut": ProblemOut.model_json_schema()}
    spec = APISpec(
        openapi="3.1.0",
        info=Info(title="tactful", version=VERSION, description="Refund-refusal letters, reviewed and recorded."),
        paths=bp.paths,
        components=Components(
            schemas=schemas,
            securitySchemes={"bearer": {"type": "http", "scheme": "bearer"}},
        ),
    )
    return spec.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)


@bp.get("/openapi.json", doc_ui=False)
def openapi_json() -> Response:
    return jsonify(openapi_document())


@bp.get("/docs", doc_ui=False)
def docs() -> str:
    """The operations in a plain page: no script and nothing from another site."""
    return render_template("api/docs.html", spec=openapi_document())


def _problem(error: Problem) -> Response:
    return problem_response(error.status, error.detail, error.headers)


def _http_problem(error: HTTPException) -> Response:
    status = error.code or 500
    return problem_response(status, MESSAGES.get(status, error.description or MESSAGES[500]))


def _too_deep(_: RecursionError) -> Response:
    """Python's JSON reader recurses once per level: a body of a few thousand nested
    brackets exhausts it before any schema is checked."""
    return problem_response(400, "The request body nests its objects or lists too deeply to read.")


bp.before_request(authenticate)
bp.register_error_handler(RecursionError, _too_deep)
bp.register_error_handler(Problem, _problem)
bp.register_error_handler(WorkflowError, of_workflow_error)
bp.register_error_handler(HTTPException, _http_problem)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    csrf.exempt(bp)
    setattr(app, "validation_error_callback", of_validation_error)  # noqa: B010  (flask-openapi3 asks the app)
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("api."):
            public(view)
