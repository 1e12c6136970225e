"""People and their roles: checking a new person, and adding them as an administrator or,
for the first administrator, from the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from workflow.audit import actors, chain
from workflow.audit.actions import Action
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.people.models import User
from workflow.people.passwords import (
    hash_password,
)
from workflow.people.roles import Role

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


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


@dataclass(frozen=True)
class NewUser:
    """A person checked and ready to insert: the password is already hashed."""

    username: str
    display_name: str
    title: str
    email: str
    phone: str
    roles: str
    password_hash: str


def new_user(
    username: str,
    password: str,
    roles: Iterable[str],
    *,
    display_name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
) -> NewUser:
    """Check and hash outside the transaction: Argon2 is slow and must not hold the write lock."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput("A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores.")
    role_list = parse_roles(roles)
    return NewUser(
        username=username,
        display_name=display_name.strip() or username,
        title=title.strip(),
        email=email.strip(),
        phone=phone.strip(),
        roles=" ".join(r.value for r in role_list),
        password_hash=hash_password(password),
    )


def add_user(session: Session, person: NewUser, actor: actors.Actor, now: datetime) -> User:
    """Insert inside the caller's transaction, so a caller may check its own rights first."""
    if session.scalars(select(User).where(User.username == person.username)).first():
        raise InvalidInput(f"The username “{person.username}” is taken.")
    user = User(**asdict(person), created_at=now)
    session.add(user)
    session.flush()
    chain.append(
        session,
        actor=actor,
        action=Action.CREATE_USER,
        at=now,
        details={"user": user.username, "roles": user.roles},
    )
    return user


def create_user(
    installation: Installation,
    username: str,
    password: str,
    roles: Iterable[str],
    *,
    display_name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
) -> User:
    """Add a person; the first administrator is created this way from the command line."""
    person = new_user(username, password, roles, display_name=display_name, title=title, email=email, phone=phone)
    return installation.db.write(lambda session: add_user(session, person, actors.SYSTEM, installation.clock.now()))
