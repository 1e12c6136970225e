"""The clause library: the business's policy clauses, per language, versioned.

An administrator or the legal team writes a clause; it is a draft until an administrator
approves it, and only approved clauses can be cited. Editing writes the next version as a
draft: the approved version before it stays citable until the new one is approved, and a
letter keeps the key and version it quoted (`Letter.clauses`), so no edit touches it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.characters import clean
from workflow.errors import InvalidInput, Refused
from workflow.installation import Installation
from workflow.languages import LANGUAGES
from workflow.law.models import ClauseState, ClauseVersion
from workflow.people.authority import require_admin, why_not_admin
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.people.roles import Role

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Quoted:
    """A clause as a letter quoted it: which one, which version, and its words then."""

    key: str
    version: int
    title: str
    text: str

    def stored(self) -> dict[str, object]:
        return {"key": self.key, "version": self.version, "title": self.title}


def save_clause(
    installation: Installation,
    author_id: int,
    key: str,
    language: str,
    title: str,
    text: str,
    *,
    origin: Origin | None = None,
) -> ClauseVersion:
    """Write the next version of a clause as a draft."""
    key, title, text = key.strip(), clean(title).strip(), clean(text).replace("\r\n", "\n").strip()
    problems = []
    if not _KEY.match(key):
        problems.append("A clause id is up to 40 letters, digits, dots, dashes or underscores, such as “4.2”.")
    if language not in LANGUAGES:
        problems.append(f"Language must be one of {', '.join(LANGUAGES)}.")
    if not title or len(title) > 200:
        problems.append("Give the clause a title of at most 200 characters.")
    if not text:
        problems.append("The clause needs its text.")
    if problems:
        raise InvalidInput(" ".join(problems))

    def work(session: Session) -> ClauseVersion:
        writer = load_user(session, author_id)
        if not (writer.has_role(Role.ADMIN) or writer.has_role(Role.LEGAL_REVIEWER)):
            raise Refused("Only an administrator or the legal team can write policy clauses.")
        latest = session.scalar(
            select(func.max(ClauseVersion.version)).where(
                col(ClauseVersion.key) == key, col(ClauseVersion.language) == language
            )
        )
        now = installation.clock.now()
        clause = ClauseVersion(
            key=key,
            language=language,
            version=(latest or 0) + 1,
            title=title,
            text=text,
            created_by_id=author_id,
            created_at=now,
        )
        session.add(clause)
        session.flush()
        _record(session, writer, origin, Action.SAVE_CLAUSE, now, clause)
        return clause

    tried = {"words": {"clause": key, "language": language}}
    return write_recorded(installation, Action.SAVE_CLAUSE, author_id, origin, work, tried=tried)


APPROVING = "approve a policy clause"


def why_not_approve_clause(user: User) -> str | None:
    return why_not_admin(user, APPROVING)


def approve_clause(
    installation: Installation, admin_id: int, clause_id: int, *, origin: Origin | None = None
) -> ClauseVersion:
    def work(session: Session) -> ClauseVersion:
        admin = require_admin(session, admin_id, APPROVING)
        clause = session.get(ClauseVersion, clause_id)
        if clause is None:
            raise Refused("That clause version does not exist.")
        if clause.state == ClauseState.APPROVED:
            raise Refused(f"Version {clause.version} of clause {clause.key} is already approved.")
        now = installation.clock.now()
        clause.state, clause.approved_by_id, clause.approved_at = ClauseState.APPROVED, admin_id, now
        session.add(clause)
        _record(session, admin, origin, Action.APPROVE_CLAUSE, now, clause)
        return clause

    return write_recorded(installation, Action.APPROVE_CLAUSE, admin_id, origin, work)


def _record(
    session: Session, user: User, origin: Origin | None, action: Action, now: datetime, clause: ClauseVersion
) -> None:
    chain.append(
        session,
        actor=actor_of(user, origin),
        action=action,
        at=now,
        details={
            "clause": clause.key,
            "language": clause.language,
            "version": clause.version,
            "words": {"clause": clause.key, "language": clause.language, "version": clause.version},
        },
    )


def approved_clause(session: Session, key: str, language: str) -> ClauseVersion | None:
    """The newest approved version of a clause in a language: what a new letter quotes."""
    return session.scalar(
        select(ClauseVersion)
        .where(
            col(ClauseVersion.key) == key,
            col(ClauseVersion.language) == language,
            col(ClauseVersion.state) == ClauseState.APPROVED,
        )
        .order_by(col(ClauseVersion.version).desc())
        .limit(1)
    )


def clauses_to_quote(session: Session, keys: Sequence[str], language: str) -> list[Quoted]:
    """The approved clauses a decision cites, or `Refused` naming those that cannot be cited."""
    found = {key: approved_clause(session, key, language) for key in keys}
    missing = [key for key, clause in found.items() if clause is None]
    if missing:
        raise Refused(
            f"Only approved clauses can be cited; no approved version in {LANGUAGES.get(language, language)} "
            f"of: {', '.join(missing)}."
        )
    return [Quoted(c.key, c.version, c.title, c.text) for c in found.values() if c is not None]


def clause_library(session: Session) -> list[ClauseVersion]:
    """Every version, by clause, language and newest first."""
    return list(
        session.scalars(
            select(ClauseVersion).order_by(
                col(ClauseVersion.key), col(ClauseVersion.language), col(ClauseVersion.version).desc()
            )
        )
    )


def clause_version(session: Session, key: str, language: str, version: int) -> ClauseVersion | None:
    return session.scalar(
        select(ClauseVersion).where(
            col(ClauseVersion.key) == key,
            col(ClauseVersion.language) == language,
            col(ClauseVersion.version) == version,
        )
    )
