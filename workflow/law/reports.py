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
- Holding responses sent: letters in scope with a holding response that was sent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlmodel import Session, col

from workflow.audit.models import AuditEvent
from workflow.law.holding import HOLDING
from workflow.law.running import deadline_in_force, holding_sent
from workflow.letters.decision import Reason
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.money import Money

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
    """Every figure counted by the database: at 100,000 letters, reading the rows into
    Python would cost most of the page. The letters' figures come from one scan, grouped
    by what the report splits on (reasons, currency, whether a concession was offered), so
    only a few dozen rows leave the database; the stays in each stage from a second."""
    scope = _scope(period)
    dialect = session.get_bind().dialect.name
    report = Report(period)
    reasons: Counter[str] = Counter()
    offered: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    offers = col(Letter.concession) != "none"
    for combination, currency, with_offer, letters, minor, *figures in session.execute(
        select(
            col(Letter.reasons),
            col(Letter.currency),
            offers,
            func.count(),
            func.coalesce(func.sum(col(Letter.concession_minor)), 0),
            *(_counted(condition) for condition in (*_closed_within(dialect), _past(now), holding_sent())),
        )
        .where(*scope)
        .group_by(col(Letter.reasons), col(Letter.currency), offers)
    ):
        report.letters += letters
        for reason in combination.split():
            reasons[reason] += letters
        if with_offer:
            offered[currency] += letters
            amounts[currency] += int(minor)
        *buckets, past, held = (int(n or 0) for n in figures)
        closed.update(dict(zip(BUCKETS, buckets, strict=True)))
        report.past_deadline += past
        report.holding_sent += held
    report.by_reason = {reason: reasons[reason.value] for reason in Reason if reasons[reason.value]}
    report.concessions = sum(offered.values())
    report.concession_amounts = [Money(currency, amounts[currency]) for currency in sorted(offered)]
    report.closed = {name: closed[name] for name in BUCKETS}
    report.stages = _stage_times(session, scope, dialect)
    return report


def _counted(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _closed_within(dialect: str) -> tuple[ColumnElement[bool], ...]:
    """Sent, and the time from the complaint (its creation when it records none) to sending
    in each of BUCKETS."""
    taken = _seconds(
        col(Letter.sent_at), func.coalesce(col(Letter.complaint_received_at), col(Letter.created_at)), dialect
    )
    sent = col(Letter.sent_at).is_not(None)
    return (
        and_(sent, taken <= 28 * DAY),
        and_(sent, taken > 28 * DAY, taken <= 56 * DAY),
        and_(sent, taken > 56 * DAY),
    )


def _past(now: datetime) -> ColumnElement[bool]:
    """Sent after its deadline, or not sent and past it; the longer deadline once held."""
    return and_(col(Letter.deadline_at).is_not(None), func.coalesce(col(Letter.sent_at), now) > deadline_in_force())


DAY = 86400.0


def _seconds(later: Any, earlier: Any, dialect: str) -> Any:
    """The seconds between two timestamps, computed by the database: parsing every stay's two
    timestamps in Python would cost most of the page at 100,000 letters."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def _stage_times(session: Session, scope: list[ColumnElement[bool]], dialect: str) -> list[StageTime]:
    following = func.lead(col(AuditEvent.at)).over(partition_by=col(AuditEvent.letter_id), order_by=col(AuditEvent.seq))
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
    stays = (
        select(moves.c.stage, _seconds(moves.c.left, moves.c.entered, dialect).label("seconds"))
        .where(moves.c.left.is_not(None))
        .subquery()
    )
    rank = func.row_number().over(partition_by=stays.c.stage, order_by=stays.c.seconds)
    ranked = select(
        stays.c.stage, stays.c.seconds, rank.label("rank"), func.count().over(partition_by=stays.c.stage).label("n")
    ).subquery()
    # Nearest rank: ceil(n / 2) and ceil(9n / 10) in integers, so only those rows leave the database.
    median_rank, p90_rank = (ranked.c.n + 1) // 2, (9 * ranked.c.n + 9) // 10
    counted: dict[str, int] = {}
    at_rank: dict[tuple[str, str], timedelta] = {}
    for stage, seconds, place, n in session.execute(
        select(ranked.c.stage, ranked.c.seconds, ranked.c.rank, ranked.c.n).where(
            or_(ranked.c.rank == median_rank, ranked.c.rank == p90_rank)
        )
    ):
        counted[stage] = n
        spent = timedelta(seconds=round(float(seconds), 3))
        if place == (n + 1) // 2:
            at_rank[stage, "median"] = spent
        if place == (9 * n + 9) // 10:
            at_rank[stage, "p90"] = spent
    found = [
        StageTime(s, counted.get(s.value, 0), at_rank.get((s.value, "median")), at_rank.get((s.value, "p90")))
        for s in STAGES
    ]
    return found
