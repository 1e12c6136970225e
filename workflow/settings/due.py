"""The due-date settings in force, and an administrator's changes to them, audited like
every other setting."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlmodel import Session

from workflow.audit.actions import Action
from workflow.audit.actors import Origin
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.people.authority import require_admin
from workflow.people.directory import person_named
from workflow.settings.changes import save_changes
from workflow.settings.models import Setting
from workflow.storage.orm import table
from workflow.timing.due import DUE_KEYS, DueRules

_SETTINGS = table(Setting).c
_STORED = select(_SETTINGS.key, _SETTINGS.value).where(_SETTINGS.key.in_(DUE_KEYS))


def effective_due_rules(session: Session, defaults: DueRules) -> DueRules:
    """The environment's due-date rules with the administrator's stored values over them (a
    Core query: a trigger that moves a letter to a new step reads it in its transaction)."""
    stored = session.connection().execute(_STORED)
    return defaults.with_values({key: json.loads(value) for key, value in stored})


def change_due_rules(
    installation: Installation, admin_id: int, changes: Mapping[str, str], *, origin: Origin | None = None
) -> None:
    """Service times, working hours, time zone, reminder lead, escalation contact: all or
    none, with what each was before in the audit event. Letters already on a step keep the
    due time they got when they entered it."""
    unknown = sorted(set(changes) - set(DUE_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown setting “{unknown[0]}”.")

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "change the due-date settings")
        current = effective_due_rules(session, installation.config.due)
        wanted = current.with_values(changes).stored()
        contact = wanted["escalation_contact"]
        if contact:
            person_named(session, contact)
        save_changes(session, admin, origin, installation.clock.now(), Action.CHANGE_SETTING, current.stored(), wanted)

    write_recorded(installation, Action.CHANGE_SETTING, admin_id, origin, work)
