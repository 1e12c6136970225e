"""Signing in and out, with attempts limited per account and per address.

The limits are counted from the `login_attempts` table so they hold across every server
process and machine. A refused sign-in says nothing about why (unknown name, wrong
password, locked, disabled): that would tell an attacker which accounts exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Actor, Origin, actor_of
from workflow.errors import NotFound
from workflow.installation import Installation
from workflow.people import passwords
from workflow.people.models import LoginAttempt, User

WINDOW = timedelta(minutes=15)


MAX_FAILURES_PER_ACCOUNT = 5


MAX_FAILURES_PER_ADDRESS = 20


_DUMMY_HASH = passwords.hash_password("timing-equaliser-password")


def _failures(session: Session, column: Mapped[str], value: str, since: datetime) -> int:
    query = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == value, col(LoginAttempt.success).is_(False), col(LoginAttempt.at) >= since)
    )
    return session.scalar(query) or 0


def _limited(session: Session, username: str, address: str, since: datetime) -> bool:
    return (
        _failures(session, col(LoginAttempt.username), username, since) >= MAX_FAILURES_PER_ACCOUNT
        or _failures(session, col(LoginAttempt.address), address, since) >= MAX_FAILURES_PER_ADDRESS
    )


def _find(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(col(User.username) == username)).first()


def sign_in(installation: Installation, username: str, password: str, origin: Origin) -> User | None:
    """The person, if these credentials may sign in now; None otherwise, and it is recorded.

    Argon2 runs between a read and the write that records the attempt, never inside the
    write transaction: holding the write lock for it would check every sign-in of the
    installation one at a time. The write counts the limits again, so attempts that raced
    past the first count still meet the limit, and it refuses a password or account that
    changed while the hash was checked.
    """
    username = username.strip().lower()[:64]
    with installation.db.read() as session:
        seen = _find(session, username)
    matches = passwords.hash_matches(seen.password_hash if seen else _DUMMY_HASH, password)

    def work(session: Session) -> User | None:
        now = installation.clock.now()
        limited = _limited(session, username, origin.address, now - WINDOW)
        user = _find(session, username)
        unchanged = bool(user and seen and user.password_hash == seen.password_hash)
        ok = bool(user and user.active and matches and unchanged and not limited)
        session.add(LoginAttempt(username=username, address=origin.address, success=ok, at=now))
        outcome = "ok" if ok else ("limited" if limited else "refused")
        chain.append(
            session,
            actor=actor_of(user if ok else None, origin),
            action=Action.SIGN_IN,
            at=now,
            outcome=outcome,
            details={"username": username},
        )
        return user if ok else None

    return installation.db.write(work)


def unlock(installation: Installation, username: str, operator: Actor) -> int:
    """Clear an account's failed sign-ins, so a person locked out (the only administrator,
    say) can sign in again before the window ends; returns how many were cleared.

    The limit itself stays: this is the operator's way back, from the command line of a
    machine that holds the database. The counter rows go; every attempt stays in the
    audit trail, and the unlock joins it.
    """
    username = username.strip().lower()

    def work(session: Session) -> int:
        if _find(session, username) is None:
            raise NotFound(f"No user “{username}”.")
        now = installation.clock.now()
        cleared = _failures(session, col(LoginAttempt.username), username, now - WINDOW)
        session.execute(
            delete(LoginAttempt).where(
                col(LoginAttempt.username) == username,
                col(LoginAttempt.success).is_(False),
                col(LoginAttempt.at) >= now - WINDOW,
            )
        )
        chain.append(
            session,
            actor=operator,
            action=Action.UNLOCK_USER,
            at=now,
            details={"user": username, "failures_cleared": cleared},
        )
        return cleared

    return installation.db.write(work)


def sign_out(installation: Installation, user_id: int, origin: Origin) -> None:
    def work(session: Session) -> None:
        user = session.get(User, user_id)
        if user is None:
            return
        user.end_sessions()
        chain.append(session, actor=actor_of(user, origin), action=Action.SIGN_OUT, at=installation.clock.now())

    installation.db.write(work)
