"""The audit chain's health as an administrator's home shows it, and the whole-chain check
they run from there.

Walking the whole chain takes about a second per 20,000 events, far too long for a page
view, so the home shows the newest check instead: running it is recorded in the trail (who,
when, the result), and when the chain holds and the signing key is there, the head it
verified is signed as a checkpoint, so cutting events off later shows. What the home reads
is bounded: the chain's head, the newest checkpoint, and the newest check among the last
events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.audit import chain, signing
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.models import AuditCheckpoint, AuditEvent
from workflow.audit.refusals import write_recorded
from workflow.installation import Installation
from workflow.people.authority import require_admin

RECENT_EVENTS = 20_000
"""How far back the home looks for the newest whole-chain check."""


@dataclass(frozen=True)
class ChainCheck:
    """A recorded whole-chain check: who ran it, when, and what it found."""

    at: datetime
    actor: str
    head_seq: int
    intact: bool
    problem: str


@dataclass(frozen=True)
class ChainStatus:
    events: int
    newest_at: datetime | None
    last_check: ChainCheck | None
    checkpoint: AuditCheckpoint | None
    checkpoint_problem: str
    key_ready: bool

    @property
    def events_since_check(self) -> int:
        return self.events - self.last_check.head_seq if self.last_check else self.events


def _last_check(session: Session, head_seq: int) -> ChainCheck | None:
    event = session.scalars(
        select(AuditEvent)
        .where(col(AuditEvent.seq) > head_seq - RECENT_EVENTS, col(AuditEvent.action) == Action.VERIFY_CHAIN.value)
        .order_by(col(AuditEvent.seq).desc())
        .limit(1)
    ).first()
    if event is None:
        return None
    found = json.loads(event.details)
    return ChainCheck(event.at, event.actor, found["head_seq"], found["intact"], found.get("problem", ""))


def _newest_checkpoint(session: Session) -> AuditCheckpoint | None:
    return session.scalars(
        select(AuditCheckpoint).order_by(col(AuditCheckpoint.seq).desc(), col(AuditCheckpoint.id).desc()).limit(1)
    ).first()


def chain_status(session: Session, key_path: Path | None) -> ChainStatus:
    head = chain.head(session)
    checkpoint = _newest_checkpoint(session)
    problem = ""
    if checkpoint is not None and signing.key_exists(key_path):
        problem = signing.checkpoint_problem(session, checkpoint, signing.configured_verify_key(key_path)) or ""
    return ChainStatus(
        events=head.seq if head else 0,
        newest_at=head.at if head else None,
        last_check=_last_check(session, head.seq) if head else None,
        checkpoint=checkpoint,
        checkpoint_problem=problem,
        key_ready=signing.key_exists(key_path),
    )


def check_whole_chain(installation: Installation, admin_id: int, *, origin: Origin | None = None) -> chain.ChainReport:
    """Walk every link (outside the write lock, which the walk would hold for seconds), then
    record the result and, when the chain holds and the key is there, sign the head it saw."""
    with installation.db.read() as session:
        report = chain.verify(session)
    key_path = installation.config.audit_key_path
    key = signing.configured_signing_key(key_path) if report.intact and signing.key_exists(key_path) else None

    def work(session: Session) -> chain.ChainReport:
        admin = require_admin(session, admin_id, "check the whole audit chain")
        now = installation.clock.now()
        verified = session.get(AuditEvent, report.head_seq)
        if key is not None and verified is not None:
            signing.sign_checkpoint(session, key, now, verified)
        details: dict[str, object] = {"events": report.events, "head_seq": report.head_seq, "intact": report.intact}
        if not report.intact:
            details |= {"first_bad_seq": report.first_bad_seq, "problem": str(report)}
        chain.append(session, actor=actor_of(admin, origin), action=Action.VERIFY_CHAIN, at=now, details=details)
        return report

    return write_recorded(installation, Action.VERIFY_CHAIN, admin_id, origin, work)
