"""The administrator's “My work”: the audit chain, letters stuck longest, follow-ups overdue
and outgoing mail, instead of “Your roles have no letter queues”."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from tests.conftest import World
from tests.web.conftest import Person, text_of


def test_the_administrators_home_shows_what_to_watch_over(world: World, sign_in: Callable[[str], Person]):
    stuck = world.to_review(world.letter(customer_name="Stella Stuck"))
    world.sent(world.letter(customer_name="Otto Overdue"))
    world.clock.advance(timedelta(days=120))
    dan = sign_in("dan")
    page = dan.page("/")
    assert "no letter queues" not in text_of(page)
    assert "No whole-chain check" in text_of(page, "//section[@id='audit-chain']")
    assert "Every message was delivered or is on its way." in text_of(page, "//section[@id='outgoing-mail']")
    stuck_row = text_of(page, "//section[@id='stuck']//tr[td]")
    assert stuck.reference in stuck_row and "Peer review" in stuck_row and "4 months" in stuck_row
    assert "Otto Overdue" in text_of(page, "//section[@id='overdue']")

    checked = dan.post("/admin/audit-chain-check")
    assert checked.status_code == 302
    page = dan.page("/")
    assert "The whole audit chain was checked" in text_of(page)
    assert "Intact: dan checked every link" in text_of(page, "//section[@id='audit-chain']")


def test_people_without_the_role_see_no_administration_on_their_home(world: World, sign_in: Callable[[str], Person]):
    page = sign_in("ana").page("/")
    assert not page.xpath("//section[@id='audit-chain']")
    assert sign_in("ana").post("/admin/audit-chain-check").status_code == 403
