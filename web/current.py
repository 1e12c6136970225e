"""What a request knows about itself: the workflow, who is asking and from where."""

from __future__ import annotations

import re
import uuid

from flask import current_app, g, request

from workflow.audit.actors import Origin
from workflow.installation import Installation

INSTALLATION_KEY = "tactful"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_installation() -> Installation:
    return current_app.extensions[INSTALLATION_KEY]


def request_id() -> str:
    """The proxy's X-Request-ID when it is well-formed, else a new one, so logs and audit agree."""
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    return g.request_id


def origin() -> Origin:
    return Origin(address=(request.remote_addr or "")[:64], request_id=request_id())
