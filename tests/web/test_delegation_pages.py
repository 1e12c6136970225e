"""Delegation from a person's own page and from the administrator's, and the due-date settings."""

from __future__ import annotations

import json

from lxml import html
from sqlalchemy import select

from tests.assignments.conftest import events
from tests.conftest import World
from tests.web.conftest import text_of
from workflow.assignments.delegation import why_not_stand_in
from workflow.people.administration import disable_user
from workflow.people.models import User


def _page(response) -> html.HtmlElement:
    return html.fromstring(response.get_data(as_text=True))


def _alert(response) -> str:
    return text_of(_page(response), "//p[@role='alert']")


def test_a_reviewer_hands_their_work_to_a_colleague_and_ends_it(world: World, sign_in) -> None:
    ben = sign_in("ben")
    page = ben.page("/account/away")
    assert "Nobody stands in for you" in text_of(page)
    response = ben.post(
        "/account/away",
        {"delegate": world.people["finn"].id, "starts": "2026-01-05T09:00", "ends": "2026-01-09 17:00"},
        follow_redirects=True,
    )
    table = text_of(_page(response), "//tbody/tr/td")
    assert "ben finn 05 Jan 2026 09:00 09 Jan 2026 17:00 (running now) End now" in table
    (made,) = events(world, "set_delegation")
    assert json.loads(made.details)["delegate"] == "finn"
    assert "ben stands in for nobody" not in text_of(sign_in("finn").page("/account/away"))
    delegation = _page(response).xpath("//input[@name='delegation']/@value")[0]
    ben.post("/account/away/end", {"delegation": delegation})
    assert len(events(world, "end_delegation")) == 1


def test_a_delegation_that_makes_no_sense_is_a_sentence_and_keeps_what_was_typed(world: World, sign_in) -> None:
    ben = sign_in("ben")
    response = ben.post(
        "/account/away", {"delegate": world.people["carla"].id, "starts": "2026-01-05 09:00", "ends": "tomorrow"}
    )
    assert response.status_code == 400
    assert "Until: give a date and time, such as 2026-05-04 09:00, not “tomorrow”." in _alert(response)
    assert _page(response).xpath("//input[@name='starts']/@value") == ["2026-01-05 09:00"]
    response = ben.post(
        "/account/away",
        {"delegate": world.people["carla"].id, "starts": "2026-01-05 09:00", "ends": "2026-01-06 09:00"},
    )
    assert "carla is not a peer reviewer" in _alert(response)


def test_the_away_page_offers_only_those_setting_the_delegation_allows(world: World, sign_in) -> None:
    """The same rule as setting it: a peer reviewer, not the person themselves, not a disabled account."""
    disable_user(world.installation, world.people["dan"].id, world.people["finn"].id)
    offered = sign_in("ben").page("/account/away").xpath("//select[@name='delegate']/option/@value")
    with world.installation.db.read() as session:
        ben = session.get(User, world.people["ben"].id)
        assert ben is not None
        allowed = {p.id for p in session.scalars(select(User)) if why_not_stand_in(ben, p) is None}
    assert allowed and world.people["finn"].id not in allowed
    assert {int(value) for value in offered if value} == allowed


def test_an_administrator_sets_and_ends_anyones_delegation(world: World, sign_in) -> None:
    dan = sign_in("dan")
    response = dan.post(
        "/admin/delegations",
        {
            "person": world.people["carla"].id,
            "delegate": world.people["finn"].id,
            "starts": "2026-01-06 09:00",
            "ends": "2026-01-07 09:00",
        },
        follow_redirects=True,
    )
    assert "carla finn 06 Jan 2026 09:00 07 Jan 2026 09:00 Cancel" in text_of(_page(response), "//tbody/tr/td")
    (made,) = events(world, "set_delegation")
    assert made.actor == "dan" and json.loads(made.details)["person"] == "carla"
    delegation = _page(response).xpath("//input[@name='delegation']/@value")[0]
    response = dan.post("/admin/delegations/end", {"delegation": delegation}, follow_redirects=True)
    assert "Nobody is away." in text_of(_page(response))


def test_the_due_date_settings_page_saves_and_refuses_in_sentences(world: World, sign_in) -> None:
    dan = sign_in("dan")
    page = dan.page("/admin/due-dates")
    typed = {name: page.xpath(f"//*[@name='{name}']/@value")[0] for name in ("due_peer_review", "working_hours")}
    assert typed == {"due_peer_review": "1d", "working_hours": "Mon-Fri 09:00-17:00"}
    form = {
        "due_peer_review": "6h",
        "due_legal_review": "2d",
        "due_sending": "1d",
        "working_hours": "Mon-Fri 08:00-16:00",
        "time_zone": "Europe/Berlin",
        "reminder_lead": "1h",
        "escalation_contact": "carla",
    }
    assert dan.post("/admin/due-dates", form).status_code == 302
    (changed,) = events(world, "change_setting")
    assert json.loads(changed.details)["time_zone"] == {"from": "UTC", "to": "Europe/Berlin"}
    response = dan.post("/admin/due-dates", {**form, "time_zone": "Berlin"})
    assert response.status_code == 400 and "“Berlin” is not a time zone name" in _alert(response)
    assert _page(response).xpath("//input[@name='time_zone']/@value") == ["Berlin"]
