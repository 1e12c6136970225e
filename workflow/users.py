"""People and their roles. Passwords are hashed with Argon2id and never stored or logged."""
from __future__ import annotations

import re
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlmodel import Session

from workflow import audit
from workflow.errors import InvalidInput
from workflow.models import User
from workflow.roles import Role
from workflow.services import Origin, Workflow, actor_of

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10


def parse_roles(names: Iterable[str]) -> tuple[Role, ...]:
    roles = []
    for name in names:
        try:
            roles.append(Role(name.strip()))
        except ValueError:
            raise InvalidInput(f"Unknown role “{name}”; roles are {', '.join(r.value for r in Role)}.") from None
    if not roles:
        raise InvalidInput("Give the person at least one role.")
    return tuple(dict.fromkeys(roles))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"A password needs at least {MIN_PASSWORD} characters.")


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    wf: Workflow,
    username: str,
    password: str,
    roles: Iterable[str],
    *,
    display_name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
    by: User | None = None,
    origin: Origin | None = None,
) -> User:
    """Add a person; the first administrator is created this way from the command line."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput("A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores.")
    role_list = parse_roles(roles)
    password_hash = hash_password(password)

    def work(session: Session) -> User:
        if session.scalars(select(User).where(User.username == username)).first():
            raise InvalidInput(f"The username “{username}” is taken.")
        now = wf.clock.now()
        user = User(
            username=username, display_name=display_name.strip() or username, title=title.strip(),
            email=email.strip(), phone=phone.strip(), roles=" ".join(r.value for r in role_list),
            password_hash=password_hash, created_at=now,
        )
        session.add(user)
        session.flush()
        audit.append(
            session, actor=actor_of(by, origin) if by else audit.SYSTEM, action="create_user", at=now,
            details={"user": username, "roles": user.roles},
        )
        return user

    return wf.db.write(work)
