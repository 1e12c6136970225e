"""Registering webhook endpoints: an administrator's change, recorded like any other."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from workflow.audit import actors, chain
from workflow.audit.actions import Action
from workflow.audit.actors import Actor, Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.errors import InvalidInput, NotFound
from workflow.installation import Installation
from workflow.people.authority import require_admin
from workflow.webhooks.addresses import check_url
from workflow.webhooks.models import WebhookDelivery, WebhookEndpoint

EVENTS = ("created", "submitted", "approved", "sent", "archived", "withdrawn", "overdue")


@dataclass(frozen=True)
class NewEndpoint:
    id: int
    secret: str


def parse_events(names: list[str] | tuple[str, ...]) -> str:
    wrong = [n for n in names if n not in EVENTS]
    if wrong or not names:
        raise InvalidInput(f"Events must be some of {', '.join(EVENTS)}; got “{' '.join(names) or 'none'}”.")
    return " ".join(e for e in EVENTS if e in names)


def add_endpoint(
    installation: Installation,
    url: str,
    events: list[str] | tuple[str, ...],
    *,
    secret: str = "",
    admin_id: int | None = None,
    origin: Origin | None = None,
    actor: Actor | None = None,
) -> NewEndpoint:
    """A new endpoint; without a secret, one is made (shown once, like a token)."""
    url = check_url(url, installation.config.webhooks_allow_private)
    wanted = parse_events(events)
    secret = secret.strip() or "whsec_" + secrets.token_urlsafe(32)
    if len(secret) < 16 or len(secret) > 200:
        raise InvalidInput("A webhook secret must be 16 to 200 characters long.")

    def work(session: Session) -> NewEndpoint:
        admin = None if admin_id is None else require_admin(session, admin_id, "register webhooks")
        now = installation.clock.now()
        endpoint = WebhookEndpoint(url=url, secret=secret, events=wanted, created_at=now)
        session.add(endpoint)
        session.flush()
        assert endpoint.id is not None
        chain.append(
            session,
            actor=actor or (actors.SYSTEM if admin is None else actor_of(admin, origin)),
            action=Action.ADD_WEBHOOK,
            at=now,
            details={"endpoint": endpoint.id, "url": url, "events": wanted},
        )
        return NewEndpoint(endpoint.id, secret)

    if admin_id is None:
        return installation.db.write(work)
    return write_recorded(installation, Action.ADD_WEBHOOK, admin_id, origin, work)


def remove_endpoint(installation: Installation, endpoint_id: int, admin_id: int, origin: Origin | None = None) -> None:
    """Switch an endpoint off: nothing more is written for it, its log stays."""

    def work(session: Session) -> None:
        admin = require_admin(session, admin_id, "switch off webhooks")
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        if endpoint is None:
            raise NotFound(f"No webhook endpoint with id {endpoint_id}.")
        endpoint.active = False
        chain.append(
            session,
            actor=actor_of(admin, origin),
            action=Action.REMOVE_WEBHOOK,
            at=installation.clock.now(),
            details={"endpoint": endpoint_id, "url": endpoint.url},
        )

    write_recorded(installation, Action.REMOVE_WEBHOOK, admin_id, origin, work)


@dataclass(frozen=True)
class EndpointRow:
    endpoint: WebhookEndpoint
    pending: int
    failed: int


def endpoints(session: Session) -> list[EndpointRow]:
    counts = {
        (endpoint_id, state): n
        for endpoint_id, state, n in session.execute(
            select(col(WebhookDelivery.endpoint_id), col(WebhookDelivery.state), func.count()).group_by(
                col(WebhookDelivery.endpoint_id), col(WebhookDelivery.state)
            )
        ).all()
    }
    found = session.scalars(select(WebhookEndpoint).order_by(col(WebhookEndpoint.id))).all()
    return [EndpointRow(e, counts.get((e.id, "pending"), 0), counts.get((e.id, "failed"), 0)) for e in found]


def delivery_log(session: Session, endpoint_id: int, limit: int = 200) -> tuple[WebhookEndpoint, list[WebhookDelivery]]:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint with id {endpoint_id}.")
    rows = session.scalars(
        select(WebhookDelivery)
        .where(col(WebhookDelivery.endpoint_id) == endpoint_id)
        .order_by(col(WebhookDelivery.created_at).desc())
        .limit(limit)
    ).all()
    return endpoint, list(rows)
