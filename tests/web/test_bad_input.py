"""Bad input gets a 404 or a sentence, never the 500 page: each case here was a 500 (issue
12, item 8, and what the fuzz test in test_fuzz.py found beside it)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from flask import Flask
from lxml import html

from tests.conftest import World
from tests.web.conftest import Person, text_of
from tests.web.routes import real_ids, rules, url_for_rule
from web import create_app
from web.errors import MESSAGES


@pytest.mark.parametrize("too_long", [2**31, 2**63, 9 * 10**39], ids=["postgresql", "sqlite", "any"])
def test_an_id_too_long_for_the_database_is_a_page_that_does_not_exist(
    app: Flask, world: World, sign_in: Callable[[str], Person], too_long: int
):
    ids, dan = real_ids(world), sign_in("dan")
    checked = 0
    for rule in rules(app):
        numbers = {name for name in rule.arguments if name.endswith("_id")}
        if not numbers:
            continue
        url = url_for_rule(app, rule, ids, **dict.fromkeys(numbers, too_long))
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        response = dan.get(url) if method == "GET" else dan.post(url, {"revision": "1"})
        assert response.status_code == 404, f"{method} {url}"
        assert MESSAGES[404] in response.get_data(as_text=True)
        checked += 1
    assert checked >= 10


def test_the_last_day_of_the_calendar_filters_the_audit_trail(sign_in: Callable[[str], Person]):
    page = sign_in("dan").page("/audit?since=0001-01-01&until=9999-12-31")
    assert page.xpath("//table")


@pytest.mark.parametrize(
    ("minutes", "days", "sentence"),
    [
        ("²", "90", "must be a duration such as 24h"),
        ("999999999999h", "90", "cannot be longer than 365 days"),
        ("90", "90", "Give the waiting period with its unit: “90h” for hours, “90m” for minutes."),
        ("60m", "99999", "cannot be more than"),
    ],
)
def test_policy_numbers_out_of_any_range_are_refused_with_a_sentence(
    sign_in: Callable[[str], Person], minutes: str, days: str, sentence: str
):
    dan = sign_in("dan")
    dan.get("/admin/settings")
    response = dan.post("/admin/settings/policy", {"waiting_period": minutes, "follow_up_days": days})
    assert response.status_code == 400
    assert sentence in text_of(html.fromstring(response.get_data(as_text=True)), "//*[@role='alert']")


@pytest.mark.parametrize("url", ["/customers?q=Mary%00", "/customers/file?name=Mary%00Smith", "/audit?actor=d%00an"])
def test_a_nul_in_a_search_is_left_out_on_either_database(sign_in: Callable[[str], Person], url: str):
    assert sign_in("dan").get(url).status_code == 200


@pytest.fixture
def plain_app(world: World) -> Flask:
    return create_app(
        {"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )


def test_a_file_or_json_where_a_form_has_text_is_not_text(plain_app: Flask):
    client = plain_app.test_client()
    as_file = client.post("/sign-in", data={"username": "ana", "password": (BytesIO(b"secret"), "password.txt")})
    assert as_file.status_code == 200 and "Password" in as_file.get_data(as_text=True)
    for body in ({"username": ["ana"], "password": 5}, [1, 2], "ana"):
        assert client.post("/sign-in", json=body).status_code == 200
