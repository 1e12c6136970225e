"""The settings in force: the administrator's stored values over the installation's defaults."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlmodel import Session

from workflow.settings.config import (
    COMPANY_KEYS,
    POLICY_KEYS,
    Company,
    Policy,
    policy_value,
)
from workflow.settings.models import Setting

_STORED_POLICY = select(Setting.__table__.c.key, Setting.__table__.c.value).where(
    Setting.__table__.c.key.in_(POLICY_KEYS)
)


def effective_policy(session: Session, defaults: Policy) -> Policy:
    """The configured policy with the administrator's stored overrides applied (a Core
    query: triggers that read the policy pay for it inside their write transaction)."""
    stored = session.connection().execute(_STORED_POLICY)
    overrides = {key: policy_value(key, json.loads(value)) for key, value in stored}
    return replace(defaults, **overrides)


def company_setting(field_name: str) -> str:
    """The `settings` key that holds an administrator's value for one company detail."""
    return f"company_{field_name}"


def effective_company(session: Session, defaults: Company) -> Company:
    """The configured letterhead with the administrator's stored details applied."""
    keys = {company_setting(name): name for name in COMPANY_KEYS}
    stored = session.scalars(select(Setting).where(Setting.key.in_(keys))).all()
    return replace(defaults, **{keys[s.key]: str(json.loads(s.value)) for s in stored})
