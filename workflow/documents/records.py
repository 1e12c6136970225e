"""Loading everything one letter's documents draw on, in one read."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import defer
from sqlmodel import Session

from workflow.documents.context import LetterRecord
from workflow.models import AuditEvent, Letter, LetterVersion, Review, StoredDocument, User


def load_record(session: Session, letter: Letter) -> LetterRecord:
    versions = session.scalars(
        select(LetterVersion).where(LetterVersion.letter_id == letter.id).order_by(LetterVersion.number)
    ).all()
    reviews = session.scalars(select(Review).where(Review.letter_id == letter.id).order_by(Review.id)).all()
    events = session.scalars(select(AuditEvent).where(AuditEvent.letter_id == letter.id).order_by(AuditEvent.seq)).all()
    documents = session.scalars(
        select(StoredDocument).options(defer(StoredDocument.content))
        .where(StoredDocument.letter_id == letter.id).order_by(StoredDocument.id)
    ).all()
    user_ids = {letter.author_id, letter.sent_by_id, *(r.reviewer_id for r in reviews), *(v.author_id for v in versions)}
    users = session.scalars(select(User).where(User.id.in_(user_ids - {None}))).all()
    return LetterRecord(letter, versions, reviews, events, {u.id: u for u in users}, documents)
