"""Finding people: the list administrators see, and the person a use case acts for."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.errors import InvalidInput, NotFound, Refused
from workflow.people.models import User


def people(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def find_person(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"No person with id {user_id}.")
    return user


def load_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return active(user)


def active(user: User) -> User:
    if not user.active:
        raise Refused("This account is disabled.")
    return user


def person_named(session: Session, username: str) -> User:
    """An active person by username, for settings that name one (the escalation contact)."""
    user = session.scalars(select(User).where(col(User.username) == username.strip())).first()
    if user is None or not user.active:
        raise InvalidInput(f"There is no active account with the username “{username.strip()}”.")
    return user


def display_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Id to display name for the people a page or a sentence names."""
    query = select(col(User.id), col(User.display_name)).where(col(User.id).in_(set(ids)))
    return {person: name for person, name in session.execute(query)}
