"""A letter's timeline for a person at work: downloads grouped and named, and refused
attempts shown to the person who made them and to those who read the whole trail."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import World
from workflow.audit.events import letter_events
from workflow.audit.models import AuditEvent
from workflow.audit.report import DOCUMENTS, describe, refusals_shown_to, timeline
from workflow.documents import downloads
from workflow.documents.kinds import DocumentKind, StoredKind
from workflow.errors import Refused

NAMES = {"ana": "Ana Petrova", "ben": "Ben Okafor", "dan": "Dan Admin"}
EVERYTHING = refusals_shown_to("dan", reads_whole_trail=True)


def _events(world: World, letter_id: int) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return letter_events(session, letter_id)


def test_every_kind_of_document_has_its_words() -> None:
    assert {k.value for k in DocumentKind} | {k.value for k in StoredKind} == set(DOCUMENTS)


def test_repeated_downloads_are_one_line_naming_the_document(world: World) -> None:
    letter = world.approved(world.letter())
    ana, ben = world.people["ana"].id, world.people["ben"].id
    for _ in range(3):
        world.clock.advance(timedelta(minutes=5))
        downloads.stage_document(world.installation, letter.id, "final-pdf", ana)
    downloads.stage_document(world.installation, letter.id, "final", ben)
    world.clock.advance(timedelta(minutes=5))
    downloads.stage_document(world.installation, letter.id, "final", ana)
    lines = [line.sentence for line in timeline(_events(world, letter.id), NAMES, EVERYTHING)]
    assert lines[-3:] == [
        "Ana Petrova downloaded the final letter (PDF), version 1, 3 times, the last on 6 January 2026 at 09:15 UTC",
        "Ben Okafor downloaded the final letter (Word), version 1 on 6 January 2026 at 09:15 UTC",
        "Ana Petrova downloaded the final letter (Word), version 1 on 6 January 2026 at 09:20 UTC",
    ]


def test_a_download_between_other_events_is_not_merged_across_them(world: World) -> None:
    letter = world.letter()
    ana = world.people["ana"].id
    downloads.stage_document(world.installation, letter.id, "draft", ana)
    world.fire("edit", letter, "ana", body="A second text.")
    downloads.stage_document(world.installation, letter.id, "draft", ana)
    downloads.stage_document(world.installation, letter.id, "draft", ana)
    lines = [line.sentence for line in timeline(_events(world, letter.id), NAMES, EVERYTHING)]
    assert lines[1:] == [
        "Ana Petrova downloaded the draft copy, version 1 on 5 January 2026 at 09:00 UTC",
        "Ana Petrova wrote version 2 on 5 January 2026 at 09:00 UTC",
        "Ana Petrova downloaded the draft copy, version 2, twice, the last on 5 January 2026 at 09:00 UTC",
    ]


@pytest.mark.parametrize(
    ("details", "sentence"),
    [
        (
            {"document_id": 7, "filename": "TL-2026-00001 final v4.docx", "sha256": "ab"},
            "the file “TL-2026-00001 final v4.docx”",
        ),
        ({"kind": "comparison", "old": 3, "new": 4, "filename": "x.docx"}, "the comparison of versions 3 and 4"),
        ({"kind": "peer-review", "filename": "x.docx"}, "the peer-review packet, version 4"),
        ({}, "a document, version 4"),
    ],
)
def test_older_download_events_still_read_sensibly(details: dict, sentence: str) -> None:
    event = AuditEvent(
        seq=3,
        at=datetime(2026, 5, 12, 14, 2, tzinfo=UTC),
        actor="ana",
        action="download",
        version=4,
        details=json.dumps(details),
        prev_hash="0" * 64,
        hash="1" * 64,
    )
    assert describe(event, NAMES) == f"Ana Petrova downloaded {sentence} on 12 May 2026 at 14:02 UTC"


def test_a_refused_attempt_is_shown_to_its_maker_and_the_trail_s_readers_only(world: World) -> None:
    letter = world.letter()
    with pytest.raises(Refused):
        world.fire("finish_draft", letter, "ben")
    events = _events(world, letter.id)

    def refused_lines(shown) -> list[str]:
        return [line.sentence for line in timeline(events, NAMES, shown) if line.refused]

    assert refused_lines(refusals_shown_to("ana", reads_whole_trail=False)) == []
    assert refused_lines(refusals_shown_to("ben", reads_whole_trail=False)) == [
        "Ben Okafor tried to finish the draft of version 1 on 5 January 2026 at 09:00 UTC but was refused: "
        "Only the letter's author can do this."
    ]
    assert len(refused_lines(refusals_shown_to("dan", reads_whole_trail=True))) == 1
    assert [line.sentence for line in timeline(events, NAMES, refusals_shown_to("ana", False))] == [
        "Ana Petrova created version 1 on 5 January 2026 at 09:00 UTC"
    ]
