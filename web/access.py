"""Role gates for whole blueprints, and the one way a page reports a refusal.

Sign-in is already required everywhere (web.security); these add "and holds one of these
roles". The domain checks the role again in every use case, so a gate is never the only
guard, only the first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, abort, flash
from flask_login import current_user

from workflow.errors import NotFound, WorkflowError
from workflow.people.roles import Role

T = TypeVar("T")

GATES: dict[str, frozenset[Role]] = {}
"""Each gated blueprint's roles by its name: the menus show a page to the roles its gate lets in."""


def require_roles(bp: Blueprint, *roles: Role) -> None:
    """Every view of `bp` answers 403 to anyone without one of `roles`."""
    allowed = frozenset(roles)
    GATES[bp.name] = allowed

    @bp.before_request
    def _gate() -> None:
        if not current_user.is_authenticated or not current_user.user.role_set & allowed:
            abort(403)


def attempt(action: Callable[[], T], success: str | Callable[[T], str]) -> bool:
    """Run a use case; flash its success (a sentence, or one made from what the use case
    returned), or the domain's own sentence when it refuses. An unknown id is not a
    refusal to explain but a page that does not exist (404)."""
    try:
        result = action()
    except NotFound:
        raise
    except WorkflowError as error:
        flash(error.message, "error")
        return False
    flash(success if isinstance(success, str) else success(result), "success")
    return True
