"""An administrator's changes to other people's accounts: enabling, disabling, roles, a new
password.

The pages check the administrator role before showing anything, but the domain is the
authority: every use case checks it again inside its own write transaction. Each change
appends one audit event naming the actor; passwords and their hashes never reach the audit
trail. Argon2 hashing runs before the transaction, so the write lock is never held for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import recorded, write_recorded
from workflow.errors import InvalidInput, Refused
from workflow.installation import Installation
from workflow.people import accounts, passwords
from workflow.people.authority import require_admin
from workflow.people.directory import find_person
from workflow.people.models import User
from workflow.people.roles import Role


def _change_person(
    installation: Installation,
    admin_id: int,
    user_id: int,
    action: str,
    doing: str,
    change: Callable[[Session, User, User], Mapping[str, object]],
    origin: Origin | None,
) -> User:
    """Load the administrator and the person, apply `change` (which returns the audit
    details), and record it: the shape every change to someone else's account shares."""

    def work(session: Session) -> User:
        admin = require_admin(session, admin_id, doing)
        person = find_person(session, user_id)
        details = {"user": person.username, **change(session, admin, person)}
        chain.append(
            session, actor=actor_of(admin, origin), action=action, at=installation.clock.now(), details=details
        )
        return person

    return write_recorded(installation, action, admin_id, origin, work)


def disable_user(installation: Installation, admin_id: int, user_id: int, *, origin: Origin | None = None) -> User:
    """Disabling ends every session of the person at their next request."""

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id:
            raise Refused("You cannot disable your own account; ask another administrator.")
        if not person.active:
            raise InvalidInput(f"{person.display_name} is already disabled.")
        person.active = False
        person.end_sessions()
        return {}

    return _change_person(installation, admin_id, user_id, Action.DISABLE_USER, "disable an account", change, origin)


def enable_user(installation: Installation, admin_id: int, user_id: int, *, origin: Origin | None = None) -> User:
    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.active:
            raise InvalidInput(f"{person.display_name} is already enabled.")
        person.active = True
        return {}

    return _change_person(installation, admin_id, user_id, Action.ENABLE_USER, "enable an account", change, origin)


def reset_password(
    installation: Installation, admin_id: int, user_id: int, new_password: str, *, origin: Origin | None = None
) -> User:
    """A new password from the administrator ends every session of the person."""
    with recorded(installation, Action.RESET_PASSWORD, admin_id, origin):
        password_hash = passwords.hash_password(new_password)

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id:
            raise Refused("Change your own password on “My password”, which asks for the current one.")
        person.password_hash = password_hash
        person.end_sessions()
        return {}

    return _change_person(installation, admin_id, user_id, Action.RESET_PASSWORD, "reset a password", change, origin)


def set_roles(
    installation: Installation, admin_id: int, user_id: int, roles: Iterable[str], *, origin: Origin | None = None
) -> User:
    """An administrator may not remove their own admin role, so one always remains."""
    with recorded(installation, Action.SET_ROLES, admin_id, origin):
        new_roles = " ".join(r.value for r in accounts.parse_roles(roles))

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id and Role.ADMIN.value not in new_roles.split():
            raise Refused("You cannot remove your own administrator role; ask another administrator.")
        previous, person.roles = person.roles, new_roles
        return {"from": previous, "to": new_roles}

    return _change_person(installation, admin_id, user_id, Action.SET_ROLES, "change roles", change, origin)
