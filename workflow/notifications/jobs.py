"""The scheduled jobs of notifications: the waiting period is over, a follow-up falls due,
and the daily digest. Each finds what is due from the rows that decide it, and each looks
again when it runs: a letter that moved on meanwhile is told nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlmodel import col

from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.mail.kinds import MailKind, add_mail_kind
from workflow.mail.models import MailState, OutgoingMail
from workflow.mail.outgoing import Content, Recipient, queue_mail
from workflow.notifications.compose import digest_message
from workflow.notifications.notices import Notice, notify
from workflow.outbox.models import FiredJob
from workflow.outbox.registry import Due, JobKind, Moment, add_job_kind
from workflow.outbox.schedule import BATCH, not_fired
from workflow.people.models import User
from workflow.storage.orm import saved_id, table

READY, FOLLOW_UP, DIGEST = "ready_to_submit", "follow_up_due", "daily_digest"


def _ready_letters(moment: Moment) -> list[Due]:
    ready, now = col(Letter.ready_at), moment.now
    rows = moment.session.execute(
        select(col(Letter.id), ready)
        .where(col(Letter.state) == State.WAITING, ready <= now, not_fired(READY, col(Letter.id), ready))
        .limit(BATCH)
    ).all()
    return [Due(letter_id, ready_at) for letter_id, ready_at in rows]


def _tell_ready(moment: Moment, job: FiredJob) -> None:
    letter = moment.session.get(Letter, job.subject_id)
    if letter is not None and letter.state == State.WAITING and letter.ready_at == job.due_at:
        notify(moment, Notice(READY, letter.author_id, letter.id))


def _morning(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


FOLLOW_UP_WINDOW = timedelta(days=7)
"""A follow-up further in the past than this is not announced: the letters of an installation
that just started its worker would otherwise all come due at once, years late."""


def _follow_ups(moment: Moment) -> list[Due]:
    """A letter has one follow-up date, set when it is sent; it falls due on that day."""
    follow_up, now = col(Letter.follow_up_on), moment.now
    rows = moment.session.execute(
        select(col(Letter.id), follow_up)
        .where(
            col(Letter.state).in_([State.SENT, State.ARCHIVED]),
            follow_up <= now.date(),
            follow_up > (now - FOLLOW_UP_WINDOW).date(),
            not_fired(FOLLOW_UP, col(Letter.id)),
        )
        .limit(BATCH)
    ).all()
    return [Due(letter_id, _morning(day)) for letter_id, day in rows]


def _tell_follow_up(moment: Moment, job: FiredJob) -> None:
    letter = moment.session.get(Letter, job.subject_id)
    if letter is not None and letter.follow_up_on is not None:
        notify(moment, Notice(FOLLOW_UP, letter.author_id, letter.id, due_at=_morning(letter.follow_up_on)))


def digest_time(now: datetime, hour: int) -> datetime:
    """The newest digest time at or before `now`: each day at `hour` UTC."""
    today = datetime.combine(now.date(), time(hour), UTC)
    return today if now >= today else today - timedelta(days=1)


_MAIL = table(OutgoingMail)


def _digests_due(moment: Moment) -> list[Due]:
    """People with notices held from before their newest digest time, not yet digested then."""
    due_at = digest_time(moment.now, moment.installation.config.mail.digest_hour)
    readers = moment.session.scalars(
        select(_MAIL.c.recipient_id)
        .where(
            _MAIL.c.state == MailState.HELD,
            _MAIL.c.created_at < due_at,
            not_fired(DIGEST, _MAIL.c.recipient_id, due_at),
        )
        .distinct()
        .limit(BATCH)
    )
    return [Due(reader, due_at) for reader in readers]


def _send_digest(moment: Moment, job: FiredJob) -> None:
    session = moment.session
    reader = session.get(User, job.subject_id)
    if reader is None or not reader.active or not reader.email:
        return
    held = session.scalars(
        select(OutgoingMail)
        .where(
            col(OutgoingMail.recipient_id) == job.subject_id,
            col(OutgoingMail.state) == MailState.HELD,
            col(OutgoingMail.created_at) < job.due_at,
        )
        .order_by(col(OutgoingMail.id))
    ).all()
    if not held:
        return
    settings = moment.installation.config.mail
    content = digest_message(
        reader.language, reader.display_name, [Content(m.subject, m.text, m.html) for m in held], settings
    )
    digest = queue_mail(
        session,
        settings,
        moment.now,
        kind=DIGEST,
        to=Recipient(reader.email, reader.display_name, reader.language, saved_id(reader)),
        content=content,
    )
    session.flush()
    session.connection().execute(
        update(_MAIL)
        .where(_MAIL.c.id.in_([saved_id(m) for m in held]))
        .values(state=MailState.DIGESTED, digest_id=digest.id)
    )


add_job_kind(JobKind(READY, _ready_letters, _tell_ready))
add_job_kind(JobKind(FOLLOW_UP, _follow_ups, _tell_follow_up))
add_job_kind(JobKind(DIGEST, _digests_due, _send_digest))
add_mail_kind(MailKind(DIGEST, "daily digest"))
