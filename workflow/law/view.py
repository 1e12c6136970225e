"""The complaint as the letter page, the queues and the packets show it: the profile version,
when and how the complaint came, the clock in words, whether the rest of the path still fits,
the holding responses and the clauses quoted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.installation import Installation
from workflow.law.deadlines import deadline_words, last_allowed_day
from workflow.law.fit import fit_warning
from workflow.law.holding import HOLDING, Holding, holdings_of, why_no_holding
from workflow.law.library import current_profiles, profile_of
from workflow.law.profiles import Profile
from workflow.law.running import holding_sent, running_deadline
from workflow.law.summary import quoted_in
from workflow.letters.decision import ComplaintChannel
from workflow.letters.models import Letter
from workflow.settings.due import effective_due_rules
from workflow.settings.effective import effective_policy


@dataclass(frozen=True)
class ComplaintClock:
    profile: Profile | None
    received_at: datetime | None = None
    channel: str = ""
    deadline_at: datetime | None = None
    extended_at: datetime | None = None
    words: str = ""
    warning: str = ""
    holding_for: tuple[int, str] | None = None
    holdings: list[Holding] = field(default_factory=list)
    clauses: list[dict[str, object]] = field(default_factory=list)
    may_hold: bool = False
    """Whether "Start a holding response" is offered: none is under way or sent yet."""
    is_holding: bool = False
    held: bool = False
    """A holding response has been sent: the longer deadline runs."""
    last_day: date | None = None
    """The last day of the deadline on the company's clock (`deadline_at` is the midnight after it)."""
    extended_last_day: date | None = None


def complaint_clock(installation: Installation, session: Session, letter: Letter) -> ComplaintClock:
    now = installation.clock.now()
    policy = effective_policy(session, installation.config.policy)
    due = effective_due_rules(session, installation.config.due)
    holding_for, final = None, None
    if letter.holding_for_id is not None:
        final = session.get(Letter, letter.holding_for_id)
        holding_for = (letter.holding_for_id, final.reference if final else "")
    holdings = holdings_of(session, letter.id) if letter.id is not None else []
    # A holding response's page runs its final answer's clock: the longer deadline once it has gone.
    clocked = final or letter
    held = bool(session.scalar(select(holding_sent()).where(col(Letter.id) == clocked.id)))
    running = running_deadline(clocked, held)
    zone = due.working_hours.zone
    return ComplaintClock(
        profile=profile_of(session, letter),
        received_at=letter.complaint_received_at,
        channel=ComplaintChannel(letter.complaint_channel).label if letter.complaint_channel else "",
        deadline_at=letter.deadline_at,
        extended_at=letter.deadline_extended_at,
        words=deadline_words(running, now) if running else "",
        warning=fit_warning(letter, policy, due, now, held),
        holding_for=holding_for,
        holdings=holdings,
        clauses=quoted_in(letter.clauses),
        may_hold=why_no_holding(letter, holdings) is None,
        is_holding=letter.kind == HOLDING,
        held=held,
        last_day=last_allowed_day(letter.deadline_at, zone) if letter.deadline_at else None,
        extended_last_day=last_allowed_day(letter.deadline_extended_at, zone) if letter.deadline_extended_at else None,
    )


def profile_choices(session: Session) -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in current_profiles(session)]
