"""A warning before the legal deadline still running for a final answer (`running.py`), to its
author and the legal team: a scheduled job of the worker, once per letter and deadline. A
new deadline is a new key, so a letter whose holding response has gone is warned again
before the longer deadline, once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlmodel import col

from workflow.law.fit import OPEN
from workflow.law.running import running_deadline_column
from workflow.letters.models import Letter
from workflow.letters.rules import FINAL
from workflow.notifications.audience import legal_reviewers_to_tell
from workflow.notifications.notices import Notice, notify
from workflow.notifications.texts import NoticeText, add_notice_kind
from workflow.outbox.models import FiredJob
from workflow.outbox.registry import Due, JobKind, Moment, add_job_kind
from workflow.outbox.schedule import BATCH, not_fired

DEADLINE_SOON = "complaint_deadline_soon"
WARNING_LEAD = timedelta(days=3)
"""How long before the legal deadline the warning goes: time enough for a holding response."""

_STATES = [state.value for state in OPEN]


def _deadlines_near(moment: Moment) -> list[Due]:
    deadline = running_deadline_column()
    rows = moment.session.execute(
        select(col(Letter.id), deadline)
        .where(
            col(Letter.kind) == FINAL,
            col(Letter.state).in_(_STATES),
            # The first deadline is never after the running one: its index narrows the scan.
            col(Letter.deadline_at) <= moment.now + WARNING_LEAD,
            deadline <= moment.now + WARNING_LEAD,
            not_fired(DEADLINE_SOON, col(Letter.id), deadline),
        )
        .limit(BATCH)
    ).all()
    return [Due(letter_id, deadline_at) for letter_id, deadline_at in rows]


def _warn(moment: Moment, job: FiredJob) -> None:
    """Looked at again: a letter sent or withdrawn meanwhile, or given another deadline (its
    holding response has gone), is not warned about for this one."""
    found = moment.session.execute(
        select(Letter, running_deadline_column()).where(col(Letter.id) == job.subject_id)
    ).first()
    if found is None or found[1] != job.due_at:
        return
    letter, running = found
    for person in dict.fromkeys([letter.author_id, *legal_reviewers_to_tell(moment.session, letter)]):
        notify(moment, Notice(DEADLINE_SOON, person, letter.id, due_at=running))


add_notice_kind(
    DEADLINE_SOON,
    {
        "en": NoticeText(
            "Legal deadline near: {reference} for {customer}",
            "The final answer to the complaint behind {reference} is due by law {due}. If it cannot go out in "
            "time, send the customer a holding response that says when it will come.",
        ),
        "es": NoticeText(
            "Se acerca el plazo legal: {reference} de {customer}",
            "La respuesta definitiva a la reclamación de {reference} debe enviarse, por ley, {due}. Si no llegará "
            "a tiempo, envíe al cliente una respuesta provisional que indique cuándo la recibirá.",
        ),
        "bg": NoticeText(
            "Законовият срок наближава: {reference} за {customer}",
            "Окончателният отговор на жалбата по {reference} трябва по закон да бъде изпратен {due}. Ако няма да "
            "стане навреме, изпратете на клиента временен отговор кога ще го получи.",
        ),
        "tr": NoticeText(
            "Yasal süre doluyor: {customer} için {reference}",
            "{reference} ile ilgili şikâyete nihai yanıtın yasal süresi {due} doluyor. Zamanında gönderilemeyecekse "
            "müşteriye yanıtın ne zaman geleceğini bildiren bir ara yanıt gönderin.",
        ),
    },
)
add_job_kind(JobKind(DEADLINE_SOON, _deadlines_near, _warn))
