"""What a new letter takes from the complaint it answers: the profile version in force, the
deadline it computes, the approved clauses it quotes, and what the starter text must say."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from workflow.errors import Refused
from workflow.law.clauses import Quoted, clauses_to_quote
from workflow.law.content import statements_for_starter
from workflow.law.deadlines import calendar_of, deadlines
from workflow.law.library import current_profile
from workflow.letters.decision import Decision
from workflow.settings.config import Config
from workflow.settings.due import effective_due_rules
from workflow.settings.effective import effective_company


@dataclass(frozen=True)
class ComplaintSetup:
    columns: dict[str, Any] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)
    quoted: tuple[Quoted, ...] = ()
    statements: tuple[str, ...] = ()


def complaint_setup(session: Session, config: Config, decision: Decision) -> ComplaintSetup:
    """Read in the creating transaction, so the profile version, the deadline and the clause
    versions recorded are exactly those the starter text was written from."""
    profile = current_profile(session, decision.profile)
    if decision.provisional_credit and profile.deadline.extension.value != "provisional_credit":
        raise Refused(f"Provisional credit changes no deadline under “{profile.name}”; leave it unticked.")
    quoted = tuple(clauses_to_quote(session, decision.clause_keys, decision.language))
    due = None
    if decision.complaint_received_at is not None:
        working = effective_due_rules(session, config.due).working_hours
        country = effective_company(session, config.company).country
        due = deadlines(
            profile,
            decision.complaint_received_at,
            calendar_of(profile, country, working),
            provisional_credit=decision.provisional_credit,
        )
    columns: dict[str, Any] = {
        "profile_version": profile.version,
        "deadline_at": due.due_at if due else None,
        "deadline_extended_at": due.extended_at if due else None,
        "clauses": json.dumps([q.stored() for q in quoted], ensure_ascii=False),
    }
    details: dict[str, object] = {"profile": profile.key, "profile_version": profile.version}
    if due and due.due_at:
        details["deadline_at"] = due.due_at.isoformat()
    if quoted:
        details["clauses"] = [q.stored() for q in quoted]
    return ComplaintSetup(columns, details, quoted, tuple(statements_for_starter(profile, decision.language)))
