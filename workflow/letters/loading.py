"""Loading the rows a letter's use cases and pages start from, locked when a trigger needs it."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import defer
from sqlmodel import Session, col

from workflow.errors import NotFound
from workflow.letters.models import Letter, LetterVersion, Review, StoredDocument
from workflow.people.directory import active, load_user
from workflow.people.models import User
from workflow.storage.orm import attribute


def load_letter(session: Session, letter_id: int) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise NotFound(f"No letter with id {letter_id}.")
    return letter


_LOCKED_LETTER = (
    select(Letter, LetterVersion, User)
    .outerjoin(
        LetterVersion,
        and_(col(LetterVersion.letter_id) == col(Letter.id), col(LetterVersion.number) == col(Letter.current_version)),
    )
    .join(User, col(User.id) == bindparam("actor_id"))
    .where(col(Letter.id) == bindparam("letter_id"))
    .with_for_update(of=Letter)
)


def lock_letter(session: Session, letter_id: int, actor_id: int) -> tuple[Letter, LetterVersion | None, User]:
    """The letter, locked for this transaction, with its current version and the person
    acting, in one query: every trigger starts here, so it costs one round trip, not three."""
    row = session.execute(_LOCKED_LETTER, {"letter_id": letter_id, "actor_id": actor_id}).first()
    if row is None:
        load_user(session, actor_id)
        raise NotFound(f"No letter with id {letter_id}.")
    return row.Letter, row.LetterVersion, active(row.User)


def find_letter(session: Session, key: str) -> Letter:
    """A letter by its reference (TL-2026-00001) or its numeric id."""
    query = select(Letter).where(col(Letter.reference) == key.strip().upper())
    letter = session.scalars(query).first()
    if letter is None and key.strip().isdigit():
        letter = session.get(Letter, int(key))
    if letter is None:
        raise NotFound(f"No letter “{key}”.")
    return letter


def current_version(session: Session, letter: Letter) -> LetterVersion | None:
    return session.scalars(
        select(LetterVersion).where(
            col(LetterVersion.letter_id) == letter.id, col(LetterVersion.number) == letter.current_version
        )
    ).first()


def versions_of(session: Session, letter_id: int) -> list[LetterVersion]:
    return list(
        session.scalars(
            select(LetterVersion).where(col(LetterVersion.letter_id) == letter_id).order_by(col(LetterVersion.number))
        )
    )


def reviews_of(session: Session, letter_id: int) -> list[Review]:
    return list(session.scalars(select(Review).where(col(Review.letter_id) == letter_id).order_by(col(Review.id))))


def documents_of(session: Session, letter_id: int) -> list[StoredDocument]:
    """A letter's stored documents without their bytes: lists show them, downloads load them."""
    return list(
        session.scalars(
            select(StoredDocument)
            .options(defer(attribute(StoredDocument.content)))
            .where(col(StoredDocument.letter_id) == letter_id)
            .order_by(col(StoredDocument.id))
        )
    )
