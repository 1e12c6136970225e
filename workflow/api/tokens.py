"""API tokens: made and revoked by administrators, shown once, kept as a SHA-256.

A token's secret is 256 random bits, so a fast hash is as safe as a slow one: argon2 is
for passwords people choose, which are guessable; nobody can guess 2^256 secrets, and a
SHA-256 lets each request find its token by an indexed equality instead of paying argon2's
~50 ms and memory on every call.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from workflow.api.models import ApiToken
from workflow.audit import actors, chain
from workflow.audit.actions import Action
from workflow.audit.actors import Actor, Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput, NotFound
from workflow.installation import Installation
from workflow.people.accounts import NewUser
from workflow.people.authority import require_admin
from workflow.people.directory import active
from workflow.people.models import User
from workflow.people.roles import Role

SECRET_PREFIX = "tf_"


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return {"read": "Read letters", "write": "Write letters", "review": "Act as reviewer"}[self.value]


class TokenKind(StrEnum):
    PERSONAL = "personal"
    SERVICE = "service"


@dataclass(frozen=True)
class NewToken:
    """The one moment the secret exists outside the caller's hands: show it, then forget it."""

    id: int
    name: str
    secret: str


@dataclass(frozen=True)
class Bearer:
    """Who is calling through a token, as each request needs it."""

    token_id: int
    token_name: str
    kind: str
    user_id: int
    scopes: frozenset[Scope]

    @property
    def via(self) -> str:
        """How the audit trail names the token beside the person or service behind it."""
        return f"token {self.token_id} “{self.token_name}” ({self.kind})"

    def origin(self, origin: Origin) -> Origin:
        return Origin(origin.address, origin.request_id, self.via)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(names: list[str] | tuple[str, ...]) -> frozenset[Scope]:
    wrong = [n for n in names if n not in Scope._value2member_map_]
    if wrong or not names:
        raise InvalidInput(f"Scopes must be some of {', '.join(Scope)}; got “{' '.join(names) or 'none'}”.")
    return frozenset(Scope(n) for n in names)


def service_account(name: str, roles: list[str]) -> NewUser:
    """A service account is a person who cannot sign in: it has no password, only tokens."""
    username = f"svc-{name.strip().lower().replace(' ', '-')}"[:64]
    wrong = [r for r in roles if r not in Role._value2member_map_ or r == Role.ADMIN]
    if wrong:
        raise InvalidInput(f"A service account's roles are some of author, peer_reviewer, legal_reviewer; got {wrong}.")
    return NewUser(username, f"{name.strip()} (service account)", "", "", "", " ".join(roles), "!")


def create_token(
    installation: Installation,
    *,
    name: str,
    user_id: int,
    scopes: frozenset[Scope],
    kind: TokenKind = TokenKind.PERSONAL,
    admin_id: int | None = None,
    origin: Origin | None = None,
    actor: Actor | None = None,
) -> NewToken:
    """A new token for a person or a service account; an administrator from the pages
    (`admin_id`), or the command line as `actor`."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("A token needs a name of at most 100 characters (say what uses it).")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)

    def work(session: Session) -> NewToken:
        admin = None if admin_id is None else require_admin(session, admin_id, "create API tokens")
        person = session.get(User, user_id)
        if person is None:
            raise NotFound(f"No person with id {user_id}.")
        active(person)
        now = installation.clock.now()
        token = ApiToken(
            name=name,
            kind=kind.value,
            user_id=user_id,
            prefix=secret[:10],
            secret_sha256=secret_hash(secret),
            scopes=" ".join(sorted(scopes)),
            created_at=now,
            created_by=admin_id,
        )
        session.add(token)
        session.flush()
        assert token.id is not None
        chain.append(
            session,
            actor=actor or (actors.SYSTEM if admin is None else actor_of(admin, origin)),
            action=Action.CREATE_TOKEN,
            at=now,
            details={"token": token.id, "name": name, "user": person.username, "scopes": token.scopes, "kind": kind},
        )
        return NewToken(token.id, name, secret)

    if admin_id is None:
        return installation.db.write(work)
    return write_recorded(installation, Action.CREATE_TOKEN, admin_id, origin, work)


def revoke_token(
    installation: Installation,
    token_id: int,
    *,
    admin_id: int | None = None,
    origin: Origin | None = None,
    actor: Actor | None = None,
) -> None:
    """From the next request on, the token is refused; the row stays, for the record."""

    def work(session: Session) -> None:
        admin = None if admin_id is None else require_admin(session, admin_id, "revoke API tokens")
        token = session.get(ApiToken, token_id)
        if token is None:
            raise NotFound(f"No API token with id {token_id}.")
        if token.revoked_at is not None:
            raise InvalidInput(f"The token “{token.name}” was already revoked.")
        now = installation.clock.now()
        token.revoked_at = now
        chain.append(
            session,
            actor=actor or (actors.SYSTEM if admin is None else actor_of(admin, origin)),
            action=Action.REVOKE_TOKEN,
            at=now,
            details={"token": token_id, "name": token.name},
        )

    if admin_id is None:
        installation.db.write(work)
    else:
        write_recorded(installation, Action.REVOKE_TOKEN, admin_id, origin, work)


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    kind: str
    prefix: str
    username: str
    scopes: str
    created_at: str
    last_used_at: str
    revoked: bool


def list_tokens(session: Session) -> list[TokenRow]:
    rows = session.execute(
        select(ApiToken, col(User.username))
        .join(User, col(User.id) == col(ApiToken.user_id))
        .order_by(col(ApiToken.id))
    ).all()
    return [
        TokenRow(
            t.id or 0,
            t.name,
            t.kind,
            t.prefix,
            username,
            t.scopes,
            f"{t.created_at:%Y-%m-%d %H:%M}",
            f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never",
            t.revoked_at is not None,
        )
        for t, username in rows
    ]


_BEARER = (
    select(
        col(ApiToken.id),
        col(ApiToken.name),
        col(ApiToken.kind),
        col(ApiToken.user_id),
        col(ApiToken.scopes),
        col(ApiToken.revoked_at),
        col(User.active),
    )
    .join(User, col(User.id) == col(ApiToken.user_id))
    .where(col(ApiToken.secret_sha256) == bindparam("sha256"))
)
"""Built once: every request asks it, and the columns are all it needs (no ORM objects)."""


def bearer_of(session: Session, secret: str) -> Bearer | None:
    """The live token this secret belongs to, with a person behind it who may still act."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    found = session.connection().execute(_BEARER, {"sha256": secret_hash(secret)}).first()
    if found is None or found.revoked_at is not None or not found.active:
        return None
    return Bearer(found.id, found.name, found.kind, found.user_id, frozenset(Scope(s) for s in found.scopes.split()))
