"""The holding response: a short letter that acknowledges the complaint and says by when the
final answer will come (DISP 1.6.2A(2) asks for one, with the reasons for the delay, before a
payment services firm may take up to 35 business days).

It is a letter of its own (kind "holding", naming the letter it holds for), so it takes the
reviewed path and lands in the audit trail and the customer's file like any other; the
rules give it a peer review and no waiting period, and nothing about it stops the clock of
the complaint it answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from sqlalchemy import select
from sqlmodel import Session, col

from workflow.law.deadlines import last_allowed_day
from workflow.letters.models import Letter
from workflow.letters.states import State

HOLDING = "holding"


@dataclass(frozen=True)
class HoldingPhrases:
    received: str
    still_looking: str
    by_when: str
    questions: str


PHRASES: dict[str, HoldingPhrases] = {
    "en": HoldingPhrases(
        received="Thank you for your complaint, which we received on {received}.",
        still_looking=(
            "We are still looking into it carefully, and we want to give you a complete answer rather than a "
            "hurried one."
        ),
        by_when="You will receive our final response by {deadline} at the latest.",
        questions="If you would like to add anything in the meantime, please reply to this letter or contact me.",
    ),
    "es": HoldingPhrases(
        received="Le agradecemos su reclamación, que recibimos el {received}.",
        still_looking=(
            "Seguimos estudiándola con detenimiento, porque queremos darle una respuesta completa y no precipitada."
        ),
        by_when="Recibirá nuestra respuesta definitiva, a más tardar, el {deadline}.",
        questions="Si mientras tanto desea añadir algo, puede responder a esta carta o ponerse en contacto conmigo.",
    ),
    "bg": HoldingPhrases(
        received="Благодарим Ви за жалбата, която получихме на {received}.",
        still_looking="Все още я разглеждаме внимателно, защото искаме да Ви отговорим изчерпателно, а не прибързано.",
        by_when="Окончателния ни отговор ще получите не по-късно от {deadline}.",
        questions="Ако междувременно желаете да добавите нещо, отговорете на това писмо или се свържете с мен.",
    ),
    "tr": HoldingPhrases(
        received="{received} tarihinde bize ulaşan şikâyetiniz için teşekkür ederiz.",
        still_looking=(
            "Size aceleye gelmiş değil, eksiksiz bir yanıt verebilmek için şikâyetinizi özenle incelemeyi sürdürüyoruz."
        ),
        by_when="Nihai yanıtımız en geç {deadline} tarihinde size ulaşacaktır.",
        questions=(
            "Bu arada eklemek istediğiniz bir şey olursa bu mektubu yanıtlayabilir ya da benimle iletişime "
            "geçebilirsiniz."
        ),
    ),
}


def final_answer_by(letter: Letter) -> datetime | None:
    """The deadline a holding response promises: the longer one when the profile allows it."""
    return letter.deadline_extended_at or letter.deadline_at


@dataclass(frozen=True)
class Holding:
    """A holding response written for a letter."""

    id: int
    reference: str
    state: str


def holdings_of(session: Session, letter_id: int) -> list[Holding]:
    rows = session.execute(
        select(col(Letter.id), col(Letter.reference), col(Letter.state))
        .where(col(Letter.holding_for_id) == letter_id)
        .order_by(col(Letter.id))
    )
    return [Holding(*row) for row in rows]


def why_no_holding(letter: Letter, holdings: Sequence[Holding]) -> str | None:
    """Why no holding response can be started for `letter` now, or None. One at a time: a
    second while one is under way or sent would promise the customer the same date twice."""
    if letter.kind == HOLDING:
        return "A holding response is itself the holding letter; start one from the final answer's letter."
    if letter.state in (State.SENT, State.ARCHIVED, State.WITHDRAWN):
        return "The final answer has gone (or the letter was withdrawn): there is nothing left to hold for."
    if letter.complaint_received_at is None or final_answer_by(letter) is None:
        return "This letter records no complaint with a legal deadline, so there is no date to promise."
    started = next((h for h in holdings if h.state != State.WITHDRAWN), None)
    if started is None:
        return None
    if started.state in (State.SENT, State.ARCHIVED):
        return f"The holding response {started.reference} has already been sent: one per complaint."
    return (
        f"The holding response {started.reference} is under way ({State(started.state).label.lower()}): "
        "one per complaint; withdraw it first to start another."
    )


def holding_text(letter: Letter, zone: ZoneInfo) -> str:
    """The body in the letter's language; the Word template adds greeting and signature."""
    deadline, received = final_answer_by(letter), letter.complaint_received_at
    assert deadline is not None and received is not None
    phrases = PHRASES[letter.language]
    last_day = last_allowed_day(deadline, zone)
    said = {
        "received": format_date(received.astimezone(zone).date(), "long", locale=letter.language),
        "deadline": format_date(last_day, "long", locale=letter.language),
    }
    paragraphs = [
        phrases.received.format(**said) + " " + phrases.still_looking,
        phrases.by_when.format(**said),
        phrases.questions,
    ]
    return "\n\n".join(paragraphs) + "\n"


def holding_columns(letter: Letter) -> dict[str, Any]:
    """What a holding response takes from the letter it holds for beyond its decision record."""
    return {
        "kind": HOLDING,
        "holding_for_id": letter.id,
        "profile_version": letter.profile_version,
        "deadline_at": letter.deadline_at,
        "deadline_extended_at": letter.deadline_extended_at,
    }
