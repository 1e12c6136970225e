"""The complaints report for a period and a profile, the figures a regulator asks for
(DISP 1.10: complaints closed within 4 weeks, 4 to 8 weeks and over 8 weeks; upheld or not)
and those a legal team watches: refusals by reason, concessions offered, time in each stage,
past deadline, holding responses sent.

Definitions, so every figure can be counted by hand:
- In scope: the final letters (not holding responses) created in [start, end), under the
  profile (or under any), and not withdrawn.
- Refusals by reason: each reason recorded on a letter in scope counts once for it.
- Concessions: letters in scope offering one; their amounts summed per currency.
- Time in each stage: every stay of a letter in scope in a stage, from the audit event that
  entered it to the next event that moved it; stays still running are left out. Median and
  90th percentile by nearest rank (the value at rank ceil(p * n)).
- Closed: letters in scope that were sent, by the time from the complaint's receipt (its
  creation when it records none) to sending: at most 28 days, at most 56, more.
- Past deadline: letters in scope with a deadline, sent after it or not sent by the report's
  moment and past it; the deadline a holding reply allows counts once one has been sent.
- Holding responses sent: holding responses to letters in scope that were sent.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from workflow.audit.models import AuditEvent
from workflow.letters.decision import Reason
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.money import Money
from workflow.storage.types import UTCDateTime

HOLDING = "holding"
STAGES = (State.DRAFT, State.WAITING, State.PEER_REVIEW, State.LEGAL_REVIEW, State.APPROVED)
BUCKETS = ("within 4 weeks", "4 to 8 weeks", "over 8 weeks")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    """The day after the last day reported."""
    profile: str = ""

    @property
    def moments(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.start, time(), UTC), datetime.combine(self.end, time(), UTC)


@dataclass(frozen=True)
class StageTime:
    stage: State
    stays: int
    median: timedelta | None
    p90: timedelta | None


@dataclass
class Report:
    period: Period
    letters: int = 0
    by_reason: dict[Reason, int] = field(default_factory=dict)
    concessions: int = 0
    concession_amounts: list[Money] = field(default_factory=list)
    stages: list[StageTime] = field(default_factory=list)
    closed: dict[str, int] = field(default_factory=dict)
    past_deadline: int = 0
    holding_sent: int = 0

    def rows(self) -> list[tuple[str, str, str]]:
        """Every figure as (section, item, value): the CSV and the tests read the same rows."""
        found = [("letters", "in scope", str(self.letters))]
        found += [("refusals by reason", reason.label, str(n)) for reason, n in self.by_reason.items()]
        found.append(("concessions", "offered", str(self.concessions)))
        found += [("concessions", f"amount {m.currency}", m.plain()) for m in self.concession_amounts]
        for s in self.stages:
            found.append(("time in stage", f"{s.stage.label} stays", str(s.stays)))
            found.append(("time in stage", f"{s.stage.label} median hours", _hours(s.median)))
            found.append(("time in stage", f"{s.stage.label} 90th percentile hours", _hours(s.p90)))
        found += [("closed", bucket, str(n)) for bucket, n in self.closed.items()]
        found.append(("deadline", "past deadline", str(self.past_deadline)))
        found.append(("holding responses", "sent", str(self.holding_sent)))
        return found


def _hours(span: timedelta | None) -> str:
    return "" if span is None else f"{span / timedelta(hours=1):.1f}"


def nearest_rank(ordered: Sequence[timedelta], share: float) -> timedelta | None:
    if not ordered:
        return None
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _scope(period: Period) -> list[ColumnElement[bool]]:
    start, end = period.moments
    found = [
        col(Letter.kind) != HOLDING,
        col(Letter.created_at) >= start,
        col(Letter.created_at) < end,
        col(Letter.state) != State.WITHDRAWN.value,
    ]
    if period.profile:
        found.append(col(Letter.profile_key) == period.profile)
    return found


def complaints_report(session: Session, period: Period, now: datetime) -> Report:
    report = Report(period)
    scope = _scope(period)
    holding = aliased(Letter, name="holding")
    held = (
        select(func.count())
        .where(
            col(holding.holding_for_id) == col(Letter.id),
            col(holding.sent_at).is_not(None),
        )
        .correlate(Letter)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            col(Letter.reasons),
            col(Letter.concession),
            col(Letter.concession_minor),
            col(Letter.currency),
            col(Letter.created_at),
            col(Letter.complaint_received_at),
            col(Letter.sent_at),
            col(Letter.deadline_at),
            col(Letter.deadline_extended_at),
            held.label("held"),
        ).where(*scope)
    ).all()
    reasons: Counter[str] = Counter()
    amounts: dict[str, int] = defaultdict(int)
    closed = dict.fromkeys(BUCKETS, 0)
    for r in rows:
        report.letters += 1
        reasons.update(r.reasons.split())
        if r.concession != "none":
            report.concessions += 1
            amounts[r.currency] += r.concession_minor or 0
        if r.sent_at is not None:
            taken = r.sent_at - (r.complaint_received_at or r.created_at)
            closed[
                BUCKETS[0] if taken <= timedelta(days=28) else BUCKETS[1] if taken <= timedelta(days=56) else BUCKETS[2]
            ] += 1
        deadline = r.deadline_extended_at if (r.held and r.deadline_extended_at) else r.deadline_at
        if deadline is not None and (r.sent_at or now) > deadline:
            report.past_deadline += 1
        report.holding_sent += r.held
    report.by_reason = {reason: reasons[reason.value] for reason in Reason if reasons[reason.value]}
    report.concession_amounts = [Money(currency, minor) for currency, minor in sorted(amounts.items())]
    report.closed = closed
    report.stages = _stage_times(session, scope)
    return report


def _stage_times(session: Session, scope: list[ColumnElement[bool]]) -> list[StageTime]:
    following = type_coerce(
        func.lead(col(AuditEvent.at)).over(partition_by=col(AuditEvent.letter_id), order_by=col(AuditEvent.seq)),
        UTCDateTime(),
    )
    moves = (
        select(col(AuditEvent.to_state).label("stage"), col(AuditEvent.at).label("entered"), following.label("left"))
        .join(Letter, col(Letter.id) == col(AuditEvent.letter_id))
        .where(
            *scope,
            col(AuditEvent.outcome) == "ok",
            col(AuditEvent.to_state) != "",
            col(AuditEvent.from_state) != col(AuditEvent.to_state),
        )
        .subquery()
    )
    stays: dict[str, list[timedelta]] = defaultdict(list)
    for stage, entered, left in session.execute(
        select(moves.c.stage, moves.c.entered, moves.c.left).where(moves.c.left.is_not(None))
    ):
        stays[stage].append(left - entered)
    found = []
    for stage in STAGES:
        ordered = sorted(stays.get(stage.value, []))
        found.append(StageTime(stage, len(ordered), nearest_rank(ordered, 0.5), nearest_rank(ordered, 0.9)))
    return found
