"""The use cases. Each runs in one write transaction: load and lock the letter, check the
version the caller saw, apply the rules, append the audit event, commit. The web pages and
the command line call these and nothing else to change a letter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from workflow import audit, rules
from workflow.audit import Actor
from workflow.clock import Clock, SystemClock
from workflow.config import Config, effective_policy
from workflow.db import Database
from workflow.decision import Decision
from workflow.errors import NotFound, Refused, StaleVersion, WorkflowError
from workflow.models import Letter, LetterVersion, Review, StoredDocument, User
from workflow.roles import Role
from workflow.states import State


@dataclass(frozen=True)
class Origin:
    """Where a request came from, for the audit trail."""

    address: str = ""
    request_id: str = ""


@dataclass
class Workflow:
    """What every use case needs: the database, the time, the configuration."""

    db: Database
    config: Config
    clock: Clock = field(default_factory=SystemClock)


def actor_of(user: User | None, origin: Origin | None) -> Actor:
    """How the audit trail names a person (or nobody signed in) and where they were."""
    origin = origin or Origin()
    if user is None:
        return Actor("anonymous", "", origin.address, origin.request_id)
    return Actor(user.username, user.roles, origin.address, origin.request_id)


def load_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    if not user.active:
        raise Refused("This account is disabled.")
    return user


def load_letter(session: Session, letter_id: int, *, lock: bool = False) -> Letter:
    query = select(Letter).where(Letter.id == letter_id)
    if lock:
        query = query.with_for_update()
    letter = session.scalars(query).first()
    if letter is None:
        raise NotFound(f"No letter with id {letter_id}.")
    return letter


def find_letter(session: Session, key: str) -> Letter:
    """A letter by its reference (TL-2026-00001) or its numeric id."""
    query = select(Letter).where(Letter.reference == key.strip().upper())
    letter = session.scalars(query).first()
    if letter is None and key.strip().isdigit():
        letter = session.get(Letter, int(key))
    if letter is None:
        raise NotFound(f"No letter “{key}”.")
    return letter


def current_version(session: Session, letter: Letter) -> LetterVersion | None:
    return session.scalars(
        select(LetterVersion).where(
            LetterVersion.letter_id == letter.id, LetterVersion.number == letter.current_version
        )
    ).first()


def _attempt(wf: Workflow, session: Session, letter: Letter, user: User, params: dict[str, Any]) -> rules.Attempt:
    reviews = list(session.scalars(select(Review).where(Review.letter_id == letter.id).order_by(Review.id)))
    return rules.Attempt(
        letter=letter,
        version=current_version(session, letter),
        actor=user,
        now=wf.clock.now(),
        policy=effective_policy(session, wf.config.policy),
        reviews=reviews,
        params=params,
    )


def create_letter(
    wf: Workflow, decision: Decision, author_id: int, body: str, *, origin: Origin | None = None
) -> Letter:
    """Record a decision and its first text as a new draft."""
    body = normalize_text(body)
    if not body:
        raise Refused("The letter text cannot be empty.")

    def work(session: Session) -> Letter:
        user = load_user(session, author_id)
        if not user.has_role(Role.AUTHOR):
            raise Refused("Only authors can create letters.")
        now = wf.clock.now()
        letter = Letter(author_id=user.id, created_at=now, updated_at=now, **Letter.columns_for(decision))
        session.add(letter)
        session.flush()
        letter.reference = f"TL-{now.year}-{letter.id:05d}"
        attempt = rules.Attempt(letter, None, user, now, wf.config.policy, [])
        version = rules.new_version(attempt, body, "author")
        session.add(version)
        audit.append(
            session, actor=actor_of(user, origin), action="create", at=now,
            letter_id=letter.id, letter_ref=letter.reference, to_state=letter.state,
            version=version.number, content_sha256=version.sha256,
            details={"amount": letter.amount.plain(), "currency": letter.currency, "language": letter.language},
        )
        return letter

    return wf.db.write(work)


def normalize_text(text: str) -> str:
    """Browsers send CRLF; one text must always give one hash."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def _audit_details(params: dict[str, Any]) -> dict[str, Any]:
    """What the trigger was given, as JSON: documents by their hash, never their bytes."""
    details: dict[str, Any] = {}
    for key, value in params.items():
        if key in {"comment", "body", "upload"}:
            continue
        if isinstance(value, StoredDocument):
            details[key] = {"sha256": value.sha256, "filename": value.filename, "size": value.size}
        elif isinstance(value, dict):
            details[key] = {str(k): str(v) for k, v in value.items()}
        else:
            details[key] = value if isinstance(value, str | int | bool | None) else str(value)
    return details


def fire(
    wf: Workflow,
    trigger: str,
    letter_id: int,
    actor_id: int,
    *,
    seen_revision: int | None = None,
    origin: Origin | None = None,
    **params: Any,
) -> Letter:
    """Pull one trigger on one letter, or raise a `WorkflowError` and change nothing.

    `seen_revision` is the letter's revision the caller was looking at: if anyone changed
    the letter since, nothing is applied and the caller is told (optimistic concurrency).
    """
    if "body" in params:
        params["body"] = normalize_text(str(params["body"]))

    def work(session: Session) -> Letter:
        user = load_user(session, actor_id)
        letter = load_letter(session, letter_id, lock=True)
        if seen_revision is not None and letter.revision != seen_revision:
            raise StaleVersion(
                f"Someone else changed this letter after you opened it; it is now in "
                f"{State(letter.state).label.lower()} at version {letter.current_version}. "
                "Nothing was applied: look at the letter again before you act."
            )
        attempt = _attempt(wf, session, letter, user, params)
        from_state = letter.state
        rules.apply(trigger, attempt)
        session.add_all(attempt.added)
        letter.revision += 1
        letter.updated_at = attempt.now
        version = attempt.version
        audit.append(
            session, actor=actor_of(user, origin), action=trigger, at=attempt.now,
            letter_id=letter.id, letter_ref=letter.reference, from_state=from_state, to_state=letter.state,
            version=version.number if version else None, content_sha256=version.sha256 if version else "",
            comment=str(params.get("comment") or params.get("reason") or ""),
            details=_audit_details(params),
        )
        return letter

    try:
        return wf.db.write(work)
    except (Refused, StaleVersion) as refusal:
        record_refusal(wf, trigger, letter_id, actor_id, refusal, origin)
        raise


def record_refusal(
    wf: Workflow, action: str, letter_id: int | None, actor_id: int | None, refusal: WorkflowError,
    origin: Origin | None = None,
) -> None:
    """A refused action is part of the record too, in its own transaction after the rollback."""

    def work(session: Session) -> None:
        user = session.get(User, actor_id) if actor_id is not None else None
        letter = session.get(Letter, letter_id) if letter_id is not None else None
        audit.append(
            session, actor=actor_of(user, origin), action=action, at=wf.clock.now(), outcome="refused",
            letter_id=letter.id if letter else None, letter_ref=letter.reference if letter else "",
            from_state=letter.state if letter else "", to_state=letter.state if letter else "",
            version=letter.current_version if letter else None, comment=refusal.message,
        )

    wf.db.write(work)


def available_actions(wf: Workflow, session: Session, letter: Letter, user: User) -> dict[str, str | None]:
    """What this person may do to this letter now (None), or why not (a sentence)."""
    return rules.availability(_attempt(wf, session, letter, user, {}))
