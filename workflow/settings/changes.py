"""An administrator's changes to the policy numbers, the letterhead and the tone check's
settings, each one audited."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.characters import clean
from workflow.errors import InvalidInput
from workflow.installation import Installation
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
) -> None:
    """Store each value of `after` that differs from `before` under its settings key, and
    append one audit event saying what each was and became; nothing when nothing changed."""
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
        details={name: {"from": before[name], "to": value} for name, value in changed.items()},
    )


def change_policy(
    installation: Installation, admin_id: int, changes: Mapping[str, object], *, origin: Origin | None = None
) -> None:
    """Policy numbers (waiting period, legal thresholds, follow-up interval), all or none."""
    unknown = sorted(set(changes) - set(POLICY_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown setting “{unknown[0]}”.")
    values = {key: _stored_form(policy_value(key, raw)) for key, raw in changes.items()}

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "change the policy")
        policy = effective_policy(session, installation.config.policy)
        previous = {key: _stored_form(getattr(policy, key)) for key in values}
        save_changes(session, admin, origin, installation.clock.now(), Action.CHANGE_SETTING, previous, values)

    write_recorded(installation, Action.CHANGE_SETTING, admin_id, origin, work)


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
