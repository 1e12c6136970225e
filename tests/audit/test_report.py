"""A letter's events in plain words, as the record sheet and the timeline show them."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import World
from workflow.audit.events import letter_events
from workflow.audit.models import AuditEvent
from workflow.audit.report import describe

NAMES = {"ana": "Ana Petrova", "ben": "Ben Okafor", "carla": "Carla Demir"}


def test_the_issue_s_example_sentence() -> None:
    event = AuditEvent(
        seq=9,
        at=datetime(2026, 5, 12, 14, 2, 31, tzinfo=UTC),
        actor="ana",
        action="approve_tone",
        version=3,
        prev_hash="0" * 64,
        hash="1" * 64,
    )
    assert describe(event, NAMES) == "Ana Petrova approved the tone of version 3 on 12 May 2026 at 14:02 UTC"


def test_a_letter_s_life_in_plain_words(world: World) -> None:
    letter = world.letter()
    world.fire("request_changes", world.to_review(letter), "ben", comment="Too blunt;\r\nsoften the second paragraph")
    world.fire("send", world.approved(letter), "ana", channel="registered_mail", sent_on=world.clock.now().date())
    with world.installation.db.read() as session:
        sentences = [describe(event, NAMES) for event in letter_events(session, letter.id)]
    assert sentences[0] == "Ana Petrova created version 1 on 5 January 2026 at 09:00 UTC"
    assert (
        "Ben Okafor asked for changes to version 1 on 6 January 2026 at 09:00 UTC: "
        "“Too blunt; soften the second paragraph”" in sentences
    )
    assert sentences[-1].startswith("Ana Petrova sent version 1 to the customer by registered mail on ")
    assert all("\n" not in sentence and "\r" not in sentence for sentence in sentences)


def test_refusals_and_unknown_people_and_actions(world: World) -> None:
    refused = AuditEvent(
        seq=4,
        at=datetime(2026, 5, 12, 8, 5, tzinfo=UTC),
        actor="ana",
        action="approve_tone",
        outcome="refused",
        version=2,
        comment="You wrote this letter,\nso someone else must review it.",
        prev_hash="0" * 64,
        hash="1" * 64,
    )
    assert describe(refused, NAMES) == (
        "Ana Petrova tried to approve the tone of version 2 on 12 May 2026 at 08:05 UTC but was refused: "
        "You wrote this letter, so someone else must review it."
    )
    other = AuditEvent(
        seq=5,
        at=datetime(2026, 5, 12, 8, 5, tzinfo=UTC),
        actor="zed",
        action="print_copy",
        prev_hash="0" * 64,
        hash="2" * 64,
    )
    assert describe(other, NAMES) == "zed did “print copy” on 12 May 2026 at 08:05 UTC"
    other.version = 4
    assert describe(other, NAMES) == "zed did “print copy” on version 4 on 12 May 2026 at 08:05 UTC"
