"""Refused attempts belong in the record too.

A refusal rolls the use case's transaction back, so it is written afterwards in its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actors import Origin, actor_of
from workflow.characters import clean
from workflow.errors import InvalidInput, Refused, StaleVersion, WorkflowError
from workflow.installation import Installation
from workflow.letters.models import Letter
from workflow.people.models import User

T = TypeVar("T")


def write_recorded(
    installation: Installation,
    action: str,
    actor_id: int,
    origin: Origin | None,
    work: Callable[[Session], T],
    letter_id: int | None = None,
    tried: Mapping[str, object] | None = None,
) -> T:
    """Run one change; a refusal is recorded in its own transaction after the rollback, with
    `tried` as its details (the words its sentence names, when no letter says what was tried).
    Input the use case cannot accept is a refused attempt too, as a letter's trigger records it."""
    with recorded(installation, action, actor_id, origin, letter_id, tried):
        return installation.db.write(work)


@contextmanager
def recorded(
    installation: Installation,
    action: str,
    actor_id: int | None,
    origin: Origin | None,
    letter_id: int | None = None,
    tried: Mapping[str, object] | None = None,
) -> Iterator[None]:
    """Record a refusal raised inside the block, then let it go on: also for input read
    before the transaction (a password hashed outside the write lock, roles parsed)."""
    try:
        yield
    except (Refused, InvalidInput, StaleVersion) as refusal:
        record_refusal(installation, action, letter_id, actor_id, refusal, origin, tried)
        raise


def record_refusal(
    installation: Installation,
    action: str,
    letter_id: int | None,
    actor_id: int | None,
    refusal: WorkflowError,
    origin: Origin | None = None,
    details: Mapping[str, object] | None = None,
) -> None:
    """A refused action is part of the record too, in its own transaction after the rollback;
    `details` says what was tried when no letter does (a refused file's size and hash). The
    refusal's sentence can quote what was tried (a path with a NUL in it), so it is cleaned
    as every text a person gives the domain is: PostgreSQL refuses NUL."""

    def work(session: Session) -> None:
        user = session.get(User, actor_id) if actor_id is not None else None
        letter = session.get(Letter, letter_id) if letter_id is not None else None
        chain.append(
            session,
            actor=actor_of(user, origin),
            action=action,
            at=installation.clock.now(),
            outcome="refused",
            letter_id=letter.id if letter else None,
            letter_ref=letter.reference if letter else "",
            from_state=letter.state if letter else "",
            to_state=letter.state if letter else "",
            version=letter.current_version if letter else None,
            comment=clean(refusal.message),
            details=details,
        )

    installation.db.write(work)
