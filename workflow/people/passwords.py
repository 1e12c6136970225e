"""Passwords: hashed with Argon2id, never stored or logged, and changed by their owner."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import recorded, write_recorded
from workflow.errors import InvalidInput, Refused
from workflow.installation import Installation
from workflow.people.directory import load_user
from workflow.people.models import User


def change_password(
    installation: Installation, user_id: int, current_password: str, new_password: str, *, origin: Origin | None = None
) -> User:
    """Anyone's own password. Every other session of the person ends; the caller signs the
    current one in again with the returned user's new epoch."""
    with installation.db.read() as session:
        checked = load_user(session, user_id)
    with recorded(installation, Action.CHANGE_PASSWORD, user_id, origin):
        if not password_matches(checked, current_password):
            raise Refused("Your current password is not right; nothing was changed.")
        if new_password == current_password:
            raise InvalidInput("The new password must differ from the current one.")
        password_hash = hash_password(new_password)

    def work(session: Session) -> User:
        user = load_user(session, user_id)
        if user.password_hash != checked.password_hash:
            raise Refused("Your password was changed meanwhile; nothing was changed. Sign in again.")
        user.password_hash = password_hash
        user.end_sessions()
        chain.append(session, actor=actor_of(user, origin), action=Action.CHANGE_PASSWORD, at=installation.clock.now())
        return user

    return write_recorded(installation, Action.CHANGE_PASSWORD, user_id, origin, work)


_hasher = PasswordHasher()


MIN_PASSWORD = 10


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"A password needs at least {MIN_PASSWORD} characters.")


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    return hash_matches(user.password_hash, password)


def hash_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
