"""Administration: people and their roles, the policy numbers, the letterhead, the templates.

The pages check the administrator role before showing anything, but the domain is the
authority: every use case checks it again inside its own write transaction, so a role
removed a second ago is already gone. Each change appends one audit event naming the
actor; passwords and their hashes never reach the audit trail. Argon2 hashing and template
validation run before the transaction, so the write lock is never held for them.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from sqlalchemy import select
from sqlmodel import Session

from workflow import audit, users
from workflow.accounts import end_sessions
from workflow.config import (
    COMPANY_KEYS,
    POLICY_KEYS,
    company_setting,
    effective_company,
    effective_policy,
    format_thresholds,
    policy_value,
)
from workflow.decision import LANGUAGES
from workflow.documents import DocumentKind, validate_template
from workflow.errors import InvalidInput, NotFound, Refused
from workflow.models import DocumentTemplate, Setting, User
from workflow.roles import Role
from workflow.runtime import Origin, Workflow, actor_of, load_user
from workflow.services import record_refusal

T = TypeVar("T")

COMPANY_LIMITS = {"name": 200, "address": 1000, "phone": 64, "email": 320}


def _administrator(session: Session, admin_id: int, doing: str) -> User:
    admin = load_user(session, admin_id)
    if not admin.has_role(Role.ADMIN):
        raise Refused(f"Only an administrator can {doing}.")
    return admin


def people(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def find_person(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"No person with id {user_id}.")
    return user


def _write(wf: Workflow, action: str, actor_id: int, origin: Origin | None, work: Callable[[Session], T]) -> T:
    """Run one change; a refusal is recorded in its own transaction after the rollback."""
    try:
        return wf.db.write(work)
    except Refused as refusal:
        record_refusal(wf, action, None, actor_id, refusal, origin)
        raise


def create_user(wf: Workflow, admin_id: int, person: users.NewUser, *, origin: Origin | None = None) -> User:
    """`person` comes checked and hashed from `users.new_user`, outside the transaction."""

    def work(session: Session) -> User:
        admin = _administrator(session, admin_id, "add people")
        return users.add_user(session, person, actor_of(admin, origin), wf.clock.now())

    return _write(wf, "create_user", admin_id, origin, work)


def _change_person(
    wf: Workflow,
    admin_id: int,
    user_id: int,
    action: str,
    doing: str,
    change: Callable[[Session, User, User], Mapping[str, object]],
    origin: Origin | None,
) -> User:
    """Load the administrator and the person, apply `change` (which returns the audit
    details), and record it: the shape every change to someone else's account shares."""

    def work(session: Session) -> User:
        admin = _administrator(session, admin_id, doing)
        person = find_person(session, user_id)
        details = {"user": person.username, **change(session, admin, person)}
        audit.append(session, actor=actor_of(admin, origin), action=action, at=wf.clock.now(), details=details)
        return person

    return _write(wf, action, admin_id, origin, work)


def disable_user(wf: Workflow, admin_id: int, user_id: int, *, origin: Origin | None = None) -> User:
    """Disabling ends every session of the person at their next request."""

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id:
            raise Refused("You cannot disable your own account; ask another administrator.")
        if not person.active:
            raise InvalidInput(f"{person.display_name} is already disabled.")
        person.active = False
        end_sessions(session, person)
        return {}

    return _change_person(wf, admin_id, user_id, "disable_user", "disable an account", change, origin)


def enable_user(wf: Workflow, admin_id: int, user_id: int, *, origin: Origin | None = None) -> User:
    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.active:
            raise InvalidInput(f"{person.display_name} is already enabled.")
        person.active = True
        return {}

    return _change_person(wf, admin_id, user_id, "enable_user", "enable an account", change, origin)


def reset_password(
    wf: Workflow, admin_id: int, user_id: int, new_password: str, *, origin: Origin | None = None
) -> User:
    """A new password from the administrator ends every session of the person."""
    password_hash = users.hash_password(new_password)

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id:
            raise Refused("Change your own password on “My password”, which asks for the current one.")
        person.password_hash = password_hash
        end_sessions(session, person)
        return {}

    return _change_person(wf, admin_id, user_id, "reset_password", "reset a password", change, origin)


def set_roles(
    wf: Workflow, admin_id: int, user_id: int, roles: Iterable[str], *, origin: Origin | None = None
) -> User:
    """An administrator may not remove their own admin role, so one always remains."""
    new_roles = " ".join(r.value for r in users.parse_roles(roles))

    def change(session: Session, admin: User, person: User) -> Mapping[str, object]:
        if person.id == admin.id and Role.ADMIN.value not in new_roles.split():
            raise Refused("You cannot remove your own administrator role; ask another administrator.")
        previous, person.roles = person.roles, new_roles
        return {"from": previous, "to": new_roles}

    return _change_person(wf, admin_id, user_id, "set_roles", "change roles", change, origin)


def change_password(
    wf: Workflow, user_id: int, current_password: str, new_password: str, *, origin: Origin | None = None
) -> User:
    """Anyone's own password. Every other session of the person ends; the caller signs the
    current one in again with the returned user's new epoch."""
    with wf.db.read() as session:
        checked = load_user(session, user_id)
    if not users.password_matches(checked, current_password):
        refusal = Refused("Your current password is not right; nothing was changed.")
        record_refusal(wf, "change_password", None, user_id, refusal, origin)
        raise refusal
    if new_password == current_password:
        raise InvalidInput("The new password must differ from the current one.")
    password_hash = users.hash_password(new_password)

    def work(session: Session) -> User:
        user = load_user(session, user_id)
        if user.password_hash != checked.password_hash:
            raise Refused("Your password was changed meanwhile; nothing was changed. Sign in again.")
        user.password_hash = password_hash
        end_sessions(session, user)
        audit.append(session, actor=actor_of(user, origin), action="change_password", at=wf.clock.now())
        return user

    return _write(wf, "change_password", user_id, origin, work)


