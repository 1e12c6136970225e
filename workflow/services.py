"""The use cases. Each runs in one write transaction: load and lock the letter, check the
version the caller saw, apply the rules, append the audit event, commit. The web pages and
the command line call these and nothing else to change a letter.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.orm.attributes import instance_dict
from sqlmodel import Session

from workflow import audit, rules
from workflow.config import effective_company, effective_policy
from workflow.decision import Decision
from workflow.errors import InvalidInput, Refused, StaleVersion, WorkflowError
from workflow.models import Letter, LetterVersion, StoredDocument, User
from workflow.roles import Role
from workflow.runtime import (
    Origin,
    Workflow,
    actor_of,
    current_version,
    load_user,
    lock_letter,
    reviews_of,
)
from workflow.starter import starter_text
from workflow.states import State


def _attempt(
    wf: Workflow, session: Session, letter: Letter, version: LetterVersion | None, user: User, params: dict[str, Any]
) -> rules.Attempt:
    return rules.Attempt(
        letter=letter,
        version=version,
        actor=user,
        now=wf.clock.now(),
        read_policy=lambda: effective_policy(session, wf.config.policy),
        read_reviews=lambda: reviews_of(session, letter.id),
        params=params,
    )


def why_not_create(user: User) -> str | None:
    """Whether this person may start letters: the pages ask here before showing the form."""
    return None if user.has_role(Role.AUTHOR) else "Only authors can create letters."


def create_letter(
    wf: Workflow, decision: Decision, author_id: int, body: str | None = None, *, origin: Origin | None = None
) -> Letter:
    """Record a decision and its first text as a new draft; without a text, the starter
    letter written from the decision in its language, for the author to edit."""
    if body is not None:
        body = normalize_text(body)
        if not body:
            raise Refused("The letter text cannot be empty.")

    def work(session: Session) -> Letter:
        user = load_user(session, author_id)
        refusal = why_not_create(user)
        if refusal:
            raise Refused(refusal)
        text = body or starter_text(decision, company_name=effective_company(session, wf.config.company).name)
        now = wf.clock.now()
        letter = Letter(author_id=user.id, created_at=now, updated_at=now, **Letter.columns_for(decision))
        session.add(letter)
        session.flush()
        letter.reference = f"TL-{now.year}-{letter.id:05d}"
        attempt = rules.Attempt(letter, None, user, now, lambda: wf.config.policy, list)
        version = rules.new_version(attempt, normalize_text(text), "author")
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
    try:
        params = _prepared(wf, trigger, letter_id, params)
    except InvalidInput as refusal:
        record_refusal(wf, trigger, letter_id, actor_id, refusal, origin)
        raise
    if "body" in params:
        params["body"] = normalize_text(str(params["body"]))

    def work(session: Session) -> Letter:
        letter, version, user = lock_letter(session, letter_id, actor_id)
        if seen_revision is not None and letter.revision != seen_revision:
            raise StaleVersion(
                f"Someone else changed this letter after you opened it; it is now in "
                f"{State(letter.state).label.lower()} at version {letter.current_version}. "
                "Nothing was applied: look at the letter again before you act."
            )
        attempt = _attempt(wf, session, letter, version, user, params)
        from_state, before = letter.state, _row(letter)
        rules.apply(trigger, attempt)
        session.add_all(attempt.added)
        letter.revision += 1
        letter.updated_at = attempt.now
        _save_letter(session, letter, before)
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


_LETTERS = Letter.__table__
_LETTER_COLUMNS = frozenset(_LETTERS.columns.keys())
_UPDATE_LETTER = _LETTERS.update().where(
    _LETTERS.c.id == bindparam("where_id"), _LETTERS.c.revision == bindparam("where_revision")
)


def _row(letter: Letter) -> dict[str, Any]:
    return {key: value for key, value in instance_dict(letter).items() if key in _LETTER_COLUMNS}


def _save_letter(session: Session, letter: Letter, before: dict[str, Any]) -> None:
    """Write what the trigger changed as one UPDATE of those columns.

    Every trigger writes the letter, and the session's unit of work costs several times
    the statement, so the letter is taken out of the session and written here; the
    revision in the WHERE clause is a last check that nobody wrote it meanwhile.
    """
    session.expunge(letter)
    changes = {key: value for key, value in _row(letter).items() if value != before[key]}
    written = session.connection().execute(
        _UPDATE_LETTER, {**changes, "where_id": letter.id, "where_revision": before["revision"]}
    )
    if written.rowcount != 1:
        raise StaleVersion("Someone else changed this letter at the same moment; nothing was applied.")


def _prepared(wf: Workflow, trigger: str, letter_id: int, params: dict[str, Any]) -> dict[str, Any]:
    """Uploads read and documents rendered before the transaction (see `preparation`)."""
    from workflow.preparation import prepare  # documents are rendered from rows this module loads

    return prepare(wf, trigger, letter_id, params)


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
    return rules.availability(_attempt(wf, session, letter, current_version(session, letter), user, {}))
