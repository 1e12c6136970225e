"""Two reviewers press "I'll review this" on the same letter at the same moment: one takes
it, the other is told who did, and nothing is half-done. Runs on SQLite (the write lock) and
on PostgreSQL (the letter's row lock) alike."""

from __future__ import annotations

import threading

from sqlmodel import Session

from tests.assignments.conftest import events
from tests.conftest import World
from workflow.assignments.services import take_review
from workflow.errors import Refused
from workflow.letters.loading import lock_letter
from workflow.letters.models import Letter


def _race(world: World, letter: Letter, names: list[str]) -> dict[str, object]:
    """Both takes start while another transaction holds the letter, so they meet at its lock."""
    locked, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}
    ready = threading.Barrier(len(names) + 1)

    def hold(session: Session) -> None:
        lock_letter(session, letter.id, letter.author_id)
        locked.set()
        release.wait(timeout=30)

    def take(name: str) -> None:
        ready.wait(timeout=10)
        try:
            outcome[name] = take_review(world.installation, letter.id, world.people[name].id)
        except Refused as refusal:
            outcome[name] = refusal

    holder = threading.Thread(target=world.installation.db.write, args=(hold,))
    holder.start()
    assert locked.wait(timeout=10)
    takers = [threading.Thread(target=take, args=(name,)) for name in names]
    for thread in takers:
        thread.start()
    ready.wait(timeout=10)
    release.set()
    for thread in [holder, *takers]:
        thread.join(timeout=30)
    return outcome


def test_two_reviewers_taking_at_once_one_wins_and_the_other_is_told_who(world: World) -> None:
    letter = world.to_review(world.letter())
    outcome = _race(world, letter, ["ben", "finn"])
    winners = [name for name, result in outcome.items() if isinstance(result, Letter)]
    losers = [result for result in outcome.values() if isinstance(result, Refused)]
    assert len(winners) == 1 and len(losers) == 1, outcome
    (winner,) = winners
    assert f"{winner} has taken this review" in losers[0].message
    with world.installation.db.read() as session:
        assert session.get(Letter, letter.id).assignee_id == world.people[winner].id
    assert [e.actor for e in events(world, "take_review")] == [winner]
    assert len(events(world, "take_review", "refused")) == 1
