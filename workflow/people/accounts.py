"""People and their roles: checking a new person, and adding them as an administrator or,
for the first administrator, from the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.audit import actors, chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import recorded, write_recorded
from workflow.characters import clean_fields
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.people.authority import require_admin
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

    def __post_init__(self) -> None:
        clean_fields(self)


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


def create_user(
    installation: Installation, person: NewUser, *, admin_id: int | None = None, origin: Origin | None = None
) -> User:
    """Add a person checked and hashed by `new_user`, outside the transaction.

    An administrator adds people from the pages (`admin_id`, checked inside the transaction);
    the command line and the demo add them as the system, which is how the first
    administrator of an installation is made.
    """

    def work(session: Session) -> User:
        admin = None if admin_id is None else require_admin(session, admin_id, "add people")
        actor = actors.SYSTEM if admin is None else actor_of(admin, origin)
        if session.scalars(select(User).where(col(User.username) == person.username)).first():
            raise InvalidInput(f"The username “{person.username}” is taken.")
        now = installation.clock.now()
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

    if admin_id is None:
        return installation.db.write(work)
    return write_recorded(installation, Action.CREATE_USER, admin_id, origin, work)


def add_person(
    installation: Installation,
    admin_id: int,
    username: str,
    password: str,
    roles: Iterable[str],
    *,
    origin: Origin | None = None,
    **details: str,
) -> User:
    """An administrator adds someone: the input is checked and hashed before the transaction
    (`new_user`), and a refusal of it is on the record as every refused attempt is."""
    with recorded(installation, Action.CREATE_USER, admin_id, origin):
        person = new_user(username, password, roles, **details)
    return create_user(installation, person, admin_id=admin_id, origin=origin)
