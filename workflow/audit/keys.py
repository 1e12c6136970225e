"""Setting up the audit signing key where the installation keeps it, and recording that.

An export must be signed, so an installation without its key cannot hand out the trail.
`tactful audit keygen` makes one anywhere; these use cases make it at the configured path
(by default the instance folder), for the demo and for an administrator on the Audit trail
page, and put the new key's id in the trail so a verifier knows from when it signs.
"""

from __future__ import annotations

from sqlmodel import Session

from workflow.audit import chain, signing
from workflow.audit.actions import Action
from workflow.audit.actors import Actor, Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.people.authority import require_admin, why_not_admin
from workflow.people.models import User


def _create_key(session: Session, installation: Installation, actor: Actor) -> signing.SigningKey:
    """Write the key files and the event in the caller's transaction; an existing key is
    never overwritten (generate_key refuses before anything is written)."""
    path = installation.config.audit_key_path
    if path is None:
        raise InvalidInput("This installation has no place set for its audit signing key (TACTFUL_AUDIT_KEY).")
    key = signing.generate_key(path)
    details = {"key_id": key.key_id, "public_key": str(signing.public_key_path(path))}
    chain.append(session, actor=actor, action=Action.CREATE_AUDIT_KEY, at=installation.clock.now(), details=details)
    return key


def set_up_signing_key(installation: Installation, actor: Actor) -> signing.SigningKey:
    """The key made for the installation by a command (the demo), not by a person's page."""
    return installation.db.write(lambda session: _create_key(session, installation, actor))


CREATING_THE_KEY = "create the audit signing key"


def why_not_create_signing_key(user: User) -> str | None:
    return why_not_admin(user, CREATING_THE_KEY)


def create_signing_key(
    installation: Installation, admin_id: int, *, origin: Origin | None = None
) -> signing.SigningKey:
    """An administrator makes the key from the Audit trail page."""

    def work(session: Session) -> signing.SigningKey:
        admin = require_admin(session, admin_id, CREATING_THE_KEY)
        return _create_key(session, installation, actor_of(admin, origin))

    return write_recorded(installation, Action.CREATE_AUDIT_KEY, admin_id, origin, work)
