"""A reviewer's words with every decision: optional with an approval, required to ask for
changes, to escalate and with a hand-back; kept in the review and the audit event, and read
by the lawyer in the packet and by the author beside the editor."""

from __future__ import annotations

import pytest

from tests.conftest import WAIT, World, word_file
from tests.documents.helpers import visible_text
from workflow.audit.events import letter_events
from workflow.documents import downloads
from workflow.errors import Refused
from workflow.letters.loading import reviews_of
from workflow.letters.models import Letter, Review
from workflow.letters.queries import letter_detail


def _reviews(world: World, letter: Letter) -> list[Review]:
    with world.installation.db.read() as session:
        return reviews_of(session, letter.id)


def _comment_of(world: World, letter: Letter, action: str) -> str:
    with world.installation.db.read() as session:
        return next(e.comment for e in letter_events(session, letter.id) if e.action == action and e.outcome == "ok")


def _sent_back(world: World, letter: Letter) -> Review | None:
    with world.installation.db.read() as session:
        return letter_detail(session, letter.id).sent_back


def test_approvals_keep_an_optional_comment_and_the_lawyer_reads_the_peer_s(world: World) -> None:
    letter = world.to_review(world.letter("5000.00"))
    world.fire("approve_tone", letter, "ben", comment="Tone is right; the amount needs legal.")
    assert _reviews(world, letter)[-1].comment == "Tone is right; the amount needs legal."
    assert _comment_of(world, letter, "approve_tone") == "Tone is right; the amount needs legal."
    packet = downloads.stage_document(world.installation, letter.id, "legal-review", world.people["carla"].id)
    assert "“Tone is right; the amount needs legal.”" in visible_text(packet.content)

    world.fire("approve_legal", letter, "carla")
    assert _reviews(world, letter)[-1].comment == ""


def test_a_legal_approval_keeps_its_comment(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    world.fire("approve_legal", letter, "carla", comment="Clause 4 quoted correctly.")
    assert [(r.stage, r.decision, r.comment) for r in _reviews(world, letter)][-1] == (
        "legal",
        "approved",
        "Clause 4 quoted correctly.",
    )
    assert _comment_of(world, letter, "approve_legal") == "Clause 4 quoted correctly."


@pytest.mark.parametrize(
    ("trigger", "sentence"),
    [
        ("request_changes", "A comment is required: say what should change and why."),
        ("escalate_to_legal", "A comment is required: say why a lawyer should read this letter."),
    ],
)
def test_asking_for_changes_or_escalating_needs_the_reviewer_s_words(world: World, trigger: str, sentence: str) -> None:
    letter = world.to_review(world.letter())
    with pytest.raises(Refused, match=sentence):
        world.fire(trigger, letter, "ben", comment="   ")


def test_a_hand_back_carries_the_lawyer_s_note_to_the_author(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "ben")
    edited = ("edited.docx", word_file("Dear Mary,", "We delivered on time, as agreed.", "Regards"))
    with pytest.raises(Refused, match="A note for the author is required"):
        world.fire("hand_back", letter, "carla", upload=edited)
    letter = world.fire("hand_back", letter, "carla", upload=edited, comment="Removed the second paragraph.")
    handed = _reviews(world, letter)[-1]
    assert (handed.stage, handed.decision, handed.version, handed.void) == ("legal", "handed_back", 1, True)
    assert handed.comment == "Removed the second paragraph."
    assert _comment_of(world, letter, "hand_back") == "Removed the second paragraph."
    assert _sent_back(world, letter) == handed


def test_the_change_request_stays_beside_the_draft_until_it_is_submitted_again(world: World) -> None:
    letter = world.to_review(world.letter())
    assert _sent_back(world, letter) is None
    letter = world.fire("request_changes", letter, "ben", comment="Warmer, please.")
    asked = _sent_back(world, letter)
    assert asked is not None and (asked.decision, asked.comment) == ("changes_requested", "Warmer, please.")
    world.fire("edit", letter, "ana", body="A warmer text.")
    world.fire("finish_draft", letter, "ana")
    assert _sent_back(world, letter) == asked
    world.clock.advance(WAIT)
    world.fire("submit_for_review", letter, "ana")
    assert _sent_back(world, letter) is None
