"""Taking, releasing and assigning a review: only the holder acts, the others are told who
holds it, and every change is an audit event naming both people."""

from __future__ import annotations

import pytest

from tests.assignments.conftest import details, events, sentence
from tests.conftest import World
from workflow.assignments.services import assign_review, release_review, take_review
from workflow.errors import Refused
from workflow.letters.models import Letter


def _take(world: World, letter: Letter, who: str) -> Letter:
    return take_review(world.installation, letter.id, world.people[who].id)


def _assign(world: World, letter: Letter, to: str, by: str = "dan") -> Letter:
    return assign_review(world.installation, letter.id, world.people[by].id, world.people[to].id)


def _release(world: World, letter: Letter, who: str) -> Letter:
    return release_review(world.installation, letter.id, world.people[who].id)


def test_a_reviewer_takes_a_letter_and_only_they_can_act_on_it(world: World) -> None:
    letter = world.to_review(world.letter())
    taken = _take(world, letter, "ben")
    assert (taken.assignee_id, taken.assigned_at) == (world.people["ben"].id, world.clock.now())
    with pytest.raises(Refused, match="ben has taken this review .*only they can act on it.*Ask ben or an admin"):
        world.fire("approve_tone", letter, "finn")
    refused = events(world, "approve_tone", "refused")
    assert len(refused) == 1 and "ben has taken this review" in refused[0].comment
    assert world.fire("approve_tone", letter, "ben").state == "approved"


def test_taking_is_an_audit_event_and_the_sentence_names_the_reviewer(world: World) -> None:
    letter = world.to_review(world.letter())
    _take(world, letter, "ben")
    (event,) = events(world, "take_review")
    assert details(event)["assignee"] == "ben"
    assert sentence(world, event).startswith("ben took the review of version 1 on ")


def test_nobody_holding_it_every_eligible_reviewer_acts_as_before(world: World) -> None:
    letter = world.to_review(world.letter())
    assert world.fire("request_changes", letter, "finn", comment="Shorter, please.").state == "draft"


def test_a_second_take_is_refused_with_the_holders_name_and_recorded(world: World) -> None:
    letter = world.to_review(world.letter())
    _take(world, letter, "ben")
    with pytest.raises(Refused, match="ben has taken this review"):
        _take(world, letter, "finn")
    with pytest.raises(Refused, match="You have already taken this review"):
        _take(world, letter, "ben")
    assert [e.actor for e in events(world, "take_review", "refused")] == ["finn", "ben"]


def test_the_holder_releases_it_and_anyone_eligible_may_act_again(world: World) -> None:
    letter = world.to_review(world.letter())
    _take(world, letter, "ben")
    with pytest.raises(Refused, match="Only ben, whoever stands in for them, or an administrator"):
        _release(world, letter, "finn")
    released = _release(world, letter, "ben")
    assert released.assignee_id is None and released.assigned_at is None
    (event,) = events(world, "release_review")
    assert details(event)["previous"] == "ben"
    assert "released the review of version 1, which ben had taken" in sentence(world, event)
    with pytest.raises(Refused, match="Nobody has taken this review"):
        _release(world, letter, "ben")
    assert world.fire("approve_tone", letter, "finn").state == "approved"


def test_an_administrator_assigns_reassigns_and_takes_someone_off(world: World) -> None:
    letter = world.to_review(world.letter())
    _assign(world, letter, "ben")
    (assigned,) = events(world, "assign_review")
    assert sentence(world, assigned).startswith("dan assigned the review of version 1 to ben on ")
    _assign(world, letter, "finn")
    (moved,) = events(world, "reassign_review")
    assert (details(moved)["previous"], details(moved)["assignee"]) == ("ben", "finn")
    assert sentence(world, moved).startswith("dan moved the review of version 1 from ben to finn on ")
    with pytest.raises(Refused, match="finn already has this review"):
        _assign(world, letter, "finn")
    with pytest.raises(Refused, match="finn has taken this review"):
        world.fire("approve_tone", letter, "ben")
    _release(world, letter, "dan")
    (off,) = events(world, "unassign_review")
    assert sentence(world, off).startswith("dan took finn off the review of version 1 on ")


def test_only_an_administrator_assigns(world: World) -> None:
    letter = world.to_review(world.letter())
    with pytest.raises(Refused, match="Only an administrator can assign"):
        _assign(world, letter, "finn", by="ben")
    assert len(events(world, "assign_review", "refused")) == 1


@pytest.mark.parametrize(
    "who, reason",
    [
        ("ana", "ana wrote this letter, so someone else must review it."),
        ("carla", "carla is not a peer reviewer, so cannot take its peer review."),
    ],
)
def test_assignment_never_breaks_separation_of_duties_at_peer_review(world: World, who: str, reason: str) -> None:
    letter = world.to_review(world.letter(author="ana"))
    with pytest.raises(Refused) as refused:
        _assign(world, letter, who)
    assert refused.value.message == reason


def test_at_legal_review_never_this_rounds_peer_reviewer(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "finn")
    assert letter.state == "legal_review"
    with pytest.raises(Refused, match="finn reviewed the tone of this letter in this round"):
        _assign(world, letter, "finn")
    with pytest.raises(Refused, match="You reviewed the tone of this letter in this round"):
        _take(world, letter, "finn")
    with pytest.raises(Refused, match="You wrote this letter"):
        _take(world, world.to_review(world.letter(author="eve"), author="eve"), "eve")
    _assign(world, letter, "carla")


def test_taking_outside_review_is_refused(world: World) -> None:
    letter = world.letter()
    with pytest.raises(Refused, match="Only a letter in peer or legal review has a reviewer"):
        _take(world, letter, "ben")


def test_a_new_stage_or_a_return_to_draft_clears_the_assignment(world: World) -> None:
    letter = world.to_review(world.letter("5000.00"))
    _take(world, letter, "ben")
    legal = world.fire("approve_tone", letter, "ben")
    assert (legal.state, legal.assignee_id, legal.assigned_at) == ("legal_review", None, None)
    _take(world, legal, "carla")
    back = world.fire("request_changes", legal, "carla", comment="The second paragraph promises too much.")
    assert (back.state, back.assignee_id) == ("draft", None)
