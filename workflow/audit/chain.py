"""The audit chain: every action, one row, each row's hash covering the one before.

A letter is a legal record, so its history must be provable years later. Each event's hash
is SHA-256 over a domain tag, the previous event's hash and the event's canonical JSON
(RFC 8785), so editing, deleting or reordering any event breaks every later link. The
database refuses UPDATE and DELETE on the table (see the migrations); appends are
serialized by the write transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
PostgreSQL) so `seq` has no gaps and no two events share a predecessor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, text
from sqlmodel import Session, col

from workflow.audit import canonical
from workflow.audit.actions import require_registered
from workflow.audit.actors import Actor
from workflow.audit.canonical import canonical_json
from workflow.audit.models import AuditEvent
from workflow.storage.orm import table

DOMAIN_TAG = b"tactful.audit.v1\n"


GENESIS_HASH = "0" * 64


_APPEND_LOCK_KEY = 0x7AC7F111


HASHED_FIELDS = (
    "seq",
    "at",
    "actor",
    "actor_roles",
    "action",
    "outcome",
    "letter_id",
    "letter_ref",
    "from_state",
    "to_state",
    "version",
    "content_sha256",
    "comment",
    "address",
    "request_id",
    "details",
)


def iso_utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def hashed_record(event: AuditEvent | Mapping[str, object]) -> dict[str, object]:
    """The fields the hash covers, as JSON values; exports write exactly these."""
    if isinstance(event, AuditEvent):
        record = {name: getattr(event, name) for name in HASHED_FIELDS}
    else:
        record = {name: event[name] for name in HASHED_FIELDS}
    record["at"] = iso_utc(record["at"])
    return record


def chain_hash(prev_hash: str, record: Mapping[str, object]) -> str:
    digest = hashlib.sha256(DOMAIN_TAG)
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical.dumps(dict(record)))
    return digest.hexdigest()


def head(session: Session) -> AuditEvent | None:
    return session.scalars(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()


_EVENTS = table(AuditEvent)


_HEAD_LINK = select(_EVENTS.c.seq, _EVENTS.c.hash).order_by(_EVENTS.c.seq.desc()).limit(1)


_INSERT = insert(_EVENTS)


_APPEND_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def _head_link(session: Session) -> tuple[int, str]:
    """The newest (seq, hash), read as two columns: every write pays for this."""
    row = session.connection().execute(_HEAD_LINK).first()
    return (0, GENESIS_HASH) if row is None else (row.seq, row.hash)


def _lock_chain(session: Session) -> None:
    """SQLite's write transaction already holds the only write lock; PostgreSQL needs one."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(_APPEND_LOCK, {"key": _APPEND_LOCK_KEY})


def append(
    session: Session,
    *,
    actor: Actor,
    action: str,
    at: datetime,
    outcome: str = "ok",
    letter_id: int | None = None,
    letter_ref: str = "",
    from_state: str = "",
    to_state: str = "",
    version: int | None = None,
    content_sha256: str = "",
    comment: str = "",
    details: Mapping[str, object] | None = None,
) -> str:
    """Add one event to the chain inside the caller's transaction, and give its hash;
    `action` must be registered in `workflow.audit.actions`.

    It is written at once with a Core INSERT, not left to the session's flush: every write
    pays for this, and the ORM's unit of work costs several times the statement itself.
    """
    require_registered(action)
    _lock_chain(session)
    last_seq, last_hash = _head_link(session)
    event: dict[str, object] = dict(
        seq=last_seq + 1,
        at=at,
        actor=actor.name,
        actor_roles=actor.roles,
        action=action,
        outcome=outcome,
        letter_id=letter_id,
        letter_ref=letter_ref,
        from_state=from_state,
        to_state=to_state,
        version=version,
        content_sha256=content_sha256,
        comment=comment,
        address=actor.address,
        request_id=actor.request_id,
        details=canonical_json({**(details or {}), **({"via": actor.via} if actor.via else {})}),
        prev_hash=last_hash,
    )
    event["hash"] = chain_hash(last_hash, hashed_record(event))
    session.connection().execute(_INSERT, event)
    return str(event["hash"])


@dataclass(frozen=True)
class ChainReport:
    events: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None

    def __str__(self) -> str:
        if self.intact:
            return f"{self.events} events, chain intact"
        return f"chain broken at seq {self.first_bad_seq}: {self.problem}"


def check_links(records: Iterable[tuple[Mapping[str, object], str, str]]) -> ChainReport:
    """Walk (record, prev_hash, hash) triples in order; used on the table and on exports alike."""
    expected_seq, prev, count = 1, GENESIS_HASH, 0
    for record, prev_hash, event_hash in records:
        seq = record["seq"]
        if seq != expected_seq:
            problem = "an event is missing or out of order" if isinstance(seq, int) else "bad seq"
            return ChainReport(
                count, expected_seq - 1, prev, expected_seq, f"expected seq {expected_seq}, found {seq} ({problem})"
            )
        if prev_hash != prev:
            return ChainReport(count, seq - 1, prev, seq, "its prev_hash does not match the previous event's hash")
        if chain_hash(prev_hash, record) != event_hash:
            return ChainReport(count, seq - 1, prev, seq, "its content does not match its hash (the event was altered)")
        count, prev, expected_seq = count + 1, event_hash, expected_seq + 1
    return ChainReport(count, expected_seq - 1, prev)


def _table_records(session: Session) -> Iterator[tuple[dict[str, object], str, str]]:
    rows = session.execute(select(AuditEvent).order_by(col(AuditEvent.seq)).execution_options(yield_per=2000)).scalars()
    for event in rows:
        yield hashed_record(event), event.prev_hash, event.hash
        session.expunge(event)


def verify(session: Session) -> ChainReport:
    """Recompute every link of the stored chain, with memory independent of its length."""
    return check_links(_table_records(session))
