"""Creating a letter once per Idempotency-Key: the answer is kept, scoped to the token, in
the transaction that creates the letter, so a helpdesk that retries gets the same answer
and never a second letter; the same key with a different request is refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from workflow.api.models import IdempotentRequest
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.letters.models import Letter

KEY_LENGTH = 200


@dataclass(frozen=True)
class Answer:
    """The response body as first given, and whether this call is a replay of it."""

    body: str
    letter_id: int
    replayed: bool


def request_hash(payload: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _kept(installation: Installation, token_id: int, key: str, fingerprint: str) -> Answer | None:
    with installation.db.read() as session:
        kept = session.get(IdempotentRequest, (token_id, key))
    if kept is None:
        return None
    if kept.request_sha256 != fingerprint:
        raise InvalidInput(
            "This Idempotency-Key was already used for a different request; "
            "use a new key for a new letter. Nothing was created."
        )
    return Answer(kept.response, kept.letter_id, True)


def once(
    installation: Installation,
    token_id: int,
    key: str,
    payload: Mapping[str, object],
    create: Callable[[Callable[[Session, Letter], None]], Letter],
    answer: Callable[[Letter], Mapping[str, object]],
) -> Answer:
    """Run `create` once per (token, key). `create` receives the hook to call inside its own
    transaction, which keeps the answer beside the new letter."""
    if not key or len(key) > KEY_LENGTH:
        raise InvalidInput(f"The Idempotency-Key header is required, at most {KEY_LENGTH} characters.")
    fingerprint = request_hash(payload)
    kept = _kept(installation, token_id, key, fingerprint)
    if kept is not None:
        return kept
    made: dict[str, str] = {}

    def keep(session: Session, letter: Letter) -> None:
        assert letter.id is not None
        made["body"] = json.dumps(answer(letter))
        session.add(
            IdempotentRequest(
                token_id=token_id,
                key=key,
                request_sha256=fingerprint,
                letter_id=letter.id,
                response=made["body"],
                created_at=installation.clock.now(),
            )
        )
        session.flush()

    try:
        letter = create(keep)
    except IntegrityError:
        again = _kept(installation, token_id, key, fingerprint)
        if again is None:
            raise
        return again
    assert letter.id is not None
    return Answer(made["body"], letter.id, False)
