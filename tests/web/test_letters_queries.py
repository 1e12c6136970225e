"""The read side stays quick as letters pile up: indexed plans, capped counts, and a fixed
number of queries per page whatever a letter's history holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.conftest import BACKEND
from workflow.letters import queries
from workflow.letters.queries import LetterFilter, Sort
from workflow.letters.states import State

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")


@contextmanager
def statements(engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _plan(session, query) -> str:
    compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "\n".join(row[-1] for row in rows)


@sqlite_only
@pytest.mark.parametrize(
    "wanted",
    [
        LetterFilter(),
        LetterFilter(state=State.PEER_REVIEW),
        LetterFilter(author_id=1, sort=Sort.OLDEST),
        LetterFilter(customer="Mary Smith"),
        LetterFilter(search="smi"),
        LetterFilter(search="TL-2026-00001", sort=Sort.CUSTOMER),
        LetterFilter(sort=Sort.CUSTOMER),
        LetterFilter(sort=Sort.REFERENCE),
    ],
    ids=lambda f: repr(f)[:60],
)
def test_every_list_query_reads_letters_through_an_index(world, wanted):
    query = queries._row_query().where(*wanted.conditions())
    with world.installation.db.read() as session:
        if wanted.searching:
            matches = wanted.searching.matches(session, queries.COUNT_CAP)
            query = query.where(matches.in_order).params(matches.params)
        plan = _plan(session, query.order_by(*queries._ORDER[wanted.sort]).limit(50))
    letters_lines = [line for line in plan.splitlines() if " letters" in line]
    assert letters_lines and all("INDEX" in line or "PRIMARY KEY" in line for line in letters_lines), plan


def test_counts_stop_at_the_cap(world):
    for _ in range(5):
        world.letter()
    with world.installation.db.read() as session:
        page = queries.list_letters(session, LetterFilter(), page_size=2)
        assert page.total == 5 and page.has_next
        capped = queries._capped_count(session, [], cap=3)
    assert capped == 4


def test_the_letter_page_runs_the_same_number_of_queries_however_long_the_history(world, sign_in):
    short = world.letter()
    long = world.letter()
    for round_ in range(3):
        world.fire("edit", long, "ana", body=f"Version {round_}: thank you for your order.")
        world.fire("request_changes", world.to_review(long), "ben", comment=f"Round {round_}")
    ana = sign_in("ana")
    counts = []
    for letter in (short, long):
        with statements(world.installation.db.engine) as seen:
            assert ana.get(f"/letters/{letter.id}").status_code == 200
        counts.append(len(seen))
    assert counts[0] == counts[1]


def test_dashboard_queries_do_not_grow_with_the_number_of_letters(world, sign_in):
    eve = sign_in("eve")
    counts = []
    for _ in range(2):
        with statements(world.installation.db.engine) as seen:
            assert eve.get("/").status_code == 200
        counts.append(len(seen))
        for _ in range(5):
            world.to_review(world.letter())
    assert counts[0] == counts[1]
