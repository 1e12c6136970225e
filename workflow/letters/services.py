"""The use cases. Each runs in one write transaction: load and lock the letter, check the
version the caller saw, apply the rules, append the audit event, commit. The web pages and
the command line call these and nothing else to change a letter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm.attributes import instance_dict
from sqlmodel import Session, col

from workflow.assignments.holder import read_holder
from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.events import letter_condition
from workflow.audit.models import AuditEvent
from workflow.audit.refusals import record_refusal
from workflow.audit.report import news
from workflow.errors import InvalidInput, Refused, StaleVersion
from workflow.installation import Installation
from workflow.law.complaint import complaint_setup
from workflow.law.holding import holding_columns, holding_text, holdings_of, why_no_holding
from workflow.law.library import profile_of
from workflow.letters import rules
from workflow.letters.decision import Decision
from workflow.letters.inputs import TriggerInput
from workflow.letters.loading import current_version, documents_of, load_letter, lock_letter, reviews_of
from workflow.letters.models import Letter, LetterVersion, VersionSource
from workflow.letters.preparation import prepare
from workflow.letters.search_index import index_new_letter, index_new_text
from workflow.letters.starter import starter_text
from workflow.letters.states import State
from workflow.letters.steps import enter_step
from workflow.letters.text import letter_text, normalize_text
from workflow.letters.triggers import TRIGGERS
from workflow.mail.queries import letter_email_in_flight
from workflow.outbox.events import record_event
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.settings.due import effective_due_rules
from workflow.settings.effective import effective_company, effective_policy, effective_tuning
from workflow.storage.orm import saved_id, table
from workflow.words import counted


def _attempt(
    installation: Installation,
    session: Session,
    letter: Letter,
    version: LetterVersion | None,
    user: User,
    inputs: TriggerInput | None = None,
    prepared: rules.Prepared | None = None,
    origin: Origin | None = None,
) -> rules.Attempt:
    letter_id = letter.id
    assert letter_id is not None
    now = installation.clock.now()
    return rules.Attempt(
        letter=letter,
        version=version,
        actor=user,
        now=now,
        read_policy=lambda: effective_policy(session, installation.config.policy),
        read_reviews=lambda: reviews_of(session, letter_id),
        read_tuning=lambda: effective_tuning(session),
        read_documents=lambda: documents_of(session, letter_id),
        inputs=inputs,
        prepared=prepared or rules.Prepared(),
        read_holder=lambda: read_holder(session, letter, now),
        read_emailing=lambda: letter_email_in_flight(session, letter_id),
        read_profile=lambda: profile_of(session, letter),
        through_api=bool(origin and origin.through_api),
    )


def why_not_create(user: User) -> str | None:
    """Whether this person may start letters: the pages ask here before showing the form."""
    return None if user.has_role(Role.AUTHOR) else "Only authors can create letters."


def _author(session: Session, author_id: int) -> User:
    user = load_user(session, author_id)
    refusal = why_not_create(user)
    if refusal:
        raise Refused(refusal)
    return user


def _insert(
    installation: Installation,
    session: Session,
    user: User,
    letter: Letter,
    text: str,
    action: Action,
    details: dict[str, object],
    origin: Origin | None,
) -> Letter:
    """A new letter in draft with its first version, its audit event and its outbox row."""
    now = installation.clock.now()
    letter.author_id, letter.created_at, letter.updated_at = user.id or 0, now, now
    session.add(letter)
    session.flush()
    letter.reference = f"TL-{now.year}-{letter.id:05d}"
    attempt = rules.Attempt(letter, None, user, now, lambda: installation.config.policy, list)
    version = rules.new_version(attempt, normalize_text(text), VersionSource.AUTHOR)
    session.add(version)
    index_new_letter(session, letter, version.body)
    recorded = chain.append(
        session,
        actor=actor_of(user, origin),
        action=action,
        at=now,
        letter_id=letter.id,
        letter_ref=letter.reference,
        to_state=letter.state,
        version=version.number,
        content_sha256=version.sha256,
        details={"amount": letter.amount.plain(), "currency": letter.currency, "language": letter.language, **details},
    )
    record_event(session, action=action, audit_hash=recorded, at=now, letter_id=letter.id, actor_id=user.id)
    return letter


def create_holding_response(
    installation: Installation, letter_id: int, author_id: int, *, origin: Origin | None = None
) -> Letter:
    """A holding response to the complaint a letter answers: a short letter in its language
    saying when the final answer will come. It copies the complaint's record and clock (it
    answers the same complaint), needs a peer review but no waiting period, and leaves the
    letter it holds for, and its deadline, as they are."""

    def work(session: Session) -> Letter:
        user = _author(session, author_id)
        final = load_letter(session, letter_id)
        why_not = why_no_holding(final, holdings_of(session, letter_id))
        if why_not:
            raise Refused(why_not)
        text = holding_text(final, effective_due_rules(session, installation.config.due).working_hours.zone)
        holding = Letter(**Letter.columns_for(final.decision), **holding_columns(final))
        details: dict[str, object] = {"answers": final.reference, "words": {"answers": final.reference}}
        return _insert(installation, session, user, holding, text, Action.CREATE_HOLDING, details, origin)

    try:
        return installation.db.write(work)
    except Refused as refusal:
        record_refusal(installation, Action.CREATE_HOLDING, letter_id, author_id, refusal, origin)
        raise


def create_letter(
    installation: Installation,
    decision: Decision,
    author_id: int,
    body: str | None = None,
    *,
    origin: Origin | None = None,
    within: Callable[[Session, Letter], None] | None = None,
) -> Letter:
    """Record a decision and its first text as a new draft; without a text, the starter
    letter written from the decision in its language, for the author to edit. `within`
    writes the caller's own rows in the same transaction (the API's idempotency key)."""
    if body is not None:
        body = letter_text(body, installation.config.letter_limit)
        if not body:
            raise Refused("The letter text cannot be empty.")

    def work(session: Session) -> Letter:
        user = _author(session, author_id)
        law = complaint_setup(session, installation.config, decision)
        company = effective_company(session, installation.config.company).name
        text = body or starter_text(
            decision, company_name=company, quoted=[q.text for q in law.quoted], statements=law.statements
        )
        letter = Letter(**Letter.columns_for(decision), **law.columns)
        letter = _insert(installation, session, user, letter, text, Action.CREATE, law.details, origin)
        if within is not None:
            within(session, letter)
        return letter

    return installation.db.write(work)


def fire(
    installation: Installation,
    trigger: str,
    letter_id: int,
    actor_id: int,
    inputs: TriggerInput | None = None,
    *,
    seen_revision: int | None = None,
    origin: Origin | None = None,
) -> Letter:
    """Pull one trigger on one letter with the inputs of the class its table row names, or
    raise a `WorkflowError` and change nothing.

    `seen_revision` is the letter's revision the caller was looking at: if anyone changed
    the letter since, nothing is applied and the caller is told (optimistic concurrency).
    A name that is no trigger is refused unrecorded, since the record has no word for it.
    """
    row = rules.trigger_named(trigger)
    try:
        rules.check_inputs(row, inputs)
        prepared = prepare(installation, letter_id, trigger, inputs)
    except InvalidInput as refusal:
        record_refusal(installation, trigger, letter_id, actor_id, refusal, origin)
        raise

    def work(session: Session) -> Letter:
        letter, version, user = lock_letter(session, letter_id, actor_id)
        if seen_revision is not None and letter.revision != seen_revision:
            raise _stale(session, letter, user, seen_revision, installation.clock.now(), origin)
        attempt = _attempt(installation, session, letter, version, user, inputs, prepared, origin)
        from_state, before = letter.state, _row(letter)
        rules.apply(trigger, attempt)
        if letter.state != from_state:
            enter_step(session, attempt, installation.config.due)
        session.add_all(attempt.added)
        letter.revision += 1
        letter.updated_at = attempt.now
        _save_letter(session, letter, before)
        if attempt.version is not version and attempt.version is not None:
            index_new_text(session, attempt.letter_id, attempt.version.body)
        version = attempt.version
        recorded = chain.append(
            session,
            actor=actor_of(user, origin),
            action=trigger,
            at=attempt.now,
            letter_id=letter.id,
            letter_ref=letter.reference,
            from_state=from_state,
            to_state=letter.state,
            version=version.number if version else None,
            content_sha256=version.sha256 if version else "",
            comment=inputs.remark if inputs else "",
            details={**(inputs.audit_details() if inputs else {}), **attempt.recorded},
        )
        record_event(
            session, action=trigger, audit_hash=recorded, at=attempt.now, letter_id=letter.id, actor_id=actor_id
        )
        return letter

    try:
        return installation.db.write(work)
    except (Refused, StaleVersion) as refusal:
        record_refusal(installation, trigger, letter_id, actor_id, refusal, origin)
        raise


STALE_CHANGES_NAMED = 3
"""The newest changes a stale refusal names; older ones are counted."""

REFETCH = "fetch the letter again for its current ETag, then retry with that ETag as If-Match"
"""What an API client does about a stale or unreadable If-Match."""


def _stale(
    session: Session, letter: Letter, user: User, seen_revision: int, now: datetime, origin: Origin | None
) -> StaleVersion:
    """The refusal of an action on a page that showed an older revision, saying who changed
    what since (each trigger raised the revision by one and left one event), and saying so
    plainly when it was the same person in another tab. An API client has no page: it is
    told to fetch the letter again for its ETag."""
    through_api = bool(origin and origin.through_api)
    missed = max(letter.revision - seen_revision, 0)
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(
                letter_condition(saved_id(letter)),
                col(AuditEvent.outcome) == "ok",
                col(AuditEvent.action).in_(list(TRIGGERS)),
            )
            .order_by(col(AuditEvent.seq).desc())
            .limit(min(missed, STALE_CHANGES_NAMED))
        )
    )[::-1]
    people = select(col(User.username), col(User.display_name)).where(col(User.username).in_({e.actor for e in events}))
    names = {username: shown for username, shown in session.execute(people)}
    elsewhere = "in another request" if through_api else "in another tab or window"
    told = [news(event, names, user.username, now, elsewhere) for event in events]
    if missed > len(told):
        told.append(f"and {counted(missed - len(told), 'earlier change')}")
    yours = bool(events) and all(event.actor == user.username for event in events)
    if through_api:
        opening = "The letter changed after the revision sent as If-Match"
        retry = REFETCH
    else:
        opening = "This page is out of date" if yours else "This letter changed after you opened it"
        retry = "look at the letter again before you act"
    changes = f": {'; '.join(told)}." if told else "."
    return StaleVersion(
        f"{opening}{changes} It is now in {State(letter.state).label.lower()} at version "
        f"{letter.current_version}. Nothing was applied: {retry}."
    )


_LETTERS = table(Letter)


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


def available_actions(
    installation: Installation, session: Session, letter: Letter, user: User
) -> dict[str, str | None]:
    """What this person may do to this letter now (None), or why not (a sentence)."""
    return rules.availability(_attempt(installation, session, letter, current_version(session, letter), user))
