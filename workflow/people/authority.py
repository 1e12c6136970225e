"""The administrator check every administrative use case makes inside its own transaction,
so a role removed a second ago is already gone.
"""

from __future__ import annotations

from sqlmodel import Session

from workflow.errors import Refused
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.people.roles import Role


def why_not_admin(user: User, doing: str) -> str | None:
    """Why `user` may not do what only an administrator may (`doing`), or None: what a page
    asks before offering the button, and what the use case checks again."""
    return None if user.has_role(Role.ADMIN) else f"Only an administrator can {doing}."


def require_admin(session: Session, admin_id: int, doing: str) -> User:
    admin = load_user(session, admin_id)
    why = why_not_admin(admin, doing)
    if why:
        raise Refused(why)
    return admin
