"""Sending webhooks: claim each with a lease, POST it with no transaction open, write
the outcome. A worker killed after the receiver answered and before the outcome was
written leaves a claim whose lease runs out; the next worker sends the same delivery again,
with the same id and body, so delivery is at least once and the receiver de-duplicates.
Failures are retried with the outbox's backoff; the last attempt fails it for the log."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlmodel import Session, col

from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.outbox.backoff import given_up, next_attempt
from workflow.storage.orm import table
from workflow.webhooks.addresses import check_url
from workflow.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from workflow.webhooks.signing import HEADER, signature

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
"""Longer than one POST can take (TIMEOUT), so a live worker's claim never runs out."""
TIMEOUT = 15
BATCH = 20

_DELIVERIES = table(WebhookDelivery)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead anywhere, past the address check: it counts as a failure."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def deliver_webhooks(installation: Installation, worker: str, batch: int = BATCH) -> int:
    """Send up to `batch` due deliveries; how many were tried. Each is claimed just before
    its POST, so a claim that runs out always marks an attempt under way when its worker died."""
    tried = 0
    while tried < batch and (delivery_id := _claim(installation, worker)) is not None:
        _send(installation, delivery_id)
        tried += 1
    return tried


def _claim(installation: Installation, worker: str) -> str | None:
    """Lease the next due delivery to this worker. If an earlier claim on it ran out, its
    worker died during that attempt: the attempt is counted and said in the log, so a
    delivery that kills every worker that tries it runs out of attempts and fails, unsent
    again, like one the receiver refuses every time."""
    now = installation.clock.now()

    def work(session: Session) -> str | None:
        while (found := _claim_one(session, worker, now)) is not None:
            delivery_id, to_send = found
            if to_send:
                return delivery_id
        return None

    return installation.db.write(work)


def _claim_one(session: Session, worker: str, now: datetime) -> tuple[str, bool] | None:
    """The next due delivery, claimed, and whether to send it: not when the attempt its
    lost claim counted was its last (it has failed)."""
    due = (
        select(_DELIVERIES.c.id, _DELIVERIES.c.claimed_by, _DELIVERIES.c.claimed_until, _DELIVERIES.c.attempts)
        .where(
            _DELIVERIES.c.state == DeliveryState.PENDING.value,
            _DELIVERIES.c.next_attempt_at <= now,
            or_(_DELIVERIES.c.claimed_until.is_(None), _DELIVERIES.c.claimed_until < now),
        )
        .order_by(_DELIVERIES.c.next_attempt_at)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    row = session.execute(due).first()
    if row is None:
        return None
    claim: dict[str, object] = {"claimed_by": worker[:100], "claimed_until": now + LEASE}
    if row.claimed_until is not None:
        claim["attempts"] = row.attempts + 1
        claim["last_error"] = (
            f"An attempt by worker {row.claimed_by} was lost: it wrote no outcome "
            f"before its claim ran out at {row.claimed_until:%Y-%m-%d %H:%M:%S} UTC."
        )
        if given_up(row.attempts + 1):
            claim.update(state=DeliveryState.FAILED.value, claimed_by="", claimed_until=None)
    session.execute(update(WebhookDelivery).where(col(WebhookDelivery.id) == row.id).values(**claim))
    return str(row.id), claim.get("state") != DeliveryState.FAILED.value


def _post(url: str, secret: str, delivery: WebhookDelivery, timestamp: int, allow_private: bool) -> int:
    """The receiver's status; raises OSError or InvalidInput when nothing was answered."""
    check_url(url, allow_private)
    body = delivery.payload.encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "tactful-webhooks",
            HEADER: signature(secret, timestamp, body),
            "Tactful-Delivery": delivery.id,
            "Tactful-Event": delivery.event,
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as answered:
        return int(answered.code)


def _send(installation: Installation, delivery_id: str) -> None:
    with installation.db.read() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id) if delivery else None
    if delivery is None or endpoint is None:
        return
    status: int | None = None
    error = ""
    try:
        status = _post(
            endpoint.url,
            endpoint.secret,
            delivery,
            int(installation.clock.now().timestamp()),
            installation.config.webhooks_allow_private,
        )
    except InvalidInput as refused:
        error = refused.message
    except (OSError, ValueError) as failure:
        error = f"No answer from {endpoint.url}: {failure}"
    if status is not None and not 200 <= status < 300:
        error = f"{endpoint.url} answered {status}."
    _note(installation, delivery_id, status, error)


def _note(installation: Installation, delivery_id: str, status: int | None, error: str) -> None:
    """Write an attempt's outcome. A success keeps the last error, so the log still says
    what went wrong before it (a failed or a lost attempt)."""
    now = installation.clock.now()

    def work(session: Session) -> None:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            return
        delivery.attempts += 1
        delivery.last_status = status
        delivery.claimed_until = None
        if not error:
            delivery.state = DeliveryState.DELIVERED.value
            delivery.delivered_at = now
            return
        delivery.last_error = error
        if given_up(delivery.attempts):
            delivery.state = DeliveryState.FAILED.value
        else:
            delivery.next_attempt_at = next_attempt(now, delivery.attempts)

    installation.db.write(work)
    if error:
        log.warning("webhook %s: %s", delivery_id, error)
