"""Loading everything one letter's documents draw on, in one read."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.audit.events import letter_events
from workflow.documents.context import LetterRecord
from workflow.letters.loading import documents_of, reviews_of, versions_of
from workflow.letters.models import Letter
from workflow.people.models import User
from workflow.storage.orm import saved_id


def load_record(session: Session, letter: Letter) -> LetterRecord:
    letter_id = saved_id(letter)
    versions = versions_of(session, letter_id)
    reviews = reviews_of(session, letter_id)
    events = letter_events(session, letter_id)
    documents = documents_of(session, letter_id)
    user_ids = {
        letter.author_id,
        letter.sent_by_id,
        *(r.reviewer_id for r in reviews),
        *(v.author_id for v in versions),
    }
    users = session.scalars(select(User).where(col(User.id).in_(user_ids - {None}))).all()
    return LetterRecord(letter, versions, reviews, events, {saved_id(u): u for u in users}, documents)
