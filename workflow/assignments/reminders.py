"""Reminders before a step is due, escalation after it is overdue, and telling a reviewer an
administrator gave them a review: scheduled jobs and a listener of the outbox
(`workflow/outbox/registry.py`), each notice written once.

A reminder goes when only the reminder lead of working time is left (`Letter.remind_at`,
set with the due time when the letter entered its step); it goes to whoever holds the
review, or to everyone who may take it when nobody does, or to the author for sending. One
the worker first sees after the due time is left out: the escalation says more. Escalation
goes once the step is overdue, to the escalation contact of the settings, or to every
administrator. A step's times are the job's key, so a letter that leaves its step and comes
back gets a new reminder and a new escalation, and the same ones never fire twice. Whoever
is away has their notices sent to whoever stands in for them (`notify` asks `acting_for`).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.audit.actions import Action
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.notifications.audience import legal_reviewers_to_tell, peer_reviewers_to_tell
from workflow.notifications.notices import Notice, notify
from workflow.notifications.texts import NoticeText, add_notice_kind
from workflow.outbox.events import audit_event_of
from workflow.outbox.models import FiredJob, OutboxEvent
from workflow.outbox.registry import Due, JobKind, Moment, add_job_kind, listen
from workflow.outbox.schedule import BATCH, not_fired
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.settings.due import effective_due_rules
from workflow.storage.orm import saved_id
from workflow.timing.due import STEP_KEYS

DUE_SOON, OVERDUE, ASSIGNED = "step_due_soon", "step_overdue", "review_assigned"

TIMED_STATES = [state.value for state in STEP_KEYS]


def _due_soon(moment: Moment) -> list[Due]:
    remind, now = col(Letter.remind_at), moment.now
    rows = moment.session.execute(
        select(col(Letter.id), remind)
        .where(
            col(Letter.state).in_(TIMED_STATES),
            remind <= now,
            col(Letter.due_at) > now,
            not_fired(DUE_SOON, col(Letter.id), remind),
        )
        .limit(BATCH)
    ).all()
    return [Due(letter_id, remind_at) for letter_id, remind_at in rows]


def _overdue(moment: Moment) -> list[Due]:
    due, now = col(Letter.due_at), moment.now
    rows = moment.session.execute(
        select(col(Letter.id), due)
        .where(col(Letter.state).in_(TIMED_STATES), due <= now, not_fired(OVERDUE, col(Letter.id), due))
        .limit(BATCH)
    ).all()
    return [Due(letter_id, due_at) for letter_id, due_at in rows]


def _doers(session: Session, letter: Letter) -> list[int]:
    """Whose step it is: the review's holder, or everyone who may take it; the author sends."""
    if letter.state == State.APPROVED:
        return [letter.author_id]
    if letter.assignee_id is not None:
        return [letter.assignee_id]
    if letter.state == State.PEER_REVIEW:
        return peer_reviewers_to_tell(session, letter)
    return legal_reviewers_to_tell(session, letter)


def _escalation_contacts(moment: Moment) -> list[int]:
    """The escalation contact of the settings, or every active administrator."""
    session = moment.session
    contact = effective_due_rules(session, moment.installation.config.due).escalation_contact
    people = session.scalars(select(User).where(col(User.active)).order_by(col(User.id)))
    return [saved_id(p) for p in people if (p.username == contact if contact else p.has_role(Role.ADMIN))]


def _remind(moment: Moment, job: FiredJob) -> None:
    letter = moment.session.get(Letter, job.subject_id)
    if letter is None or letter.state not in TIMED_STATES or letter.remind_at != job.due_at:
        return
    for person in _doers(moment.session, letter):
        notify(moment, Notice(DUE_SOON, person, letter.id, due_at=letter.due_at))


def _escalate(moment: Moment, job: FiredJob) -> None:
    letter = moment.session.get(Letter, job.subject_id)
    if letter is None or letter.state not in TIMED_STATES or letter.due_at != job.due_at:
        return
    for person in _escalation_contacts(moment):
        notify(moment, Notice(OVERDUE, person, letter.id, actor_id=letter.assignee_id, due_at=letter.due_at))


@listen(Action.ASSIGN_REVIEW, Action.REASSIGN_REVIEW)
def _tell_the_assignee(moment: Moment, event: OutboxEvent) -> None:
    """The reviewer an administrator gave a review to hears it (the audit event names them)."""
    username = json.loads(audit_event_of(moment.session, event).details).get("assignee", "")
    assignee = moment.session.scalars(select(User).where(col(User.username) == username)).first()
    letter = moment.session.get(Letter, event.letter_id)
    if assignee is not None and letter is not None:
        notify(moment, Notice(ASSIGNED, saved_id(assignee), letter.id, event.actor_id, due_at=letter.due_at))


add_job_kind(JobKind(DUE_SOON, _due_soon, _remind))
add_job_kind(JobKind(OVERDUE, _overdue, _escalate))

add_notice_kind(
    DUE_SOON,
    {
        "en": NoticeText(
            "Due soon: {reference} for {customer}",
            "The current step of letter {reference} to {customer} ({amount}) is due {due}.",
        ),
        "es": NoticeText(
            "Vence pronto: {reference} para {customer}",
            "El paso actual de la carta {reference} para {customer} ({amount}) vence el {due}.",
        ),
        "bg": NoticeText(
            "Наближава срок: {reference} до {customer}",
            "Текущата стъпка на писмо {reference} до {customer} ({amount}) е със срок {due}.",
        ),
        "tr": NoticeText(
            "Süre doluyor: {customer} için {reference}",
            "{customer} için {reference} numaralı mektubun ({amount}) şu anki adımının son tarihi {due}.",
        ),
    },
)

add_notice_kind(
    OVERDUE,
    {
        "en": NoticeText(
            "Overdue: {reference} for {customer}",
            "The current step of letter {reference} to {customer} ({amount}) was due {due} and is not done yet.",
        ),
        "es": NoticeText(
            "Vencida: {reference} para {customer}",
            "El paso actual de la carta {reference} para {customer} ({amount}) venció el {due} y sigue pendiente.",
        ),
        "bg": NoticeText(
            "Просрочено: {reference} до {customer}",
            "Срокът на текущата стъпка на писмо {reference} до {customer} ({amount}) изтече на {due}, "
            "а тя още не е завършена.",
        ),
        "tr": NoticeText(
            "Süresi geçti: {customer} için {reference}",
            "{customer} için {reference} numaralı mektubun ({amount}) şu anki adımının süresi {due} "
            "tarihinde doldu ve adım hâlâ bekliyor.",
        ),
    },
)

add_notice_kind(
    ASSIGNED,
    {
        "en": NoticeText(
            "Review assigned to you: {reference} for {customer}",
            "{actor} gave you the review of letter {reference} to {customer} ({amount}).",
            with_text=True,
        ),
        "es": NoticeText(
            "Revisión asignada: {reference} para {customer}",
            "{actor} le ha asignado la revisión de la carta {reference} para {customer} ({amount}).",
            with_text=True,
        ),
        "bg": NoticeText(
            "Възложен преглед: {reference} до {customer}",
            "{actor} ви възложи прегледа на писмо {reference} до {customer} ({amount}).",
            with_text=True,
        ),
        "tr": NoticeText(
            "İnceleme atandı: {customer} için {reference}",
            "{actor}, {customer} için {reference} numaralı mektubun ({amount}) incelemesini size atadı.",
            with_text=True,
        ),
    },
)
