"""Role gates for whole blueprints, and the one way a page reports a refusal.

Sign-in is already required everywhere (web.security); these add "and holds one of these
roles". The domain checks the role again in every use case, so a gate is never the only
guard, only the first.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash
from flask_login import current_user

from workflow.errors import NotFound, WorkflowError
from workflow.people.roles import Role


def require_roles(bp: Blueprint, *roles: Role) -> None:
    """Every view of `bp` answers 403 to anyone without one of `roles`."""
    allowed = frozenset(roles)

    @bp.before_request
    def _gate() -> None:
        if not current_user.is_authenticated or not current_user.user.role_set & allowed:
            abort(403)


def attempt(action: Callable[[], object], success: str) -> bool:
    """Run a use case; flash its success, or the domain's own sentence when it refuses.
    An unknown id is not a refusal to explain but a page that does not exist (404)."""
    try:
        action()
    except NotFound:
        raise
    except WorkflowError as error:
        flash(error.message, "error")
        return False
    flash(success, "success")
    return True
