"""The settings in force: the administrator's stored values over the installation's defaults."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlmodel import Session, col

from workflow.settings.config import (
    COMPANY_KEYS,
    POLICY_KEYS,
    Company,
    Policy,
    policy_with,
)
from workflow.settings.models import Setting
from workflow.storage.orm import table
from workflow.tone.tuning import NO_TUNING, Tuning, tuning_from_stored

TONE_TUNING_KEY = "tone_tuning"

_SETTINGS = table(Setting).c
_STORED_POLICY = select(_SETTINGS.key, _SETTINGS.value).where(_SETTINGS.key.in_(POLICY_KEYS))
_STORED_TUNING = select(_SETTINGS.value).where(_SETTINGS.key == TONE_TUNING_KEY)


def effective_policy(session: Session, defaults: Policy) -> Policy:
    """The configured policy with the administrator's stored overrides applied (a Core
    query: triggers that read the policy pay for it inside their write transaction)."""
    stored = session.connection().execute(_STORED_POLICY)
    return policy_with(defaults, {key: json.loads(value) for key, value in stored})


def company_setting(field_name: str) -> str:
    """The `settings` key that holds an administrator's value for one company detail."""
    return f"company_{field_name}"


def effective_company(session: Session, defaults: Company) -> Company:
    """The configured letterhead with the administrator's stored details applied."""
    keys = {company_setting(name): name for name in COMPANY_KEYS}
    stored = session.scalars(select(Setting).where(col(Setting.key).in_(keys))).all()
    return replace(defaults, **{keys[s.key]: str(json.loads(s.value)) for s in stored})


def effective_tuning(session: Session) -> Tuning:
    """The organisation's tuning of the tone check, or none (a Core query, like the policy's:
    the approval rule reads it inside its write transaction)."""
    stored = session.connection().execute(_STORED_TUNING).scalar_one_or_none()
    return NO_TUNING if stored is None else tuning_from_stored(json.loads(stored))
