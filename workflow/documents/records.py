"""Loading everything one letter's documents draw on, in one read: the same rows the letter
page reads (`letters.queries.letter_detail`), so a document and the page never tell a letter
differently."""

from __future__ import annotations

from sqlmodel import Session

from workflow.documents.context import LetterRecord
from workflow.letters.models import Letter
from workflow.letters.queries import letter_detail
from workflow.storage.orm import saved_id


def load_record(session: Session, letter: Letter) -> LetterRecord:
    detail = letter_detail(session, saved_id(letter))
    return LetterRecord(detail.letter, detail.versions, detail.reviews, detail.events, detail.people, detail.documents)
