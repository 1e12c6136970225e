"""Fixtures for the audit export tests: a signing key on disk and a history worth exporting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import World
from workflow.audit import actors, chain, signing
from workflow.storage.db import Database

# Text an attacker or a careless user could get into the record: line breaks that try to
# start a new CSV row or JSONL line, quotes, spreadsheet formulas, control and non-ASCII
# characters.
NASTY = (
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tindented",
    "\rcarriage",
    'ok\r\n999,"2026-01-01T00:00:00Z","forged"',
    'quote " and backslash \\ and comma ,',
    "line\nbreak",
    "bell\x07 nul-less \x1f",
    "Ünïcödé ✓ 😀 \u2028 \x7f",
)


@pytest.fixture
def key(tmp_path: Path) -> signing.SigningKey:
    return signing.generate_key(tmp_path / "keys" / "chain.key")


def add_event(
    db: Database, world: World, *, actor: str = "ana", request_id: str = "", action: str = "download", **fields
) -> None:
    """An event as another part of the system (sign-in, downloads) would record it."""
    who = actors.Actor(actor, "author", "192.0.2.1", request_id)
    db.write(lambda session: chain.append(session, actor=who, action=action, at=world.clock.now(), **fields))


@pytest.fixture
def history(world: World) -> World:
    """Two letters through their whole lives, a refusal, and events carrying nasty text."""
    world.sent(world.letter("100.00", customer_name="Mary Smith"))
    big = world.letter("2000.00", customer_name="John Roe")
    world.fire("request_changes", world.to_review(big), "ben", comment="Too blunt:\r\nsoften it")
    for index, nasty in enumerate(NASTY):
        add_event(
            world.installation.db,
            world,
            actor=nasty[:64],
            comment=nasty,
            request_id=nasty[:64],
            letter_id=big.id,
            letter_ref=big.reference,
            details={"text": nasty, "n": index},
        )
    return world
