"""The jurisdiction profiles an installation has: the shipped ones (version 1) and every
version an administrator saved since. Saving never changes a version: it writes the next,
so a letter keeps reading the profile version it was created under."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput, Refused
from workflow.installation import Installation
from workflow.law.models import ProfileVersion
from workflow.law.profiles import Profile, parse_profile, profile_from
from workflow.law.shipped import NO_PROFILE, SHIPPED
from workflow.letters.models import Letter
from workflow.people.authority import require_admin
from workflow.people.models import User

_KEY = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def profile_at(session: Session, key: str, version: int) -> Profile:
    """The exact version a letter names; `Refused` for one that does not exist."""
    if version == 1 and key in SHIPPED:
        return SHIPPED[key]
    row = session.scalar(
        select(ProfileVersion).where(col(ProfileVersion.key) == key, col(ProfileVersion.version) == version)
    )
    if row is None:
        raise Refused(f"There is no version {version} of the jurisdiction profile “{key}”.")
    return profile_from(key, version, json.loads(row.data))


def _latest_versions(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(col(ProfileVersion.key), func.max(ProfileVersion.version)).group_by(ProfileVersion.key)
    )
    return {key: version for key, version in rows}


def current_profiles(session: Session) -> list[Profile]:
    """The newest version of every profile: the shipped ones first, in their order."""
    latest = {key: 1 for key in SHIPPED} | _latest_versions(session)
    return [profile_at(session, key, version) for key, version in latest.items()]


def current_profile(session: Session, key: str) -> Profile:
    version = _latest_versions(session).get(key, 1 if key in SHIPPED else 0)
    if not version:
        raise Refused(f"“{key}” is not a jurisdiction profile; choose one of the profiles offered.")
    return profile_at(session, key, version)


@dataclass(frozen=True)
class SavedVersion:
    version: int
    by: str
    """The username of the administrator who saved it: the audit trail's name for them."""
    at: datetime


def profile_history(session: Session, key: str) -> list[SavedVersion]:
    """The versions administrators saved of a profile, newest first; version 1 is shipped."""
    rows = session.execute(
        select(col(ProfileVersion.version), col(User.username), col(ProfileVersion.created_at))
        .join(User, col(User.id) == col(ProfileVersion.created_by_id))
        .where(col(ProfileVersion.key) == key)
        .order_by(col(ProfileVersion.version).desc())
    )
    return [SavedVersion(version, by, at) for version, by, at in rows]


def save_profile(
    installation: Installation, admin_id: int, key: str, text: str, *, origin: Origin | None = None
) -> Profile:
    """Save a profile's JSON as its next version (a new key starts a new profile at version 2,
    so version 1 always means a shipped text), audited with both versions."""
    key = key.strip()
    if not _KEY.match(key):
        raise InvalidInput(
            "A profile key is 2 to 40 lower-case letters, digits or underscores, starting with a letter."
        )

    def work(session: Session) -> Profile:
        admin = require_admin(session, admin_id, "change a jurisdiction profile")
        previous = _latest_versions(session).get(key, 1)
        profile = parse_profile(key, previous + 1, text)
        now = installation.clock.now()
        session.add(
            ProfileVersion(
                key=key, version=profile.version, data=profile.to_json(), created_by_id=admin_id, created_at=now
            )
        )
        chain.append(
            session,
            actor=actor_of(admin, origin),
            action=Action.CHANGE_PROFILE,
            at=now,
            details={
                "profile": key,
                "from_version": previous,
                "version": profile.version,
                "words": {"profile": key, "version": profile.version},
            },
        )
        return profile

    tried = {"profile": key, "words": {"profile": key}}
    return write_recorded(installation, Action.CHANGE_PROFILE, admin_id, origin, work, tried=tried)


def profile_of(session: Session, letter: Letter) -> Profile | None:
    """The profile version a letter was created under; None for a letter under "none"."""
    if letter.profile_key == NO_PROFILE:
        return None
    return profile_at(session, letter.profile_key, letter.profile_version)
