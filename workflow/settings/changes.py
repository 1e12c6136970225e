"""An administrator's changes to the policy numbers, the letterhead and the tone check's
settings, each one audited."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.characters import clean
from workflow.errors import InvalidInput, Refused
from workflow.installation import Installation
from workflow.letters.models import Letter
from workflow.letters.states import State
from workflow.people.authority import require_admin
from workflow.people.models import User
from workflow.settings.config import (
    COMPANY_KEYS,
    POLICY_KEYS,
    format_thresholds,
    policy_value,
)
from workflow.settings.effective import (
    TONE_TUNING_KEY,
    company_setting,
    effective_company,
    effective_policy,
    effective_tuning,
)
from workflow.settings.models import Setting
from workflow.storage.orm import table
from workflow.tone.tuning import Tuning

COMPANY_LIMITS = {"name": 200, "address": 1000, "phone": 64, "email": 320, "country": 2}


def _stored_form(value: object) -> object:
    """The JSON a parsed policy value is kept as: `policy_value` reads it back unchanged."""
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, Mapping):
        return format_thresholds(value)
    return value


def save_setting(session: Session, key: str, value: object, admin: User, now: datetime) -> None:
    text = json.dumps(value, ensure_ascii=False)
    setting = session.get(Setting, key)
    if setting is None:
        setting = Setting(key=key, value=text, updated_at=now)
    else:
        setting.value, setting.updated_at = text, now
    setting.updated_by_id = admin.id
    session.add(setting)


def save_changes(
    session: Session,
    admin: User,
    origin: Origin | None,
    now: datetime,
    action: Action,
    before: Mapping[str, object],
    after: Mapping[str, object],
    key: Callable[[str], str] = str,
    notes: Mapping[str, object] | None = None,
) -> None:
    """Store each value of `after` that differs from `before` under its settings key, and
    append one audit event saying what each was and became (and any `notes` on what the
    change did); nothing when nothing changed."""
    changed = {name: value for name, value in after.items() if before[name] != value}
    if not changed:
        return
    for name, value in changed.items():
        save_setting(session, key(name), value, admin, now)
    chain.append(
        session,
        actor=actor_of(admin, origin),
        action=action,
        at=now,
        details={name: {"from": before[name], "to": value} for name, value in changed.items()} | dict(notes or {}),
    )


SWITCHED_OFF = (
    "A waiting period of 0 switches off the cooling-off safeguard: a finished draft could go to review at once, "
    "without being re-read after a rest. Confirm that you mean to switch it off, or give a waiting period."
)

WAITING_LETTERS_RULE = (
    "Letters already waiting follow the new waiting period, counted from when their draft was finished: "
    "each may end sooner, later, or at once."
)
"""What a changed waiting period does to letters already waiting, said on the settings page
and kept in the audit event: the rest is about the draft, so it is counted from its finish."""


@dataclass(frozen=True)
class PolicyChange:
    """What saving the policy did: the new waiting period if it changed, and how many
    letters already waiting now end at another time."""

    waiting_period: timedelta | None = None
    moved: int = 0


def change_policy(
    installation: Installation,
    admin_id: int,
    changes: Mapping[str, object],
    *,
    switch_off_wait: bool = False,
    origin: Origin | None = None,
) -> PolicyChange:
    """Policy numbers (waiting period, legal thresholds, follow-up interval), all or none.

    A waiting period of 0 needs `switch_off_wait`, the administrator's explicit
    confirmation, kept in the audit event. A changed waiting period moves the end of every
    letter already waiting (`WAITING_LETTERS_RULE`), in the same transaction and event."""
    unknown = sorted(set(changes) - set(POLICY_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown setting “{unknown[0]}”.")
    values = {key: _stored_form(policy_value(key, raw)) for key, raw in changes.items()}

    def work(session: Session) -> PolicyChange:
        admin = require_admin(session, admin_id, "change the policy")
        policy = effective_policy(session, installation.config.policy)
        previous = {key: _stored_form(getattr(policy, key)) for key in values}
        notes: dict[str, object] = {}
        outcome = PolicyChange()
        if values.get("waiting_period", previous.get("waiting_period")) != previous.get("waiting_period"):
            wait = timedelta(seconds=int(str(values["waiting_period"])))
            if not wait and not switch_off_wait:
                raise Refused(SWITCHED_OFF)
            moved = _move_waiting_letters(session, wait - policy.waiting_period)
            notes["waiting_letters"] = {"rule": WAITING_LETTERS_RULE, "moved": moved}
            if not wait:
                notes["waiting_period_switched_off"] = "confirmed by the administrator"
            outcome = PolicyChange(wait, len(moved))
        save_changes(
            session, admin, origin, installation.clock.now(), Action.CHANGE_SETTING, previous, values, notes=notes
        )
        return outcome

    return write_recorded(installation, Action.CHANGE_SETTING, admin_id, origin, work)


def _move_waiting_letters(session: Session, by: timedelta) -> list[str]:
    """Every waiting letter's end moved by the change of the waiting period, so each ends
    the new period after its draft was finished; their references, for the record."""
    letters = table(Letter).c
    waiting = session.execute(
        select(letters.id, letters.reference, letters.ready_at)
        .where(letters.state == State.WAITING.value, letters.ready_at.is_not(None))
        .order_by(letters.id)
    ).all()
    if waiting:
        session.execute(
            update(Letter),
            [{"id": row.id, "ready_at": row.ready_at + by} for row in waiting],
        )
    return [row.reference for row in waiting]


def _company_value(name: str, raw: str) -> str:
    value = clean(raw).replace("\r\n", "\n").strip()
    value = value.upper() if name == "country" else value
    if name != "address" and "\n" in value:
        raise InvalidInput(f"The company {name} must be on one line.")
    if len(value) > COMPANY_LIMITS[name]:
        raise InvalidInput(f"The company {name} can be at most {COMPANY_LIMITS[name]} characters.")
    if name == "name" and not value:
        raise InvalidInput("The company name cannot be empty: every letter is signed with it.")
    if name == "country" and value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise InvalidInput(f"“{value}” is not a two-letter country code such as GB or US.")
    if name == "email" and value and "@" not in value:
        raise InvalidInput(f"“{value}” is not an e-mail address.")
    return value


def change_company(
    installation: Installation, admin_id: int, details: Mapping[str, str], *, origin: Origin | None = None
) -> None:
    """The letterhead and contact details every final letter carries."""
    unknown = sorted(set(details) - set(COMPANY_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown company detail “{unknown[0]}”.")
    values = {name: _company_value(name, raw) for name, raw in details.items()}

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "change the company details")
        current = effective_company(session, installation.config.company)
        before = {name: getattr(current, name) for name in values}
        now = installation.clock.now()
        save_changes(session, admin, origin, now, Action.CHANGE_COMPANY, before, values, company_setting)

    write_recorded(installation, Action.CHANGE_COMPANY, admin_id, origin, work)


def change_tone_settings(
    installation: Installation, admin_id: int, tuning: Tuning, *, origin: Origin | None = None
) -> None:
    """Rules switched off, allowed words, changed severities: the whole tuning at once, with
    what each changed part was before in the audit event."""

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "change the tone check's settings")
        before, after = effective_tuning(session).stored(), tuning.stored()
        changed = {part: {"from": before[part], "to": value} for part, value in after.items() if before[part] != value}
        if not changed:
            return
        now = installation.clock.now()
        save_setting(session, TONE_TUNING_KEY, after, admin, now)
        chain.append(
            session, actor=actor_of(admin, origin), action=Action.CHANGE_TONE_SETTINGS, at=now, details=changed
        )

    write_recorded(installation, Action.CHANGE_TONE_SETTINGS, admin_id, origin, work)
