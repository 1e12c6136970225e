"""What an administrator watches over: letters stuck longest in each state, with the time
they entered it (an edit is not a move), and follow-ups overdue across every author."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import WAIT, World
from workflow.letters import overview


def test_the_letters_that_moved_least_long_ago_come_first_in_each_state(world: World) -> None:
    drafted = world.clock.now()
    old_draft = world.letter(customer_name="Olga Old")
    world.clock.advance(timedelta(days=2))
    world.fire("edit", old_draft, "ana", body="Dear Olga,\n\nThank you for your order.\n\nKind regards")
    world.clock.advance(timedelta(minutes=1))
    world.letter(customer_name="Nina New")
    reviewed = world.to_review(world.letter(customer_name="Rita Review"))
    submitted = world.clock.now()
    world.clock.advance(timedelta(days=3))
    with world.installation.db.read() as session:
        stuck = overview.stuck_letters(session, per_state=3)
    assert [(s.row.customer_name, s.row.state.value) for s in stuck] == [
        ("Olga Old", "draft"),
        ("Nina New", "draft"),
        ("Rita Review", "peer_review"),
    ]
    assert stuck[0].in_state_since == drafted, "an edit keeps a draft in its state"
    assert stuck[2].in_state_since == submitted and stuck[2].row.id == reviewed.id
    assert stuck[0].time_in_state(world.clock.now()) == "6 days"
    assert stuck[2].time_in_state(world.clock.now()) == "3 days"


def test_overdue_follow_ups_across_authors_oldest_first(world: World) -> None:
    first = world.sent(world.letter(customer_name="Fay First"))
    world.clock.advance(WAIT)
    eves = world.to_review(world.letter(customer_name="Sam Second", author="eve"), "eve")
    eves = world.fire("approve_tone", eves, "ben")
    world.fire("send", eves, "eve", channel="first_class_mail", sent_on=world.clock.now().date())
    world.sent(world.letter(customer_name="Una Undue"))
    with world.installation.db.read() as session:
        assert overview.overdue_follow_ups(session, first.follow_up_on).count == 0, "due today is not overdue"
        late = overview.overdue_follow_ups(session, first.follow_up_on + timedelta(days=10))
    assert late.count == 3
    assert [row.customer_name for row in late.rows][0] == "Fay First"
    assert {row.author_name for row in late.rows} == {"ana", "eve"}
