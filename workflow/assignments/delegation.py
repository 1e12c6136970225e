"""Standing delegation for absences: who stands in for whom, and setting and ending it.

While a delegation runs, the delegate may act on the letters the absent person has taken
(the letter's rules still apply to the delegate: never their own letter, and at legal
review never one they reviewed for tone in the same round), and notifications meant for the
absent person go to the delegate: `acting_for` is the one answer to "who hears this now".
A delegate who is away too hands on to their own delegate, so a chain is followed, never a
circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, select
from sqlmodel import Session, col

from workflow.assignments.models import Delegation
from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.audit.report import when
from workflow.errors import InvalidInput, NotFound, Refused
from workflow.installation import Installation
from workflow.people.directory import display_names, find_person, load_user
from workflow.people.models import User
from workflow.people.roles import Role
from workflow.storage.orm import saved_id, table

LONGEST_DELEGATION = timedelta(days=366)
"""An absence longer than a year is a change of job, for an administrator to handle."""

LONGEST_CHAIN = 10

REVIEW_ROLES = frozenset({Role.PEER_REVIEWER, Role.LEGAL_REVIEWER})

_DELEGATIONS = table(Delegation).c


def _running_for(person_id: int, at: datetime) -> Select[Any]:
    return (
        select(_DELEGATIONS.delegate_id)
        .where(_DELEGATIONS.person_id == person_id, _DELEGATIONS.starts_at <= at, _DELEGATIONS.ends_at > at)
        .limit(1)
    )


def stand_ins(db: Session | Connection, person_id: int, at: datetime) -> list[int]:
    """Who stands in for the person at `at`: their delegate, that delegate's own delegate if
    they are away too, and so on; empty when the person is not away."""
    found: list[int] = []
    current = person_id
    while len(found) < LONGEST_CHAIN:
        delegate = db.execute(_running_for(current, at)).scalar()
        if delegate is None or delegate == person_id or delegate in found:
            break
        found.append(delegate)
        current = delegate
    return found


def acting_for(db: Session | Connection, person_id: int, at: datetime) -> int:
    """Who should hear what is meant for `person_id` at `at`: the person, or whoever stands
    in for them while they are away (the end of the chain of delegations running then)."""
    chain_ = stand_ins(db, person_id, at)
    return chain_[-1] if chain_ else person_id


def represented(db: Session | Connection, delegate_id: int, at: datetime) -> list[int]:
    """The people `delegate_id` stands in for at `at`, directly or down a chain."""
    found: list[int] = []
    frontier = [delegate_id]
    while frontier and len(found) < LONGEST_CHAIN:
        query = select(_DELEGATIONS.person_id).where(
            _DELEGATIONS.delegate_id.in_(frontier), _DELEGATIONS.starts_at <= at, _DELEGATIONS.ends_at > at
        )
        frontier = [p for p in db.execute(query).scalars() if p != delegate_id and p not in found]
        found.extend(frontier)
    return found


_NOT_CANCELLED = col(Delegation.ends_at) > col(Delegation.starts_at)
"""A delegation cancelled before it began keeps its row with an empty window."""


@dataclass(frozen=True)
class DelegationRow:
    """A delegation as the pages list it, with both people named."""

    id: int
    person_id: int
    person: str
    delegate_id: int
    delegate: str
    starts_at: datetime
    ends_at: datetime
    running: bool


def delegations(db: Session, at: datetime, person_id: int | None = None) -> list[DelegationRow]:
    """Delegations running at `at` or still to come, soonest first; one person's (as absent
    or as delegate) when `person_id` is given."""
    query = select(Delegation).where(col(Delegation.ends_at) > at, _NOT_CANCELLED).order_by(col(Delegation.starts_at))
    if person_id is not None:
        query = query.where((col(Delegation.person_id) == person_id) | (col(Delegation.delegate_id) == person_id))
    rows = list(db.scalars(query))
    names = display_names(db, [*(r.person_id for r in rows), *(r.delegate_id for r in rows)])
    return [
        DelegationRow(
            id=saved_id(r),
            person_id=r.person_id,
            person=names[r.person_id],
            delegate_id=r.delegate_id,
            delegate=names[r.delegate_id],
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            running=r.starts_at <= at,
        )
        for r in rows
    ]


def _words(person: User, delegate: User, starts: datetime, ends: datetime) -> dict[str, object]:
    """What the audit event says: both people by username and as named now, and the window."""
    return {
        "person": person.username,
        "delegate": delegate.username,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "words": {
            "person": person.display_name,
            "delegate": delegate.display_name,
            "starts": when(starts),
            "ends": when(ends),
        },
    }


def _may_manage(actor: User, person_id: int, doing: str) -> None:
    if actor.id != person_id and not actor.has_role(Role.ADMIN):
        raise Refused(f"Only an administrator can {doing} for someone else.")


def _check_window(starts: datetime, ends: datetime, now: datetime) -> None:
    if ends <= starts:
        raise InvalidInput("The delegation must end after it starts.")
    if ends <= now:
        raise InvalidInput("That time is already past; choose an end in the future.")
    if ends - starts > LONGEST_DELEGATION:
        raise InvalidInput("A delegation can last a year at most; an administrator can move the work for longer.")


def why_not_stand_in(person: User, delegate: User) -> str | None:
    """Why `delegate` may not stand in for `person`, or None: the forms offer only those it
    allows, and setting a delegation checks it again."""
    if delegate.id == person.id:
        return "Choose someone else: a person cannot stand in for themselves."
    if not delegate.active:
        return f"{delegate.display_name}'s account is disabled, so they cannot stand in for anyone."
    needed = person.role_set & REVIEW_ROLES
    if needed and not delegate.role_set & needed:
        kinds = " or ".join(role.label.lower() for role in sorted(needed))
        return (
            f"{delegate.display_name} is not a {kinds}, so they could not act on the reviews "
            f"{person.display_name} has taken; choose someone who is."
        )
    return None


def _check_delegate(person: User, delegate: User) -> None:
    why = why_not_stand_in(person, delegate)
    if why:
        raise InvalidInput(why)


def _check_overlap(session: Session, person: User, delegate: User, starts: datetime, ends: datetime) -> None:
    """One delegation at a time per person, and never two people standing in for each other."""
    overlapping = select(Delegation).where(
        _NOT_CANCELLED,
        col(Delegation.starts_at) < ends,
        col(Delegation.ends_at) > starts,
        (col(Delegation.person_id) == person.id)
        | ((col(Delegation.person_id) == delegate.id) & (col(Delegation.delegate_id) == person.id)),
    )
    clash = session.scalars(overlapping.limit(1)).first()
    if clash is None:
        return
    if clash.person_id == person.id:
        other = find_person(session, clash.delegate_id).display_name
        raise Refused(
            f"{person.display_name} already has {other} standing in from {when(clash.starts_at)} until "
            f"{when(clash.ends_at)}; end that delegation first, or choose times that do not overlap it."
        )
    raise Refused(
        f"{delegate.display_name} is away then and {person.display_name} stands in for them; "
        "two people cannot stand in for each other."
    )


def set_delegation(
    installation: Installation,
    actor_id: int,
    person_id: int,
    delegate_id: int,
    starts: datetime,
    ends: datetime,
    *,
    origin: Origin | None = None,
) -> Delegation:
    """The person (or an administrator for them) hands their reviews to the delegate from
    `starts` until `ends`."""

    def work(session: Session) -> Delegation:
        actor = load_user(session, actor_id)
        _may_manage(actor, person_id, "set a delegation")
        person, delegate = find_person(session, person_id), find_person(session, delegate_id)
        now = installation.clock.now()
        _check_window(starts, ends, now)
        _check_delegate(person, delegate)
        _check_overlap(session, person, delegate, starts, ends)
        delegation = Delegation(
            person_id=person_id,
            delegate_id=delegate_id,
            starts_at=starts,
            ends_at=ends,
            created_by_id=actor_id,
            created_at=now,
        )
        session.add(delegation)
        session.flush()
        chain.append(
            session,
            actor=actor_of(actor, origin),
            action=Action.SET_DELEGATION,
            at=now,
            details=_words(person, delegate, starts, ends),
        )
        return delegation

    return write_recorded(installation, Action.SET_DELEGATION, actor_id, origin, work)


def end_delegation(
    installation: Installation, actor_id: int, delegation_id: int, *, origin: Origin | None = None
) -> None:
    """End a running delegation now, or cancel one still to come."""

    def work(session: Session) -> None:
        actor = load_user(session, actor_id)
        delegation = session.get(Delegation, delegation_id, with_for_update=True)
        if delegation is None:
            raise NotFound(f"No delegation with id {delegation_id}.")
        _may_manage(actor, delegation.person_id, "end a delegation")
        now = installation.clock.now()
        if delegation.ends_at <= now:
            raise Refused("This delegation is already over.")
        person, delegate = find_person(session, delegation.person_id), find_person(session, delegation.delegate_id)
        details = _words(person, delegate, delegation.starts_at, delegation.ends_at)
        delegation.ends_at = max(delegation.starts_at, now)
        delegation.ended_by_id, delegation.ended_at = actor_id, now
        chain.append(session, actor=actor_of(actor, origin), action=Action.END_DELEGATION, at=now, details=details)

    write_recorded(installation, Action.END_DELEGATION, actor_id, origin, work)
