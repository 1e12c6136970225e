"""Standing delegation: while it runs the delegate acts on the absent person's reviews and
hears what is meant for them; it never lets anyone past the separation of duties."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.assignments.conftest import delegate, details, events, sentence
from tests.conftest import World
from workflow.assignments.delegation import acting_for, delegations, end_delegation, represented
from workflow.assignments.services import release_review, take_review
from workflow.errors import InvalidInput, Refused
from workflow.letters.models import Letter

HOUR = timedelta(hours=1)


def _who_hears(world: World, person: str) -> int:
    with world.installation.db.read() as session:
        return acting_for(session, world.people[person].id, world.clock.now())


def _taken_by_ben(world: World, amount: str = "100.00", author: str = "ana") -> Letter:
    letter = world.to_review(world.letter(amount, author=author), author=author)
    take_review(world.installation, letter.id, world.people["ben"].id)
    return letter


def test_the_delegate_acts_only_while_the_delegation_runs(world: World) -> None:
    letter = _taken_by_ben(world)
    delegate(world, "ben", "finn", starts=HOUR, ends=3 * HOUR)
    with pytest.raises(Refused, match="ben has taken this review"):
        world.fire("request_changes", letter, "finn", comment="Too curt.")
    world.clock.advance(HOUR)
    assert _who_hears(world, "ben") == world.people["finn"].id
    approved = world.fire("approve_tone", letter, "finn")
    assert approved.state == "approved"
    (event,) = events(world, "approve_tone")
    assert details(event)["acting_for"] == "ben"


def test_when_the_delegation_ends_the_delegate_is_refused_again(world: World) -> None:
    letter = _taken_by_ben(world)
    delegate(world, "ben", "finn", starts=timedelta(0), ends=2 * HOUR)
    world.clock.advance(2 * HOUR)
    assert _who_hears(world, "ben") == world.people["ben"].id
    with pytest.raises(Refused, match="ben has taken this review"):
        world.fire("approve_tone", letter, "finn")


def test_a_delegate_who_wrote_the_letter_cannot_act_on_it(world: World) -> None:
    letter = _taken_by_ben(world, author="eve")
    delegate(world, "ben", "eve", starts=timedelta(0), ends=HOUR)
    with pytest.raises(Refused, match="You wrote this letter, so someone else must review it."):
        world.fire("approve_tone", letter, "eve")


def test_a_delegate_who_reviewed_the_tone_cannot_act_at_legal_review(world: World) -> None:
    letter = world.fire("approve_tone", world.to_review(world.letter("5000.00")), "finn")
    take_review(world.installation, letter.id, world.people["eve"].id)
    delegate(world, "eve", "finn", starts=timedelta(0), ends=HOUR)
    with pytest.raises(Refused, match="You reviewed the tone of this letter in this round"):
        world.fire("approve_legal", letter, "finn")
    assert world.fire("approve_legal", letter, "eve").state == "approved"


def test_the_delegate_may_release_and_a_chain_of_absences_is_followed(world: World) -> None:
    letter = _taken_by_ben(world)
    delegate(world, "ben", "finn", starts=timedelta(0), ends=HOUR)
    delegate(world, "finn", "eve", starts=timedelta(0), ends=HOUR)
    assert _who_hears(world, "ben") == world.people["eve"].id
    with world.installation.db.read() as session:
        assert set(represented(session, world.people["eve"].id, world.clock.now())) == {
            world.people["ben"].id,
            world.people["finn"].id,
        }
    release_review(world.installation, letter.id, world.people["eve"].id)
    (event,) = events(world, "release_review")
    assert event.actor == "eve" and details(event)["previous"] == "ben"


def test_setting_and_ending_are_audit_events_naming_both_people(world: World) -> None:
    delegation = delegate(world, "ben", "finn", starts=HOUR, ends=5 * HOUR)
    (made,) = events(world, "set_delegation")
    assert (details(made)["person"], details(made)["delegate"]) == ("ben", "finn")
    assert sentence(world, made).startswith(
        "ben set finn to stand in for ben from 5 January 2026 at 10:00 UTC until 5 January 2026 at 14:00 UTC"
    )
    world.clock.advance(2 * HOUR)
    end_delegation(world.installation, world.people["dan"].id, delegation.id)
    (ended,) = events(world, "end_delegation")
    assert ended.actor == "dan"
    assert "ended finn's standing in for ben" in sentence(world, ended)
    with world.installation.db.read() as session:
        assert delegations(session, world.clock.now()) == []
    assert _who_hears(world, "ben") == world.people["ben"].id
    with pytest.raises(Refused, match="already over"):
        end_delegation(world.installation, world.people["ben"].id, delegation.id)


def test_an_administrator_sets_one_for_someone_else_and_nobody_else_may(world: World) -> None:
    delegate(world, "ben", "finn", starts=timedelta(0), ends=HOUR, by="dan")
    with pytest.raises(Refused, match="Only an administrator can set a delegation for someone else"):
        delegate(world, "carla", "eve", starts=timedelta(0), ends=HOUR, by="ben")
    assert len(events(world, "set_delegation", "refused")) == 1


@pytest.mark.parametrize(
    "person, to, starts, ends, message",
    [
        ("ben", "ben", 0, 1, "cannot stand in for themselves"),
        ("ben", "carla", 0, 1, "carla is not a peer reviewer"),
        ("ben", "finn", 2, 1, "must end after it starts"),
        ("ben", "finn", -3, -1, "already past"),
        ("ben", "finn", 0, 24 * 400, "a year at most"),
    ],
)
def test_a_delegation_that_makes_no_sense_is_refused(
    world: World, person: str, to: str, starts: int, ends: int, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        delegate(world, person, to, starts=starts * HOUR, ends=ends * HOUR)


def test_overlapping_or_mutual_delegations_are_refused(world: World) -> None:
    delegate(world, "ben", "finn", starts=timedelta(0), ends=4 * HOUR)
    with pytest.raises(Refused, match="ben already has finn standing in"):
        delegate(world, "ben", "eve", starts=2 * HOUR, ends=6 * HOUR)
    with pytest.raises(Refused, match="two people cannot stand in for each other"):
        delegate(world, "finn", "ben", starts=HOUR, ends=2 * HOUR)
    delegate(world, "ben", "eve", starts=4 * HOUR, ends=6 * HOUR)


def test_a_delegation_cancelled_before_it_begins_never_runs_and_frees_its_times(world: World) -> None:
    delegation = delegate(world, "ben", "finn", starts=2 * HOUR, ends=4 * HOUR)
    end_delegation(world.installation, world.people["ben"].id, delegation.id)
    world.clock.advance(3 * HOUR)
    assert _who_hears(world, "ben") == world.people["ben"].id
    with world.installation.db.read() as session:
        assert delegations(session, world.clock.now()) == []
    delegate(world, "ben", "eve", starts=timedelta(0), ends=HOUR)
