"""The administrator check every administrative use case makes inside its own transaction,
so a role removed a second ago is already gone.
"""

from __future__ import annotations

from sqlmodel import Session

from workflow.errors import Refused
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.people.roles import Role


def require_admin(session: Session, admin_id: int, doing: str) -> User:
    admin = load_user(session, admin_id)
    if not admin.has_role(Role.ADMIN):
        raise Refused(f"Only an administrator can {doing}.")
    return admin
