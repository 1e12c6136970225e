"""The rate limit as two server processes see it: each its own database connection (its own
`Database`, so its own leases), one count in the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from tests.conftest import World
from workflow.api.limits import block_size, count_request
from workflow.api.models import RateWindow
from workflow.installation import Installation
from workflow.storage.db import Database


def _process(world: World, per_minute: int) -> Installation:
    config = replace(world.installation.config, api_rate_limit=per_minute)
    return replace(world.installation, db=Database(world.installation.db.url), config=config)


def test_two_processes_together_never_pass_the_limit_and_mostly_write_nothing(world, token_for):
    token_for("ana")
    processes = [_process(world, 100), _process(world, 100)]
    answers = [count_request(processes[n % 2], 1, 100) for n in range(130)]
    assert answers[:100] == [None] * 100
    assert all(wait is not None and 1 <= wait <= 60 for wait in answers[100:])
    with world.installation.db.read() as session:
        leased = session.scalars(select(RateWindow.hits)).one()
    block = block_size(100)
    writes = leased // block
    assert block == 5 and writes == 100 // block + 30, "a write per block served, and one per refusal"
    world.clock.advance(timedelta(minutes=1))
    assert count_request(processes[0], 1, 100) is None
    for process in processes:
        process.db.dispose()


def test_a_lease_held_by_one_process_is_not_served_twice(world, token_for):
    """The first process leases a block and spends one; the second gets only what is left."""
    token_for("ana")
    first, second = _process(world, 40), _process(world, 40)
    assert block_size(40) == 2
    assert count_request(first, 1, 40) is None
    served = sum(count_request(second, 1, 40) is None for _ in range(50))
    assert served == 38
    assert count_request(first, 1, 40) is None, "the first still holds one of its block"
    assert count_request(first, 1, 40) is not None
    for process in (first, second):
        process.db.dispose()
