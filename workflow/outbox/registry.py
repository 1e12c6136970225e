"""What the worker knows how to do, filled by the rooms that know: listeners to the events
of the outbox, and kinds of scheduled job. The worker's loop never names a room.

A room adds itself in a module listed in `KIND_MODULES` (as `storage/tables.py` lists the
tables): importing that module calls `listen` and `add_job_kind`. OUTBOX_INTERFACE.md, at the
top of the repository, shows both with an example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from sqlmodel import Session

from workflow.installation import Installation
from workflow.outbox.models import FiredJob, OutboxEvent

KIND_MODULES: tuple[str, ...] = (
    "workflow.notifications.listeners",
    "workflow.notifications.jobs",
    "workflow.letters.emailing",
    "workflow.assignments.reminders",
    "workflow.webhooks.listeners",
    "workflow.law.reminders",
)
"""The modules that register listeners and job kinds when imported."""


@dataclass(frozen=True)
class Moment:
    """What a listener or a job works with: the worker's transaction, the installation
    (configuration, clock) and the time the worker read from its clock."""

    session: Session
    installation: Installation
    now: datetime


Listener = Callable[[Moment, OutboxEvent], None]
"""Writes rows in the moment's session (mail to send, more events); never sends anything
itself: it runs inside the transaction that deletes the handled event, so it runs exactly once."""


@dataclass(frozen=True)
class Due:
    """One due event a job kind found: what it is about (a letter's id, a person's id) and
    the time it fell due. The pair, with the kind, fires once."""

    subject_id: int
    due_at: datetime


@dataclass(frozen=True)
class JobKind:
    """A kind of scheduled job.

    `find_due(moment)` lists what is due at `moment.now` and has not fired
    (`schedule.not_fired` is the filter for its query), reading in `moment.session`;
    `run(moment, job)` does the job's work in the transaction that records it as fired, so
    it happens once. A job that finds its reason gone (the letter
    moved on) simply writes nothing.
    """

    name: str
    find_due: Callable[[Moment], Iterable[Due]]
    run: Callable[[Moment, FiredJob], None]


_listeners: dict[str, list[Listener]] = {}
_job_kinds: dict[str, JobKind] = {}
_loaded = False


def listen(*actions: str) -> Callable[[Listener], Listener]:
    """Decorate a listener to be called for every outbox event of these actions."""

    def register(listener: Listener) -> Listener:
        for action in actions:
            _listeners.setdefault(action, []).append(listener)
        return listener

    return register


def add_job_kind(kind: JobKind) -> JobKind:
    if kind.name in _job_kinds:
        raise ValueError(f"two job kinds are named {kind.name!r}")
    _job_kinds[kind.name] = kind
    return kind


def load() -> None:
    """Import the modules of `KIND_MODULES` once, so their registrations are in place."""
    global _loaded
    if not _loaded:
        for module in KIND_MODULES:
            import_module(module)
        _loaded = True


def listeners_of(action: str) -> list[Listener]:
    load()
    return _listeners.get(action, [])


def job_kinds() -> list[JobKind]:
    load()
    return list(_job_kinds.values())
