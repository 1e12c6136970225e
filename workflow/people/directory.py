"""Finding people: the list administrators see, and the person a use case acts for."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from workflow.errors import NotFound, Refused
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
