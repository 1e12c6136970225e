"""The scheduler: each kind of job lists what is due, and each due event fires once.

The scheduler keeps no state of its own in memory. What is due is read from the rows that
decide it (a letter's end of waiting, its follow-up date, a person's held notices); what has
fired is a row of `fired_jobs` with a unique (kind, subject, due time). Firing is one write
transaction: insert that row, skipping it if it is there (`ON CONFLICT DO NOTHING`), and only
if it was inserted run the job, whose work is rows too. So a due event fires once whether one
worker or ten look at it, and a worker that restarts picks up whatever fell due meanwhile.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from workflow.installation import Installation
from workflow.outbox.models import FiredJob
from workflow.outbox.registry import Due, JobKind, Moment, job_kinds
from workflow.storage.orm import table

BATCH = 100
"""Due events fired per kind in one pass; the rest come in the next pass, a moment later."""

_FIRED = table(FiredJob)


def not_fired(kind: str, subject: Any, due_at: Any = None) -> ColumnElement[bool]:
    """The filter a kind's query adds so it lists only what has not fired: `subject` and
    `due_at` are the columns (or values) that give the subject's id and the due time. A kind
    whose subject falls due once in its life (a letter's follow-up) leaves `due_at` out."""
    same = [_FIRED.c.kind == kind, _FIRED.c.subject_id == subject]
    if due_at is not None:
        same.append(_FIRED.c.due_at == due_at)
    return ~exists(select(_FIRED.c.id).where(and_(*same)))


def run_due_jobs(installation: Installation, worker: str = "") -> int:
    """Fire every job that is due by the installation's clock; how many fired here."""
    fired = 0
    for kind in job_kinds():
        now = installation.clock.now()
        with installation.db.read() as session:
            due = list(kind.find_due(Moment(session, installation, now)))[:BATCH]
        fired += sum(_fire(installation, kind, one, worker) for one in due)
    return fired


def _fire(installation: Installation, kind: JobKind, due: Due, worker: str) -> bool:
    now = installation.clock.now()

    def work(session: Session) -> bool:
        job = FiredJob(kind=kind.name, subject_id=due.subject_id, due_at=due.due_at, fired_at=now, worker=worker[:100])
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        inserted = session.connection().execute(
            dialect.insert(_FIRED)
            .values(job.model_dump(exclude={"id"}))
            .on_conflict_do_nothing(index_elements=["kind", "subject_id", "due_at"])
            .returning(_FIRED.c.id)
        )
        if inserted.first() is None:
            return False
        kind.run(Moment(session, installation, now), job)
        return True

    return installation.db.write(work)