def _stored_form(key: str, value: object) -> object:
    """The JSON a parsed policy value is kept as: `policy_value` reads it back unchanged."""
    if key == "waiting_period":
        return int(value.total_seconds())
    if key == "legal_thresholds":
        return format_thresholds(value)
    return value


def _save_setting(session: Session, key: str, value: object, admin: User, now) -> None:
    setting = session.get(Setting, key) or Setting(key=key)
    setting.value = json.dumps(value, ensure_ascii=False)
    setting.updated_at = now
    setting.updated_by_id = admin.id
    session.add(setting)


def change_policy(
    wf: Workflow, admin_id: int, changes: Mapping[str, object], *, origin: Origin | None = None
) -> None:
    """Policy numbers (waiting period, legal thresholds, follow-up interval), all or none."""
    unknown = sorted(set(changes) - set(POLICY_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown setting “{unknown[0]}”.")
    values = {key: _stored_form(key, policy_value(key, raw)) for key, raw in changes.items()}

    def work(session: Session) -> None:
        admin = _administrator(session, admin_id, "change the policy")
        policy = effective_policy(session, wf.config.policy)
        previous = {key: _stored_form(key, getattr(policy, key)) for key in values}
        changed = {key: value for key, value in values.items() if previous[key] != value}
        if not changed:
            return
        now = wf.clock.now()
        for key, value in changed.items():
            _save_setting(session, key, value, admin, now)
        audit.append(
            session, actor=actor_of(admin, origin), action="change_setting", at=now,
            details={key: {"from": previous[key], "to": value} for key, value in changed.items()},
        )

    _write(wf, "change_setting", admin_id, origin, work)


def _company_value(name: str, raw: str) -> str:
    value = raw.replace("\r\n", "\n").strip()
    if name != "address" and "\n" in value:
        raise InvalidInput(f"The company {name} must be on one line.")
    if len(value) > COMPANY_LIMITS[name]:
        raise InvalidInput(f"The company {name} can be at most {COMPANY_LIMITS[name]} characters.")
    if name == "name" and not value:
        raise InvalidInput("The company name cannot be empty: every letter is signed with it.")
    if name == "email" and value and "@" not in value:
        raise InvalidInput(f"“{value}” is not an e-mail address.")
    return value


def change_company(
    wf: Workflow, admin_id: int, details: Mapping[str, str], *, origin: Origin | None = None
) -> None:
    """The letterhead and contact details every final letter carries."""
    unknown = sorted(set(details) - set(COMPANY_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown company detail “{unknown[0]}”.")
    values = {name: _company_value(name, raw) for name, raw in details.items()}

    def work(session: Session) -> None:
        admin = _administrator(session, admin_id, "change the company details")
        current = effective_company(session, wf.config.company)
        changed = {name: value for name, value in values.items() if getattr(current, name) != value}
        if not changed:
            return
        now = wf.clock.now()
        for name, value in changed.items():
            _save_setting(session, company_setting(name), value, admin, now)
        audit.append(
            session, actor=actor_of(admin, origin), action="change_company", at=now,
            details={name: {"from": getattr(current, name), "to": value} for name, value in changed.items()},
        )

    _write(wf, "change_company", admin_id, origin, work)


def template_language(kind: DocumentKind, language: str) -> str:
    """Letters have a template per language; the reviewers' packets one for all ("")."""
    if not kind.per_language:
        return ""
    if language not in LANGUAGES:
        raise InvalidInput(f"Choose the letter language of the template: {', '.join(LANGUAGES)}.")
    return language


def document_kind(name: str) -> DocumentKind:
    try:
        return DocumentKind(name)
    except ValueError:
        raise InvalidInput(f"Unknown document kind “{name}”.") from None


def upload_template(
    wf: Workflow, admin_id: int, kind_name: str, language: str, content: bytes, *, origin: Origin | None = None
) -> DocumentTemplate:
    """Checked before it is stored: a template naming an unknown field would break letters."""
    kind = document_kind(kind_name)
    language = template_language(kind, language)
    validate_template(kind, content, language or None)
    sha256 = hashlib.sha256(content).hexdigest()

    def work(session: Session) -> DocumentTemplate:
        admin = _administrator(session, admin_id, "upload templates")
        now = wf.clock.now()
        template = session.get(DocumentTemplate, (kind.value, language)) or DocumentTemplate(
            kind=kind.value, language=language
        )
        template.content, template.sha256 = content, sha256
        template.uploaded_by_id, template.uploaded_at = admin.id, now
        session.add(template)
        audit.append(
            session, actor=actor_of(admin, origin), action="upload_template", at=now, content_sha256=sha256,
            details={"kind": kind.value, "language": language, "size": len(content), "sha256": sha256},
        )
        return template

    return _write(wf, "upload_template", admin_id, origin, work)


def uploaded_template(session: Session, kind: DocumentKind, language: str) -> bytes | None:
    """The administrator's template for `kind`, or None to use the shipped one."""
    key = (kind.value, language if kind.per_language else "")
    template = session.get(DocumentTemplate, key)
    return template.content if template else None


def uploaded_templates(session: Session) -> list[DocumentTemplate]:
    return list(session.scalars(select(DocumentTemplate).order_by(DocumentTemplate.kind, DocumentTemplate.language)))
