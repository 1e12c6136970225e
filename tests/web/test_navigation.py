"""The menus show each person exactly the pages they may open: a link shown opens, a page
left out answers 403, whatever roles the person holds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import url_for

from tests.conftest import World
from tests.web.conftest import Person
from web.navigation import ACCOUNT_MENU, MENU


@pytest.mark.parametrize("who", ["ana", "ben", "carla", "dan", "eve", "finn"])
def test_the_menus_link_the_pages_a_person_may_open_and_no_other(
    world: World, sign_in: Callable[[str], Person], who: str
) -> None:
    person = sign_in(who)
    home = person.page("/")
    shown = {link.get("href") for link in home.xpath("//header//nav//a")}
    assert shown
    for endpoint, label in [*MENU, *ACCOUNT_MENU]:
        with person.client.application.test_request_context():
            address = url_for(endpoint)
        status = person.get(address).status_code
        assert (address in shown) == (status == 200), f"{who}: {label} ({address}) answers {status}"
