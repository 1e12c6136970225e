"""The letter page's review controls and due time, and the queues that say who has a letter
and when it is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lxml import html

from tests.assignments.conftest import delegate
from tests.conftest import World
from tests.web.conftest import text_of
from workflow.letters.models import Letter


def _page(response) -> html.HtmlElement:
    return html.fromstring(response.get_data(as_text=True))


def _holder(world: World, letter: Letter) -> int | None:
    with world.installation.db.read() as session:
        return session.get(Letter, letter.id).assignee_id


def _work(page: html.HtmlElement) -> str:
    return text_of(page, "//section[@id='review-work']")


def test_a_reviewer_takes_a_letter_from_its_page_and_the_others_see_who_has_it(world: World, sign_in) -> None:
    world.clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    letter = world.to_review(world.letter())
    ben, finn = sign_in("ben"), sign_in("finn")
    page = ben.page(f"/letters/{letter.id}")
    assert "Peer review: due in 8 hours Due Tue 06 Jan 2026, 17:00 (UTC)." in _work(page)
    assert "Nobody has taken this review yet" in _work(page)
    response = ben.post(f"/letters/{letter.id}/take")
    assert response.status_code == 302
    assert _holder(world, letter) == world.people["ben"].id
    theirs = finn.page(f"/letters/{letter.id}")
    assert "ben has taken this review since 06 January 2026, 09:00 UTC" in _work(theirs)
    assert not theirs.xpath("//form[contains(@action, '/take')]")
    refused = text_of(theirs, "//dl[@class='refused']")
    assert "ben has taken this review" in refused and "Ask ben or an administrator to release it" in refused
    response = finn.act(letter, "approve_tone")
    assert response.status_code == 422
    assert "ben has taken this review" in text_of(_page(response), "//div[@role='alert']")


def test_the_holder_releases_it_from_the_page(world: World, sign_in) -> None:
    letter = world.to_review(world.letter())
    ben = sign_in("ben")
    ben.post(f"/letters/{letter.id}/take")
    page = ben.page(f"/letters/{letter.id}")
    assert page.xpath("//form[contains(@action, '/release')]//button[text()='Release it']")
    ben.post(f"/letters/{letter.id}/release")
    assert _holder(world, letter) is None


def test_a_second_take_is_refused_with_a_sentence(world: World, sign_in) -> None:
    letter = world.to_review(world.letter())
    ben, finn = sign_in("ben"), sign_in("finn")
    finn.page(f"/letters/{letter.id}")
    ben.post(f"/letters/{letter.id}/take")
    response = finn.post(f"/letters/{letter.id}/take", follow_redirects=True)
    assert "ben has taken this review" in text_of(_page(response), "//p[@role='alert']")
    assert _holder(world, letter) == world.people["ben"].id


def test_an_administrator_assigns_and_reassigns_from_the_page(world: World, sign_in) -> None:
    letter = world.to_review(world.letter(author="ana"))
    dan = sign_in("dan")
    page = dan.page(f"/letters/{letter.id}")
    choices = page.xpath("//select[@name='assignee']/option/text()")
    assert set(choices) == {"ben", "eve", "finn"}
    dan.post(f"/letters/{letter.id}/assign", {"assignee": world.people["finn"].id})
    assert _holder(world, letter) == world.people["finn"].id
    page = dan.page(f"/letters/{letter.id}")
    assert page.xpath("//button[text()='Reassign']") and page.xpath("//button[text()='Take finn off it']")
    dan.post(f"/letters/{letter.id}/assign", {"assignee": world.people["ben"].id})
    assert _holder(world, letter) == world.people["ben"].id
    response = dan.post(f"/letters/{letter.id}/assign", {"assignee": world.people["ana"].id}, follow_redirects=True)
    assert "ana wrote this letter" in text_of(_page(response), "//p[@role='alert']")


def test_the_page_says_when_a_stand_in_cannot_act(world: World, sign_in) -> None:
    letter = world.to_review(world.letter(author="eve"), author="eve")
    ben = sign_in("ben")
    ben.post(f"/letters/{letter.id}/take")
    delegate(world, "ben", "eve", timedelta(0), timedelta(days=1))
    work = _work(sign_in("eve").page(f"/letters/{letter.id}"))
    assert "eve stands in for ben while they are away, but cannot act on this letter: eve wrote this letter" in work


def test_queues_say_who_has_each_letter_and_when_it_is_due_soonest_first(world: World, sign_in) -> None:
    world.clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    first = world.to_review(world.letter(customer_name="First Due"))
    world.clock.advance(timedelta(hours=2))
    later = world.to_review(world.letter(customer_name="Later Due"))
    ben = sign_in("ben")
    ben.post(f"/letters/{later.id}/take")
    world.clock.advance(timedelta(days=1))
    dashboard = ben.page("/")
    rows = dashboard.xpath("//section[@id='queue-peer']//tbody/tr")
    assert [text_of(r, "td[2]") for r in rows] == ["First Due", "Later Due"]
    assert "overdue by" in text_of(rows[0], "td[4]") and "not taken yet" in text_of(rows[0], "td[4]")
    assert "with ben since" in text_of(rows[1], "td[4]")
    assert [bool(r.xpath("td[4]//span[contains(@class, 'overdue')]")) for r in rows] == [True, False]
    taken = dashboard.xpath("//section[@id='queue-taken']//tbody/tr")
    assert [text_of(r, "td[2]") for r in taken] == ["Later Due"]
    listed = ben.page("/letters?sort=due")
    assert [text_of(r, "td[2]") for r in listed.xpath("//tbody/tr")][:2] == ["First Due", "Later Due"]
    assert "First Due" in first.customer_name
