"""Web fixtures: the app on the test's own Installation and clock, and a signed-in client per
person that carries the CSRF token the way a browser carries the form's hidden field."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import html
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD, World
from web import create_app
from workflow.letters.models import Letter

_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture
def app(world: World) -> Flask:
    return create_app({"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "TESTING": True})


class Person:
    """One signed-in person's browser session."""

    def __init__(self, client: FlaskClient, world: World) -> None:
        self.client = client
        self.world = world
        self.token = ""

    def get(self, url: str, **kw) -> TestResponse:
        response = self.client.get(url, **kw)
        found = _TOKEN.search(response.get_data(as_text=True)) if response.mimetype == "text/html" else None
        if found:
            self.token = found.group(1)
        return response

    def page(self, url: str, status: int = 200) -> html.HtmlElement:
        response = self.get(url)
        assert response.status_code == status, response.get_data(as_text=True)[:2000]
        return html.fromstring(response.get_data(as_text=True))

    def post(self, url: str, data: dict | None = None, **kw) -> TestResponse:
        if not self.token:
            self.get("/")
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kw)

    def act(self, letter: Letter, trigger: str, revision: int | None = None, **data) -> TestResponse:
        """Pull a trigger from the letter's page, with the revision the page showed."""
        seen = revision if revision is not None else revision_of(self.world, letter)
        return self.post(f"/letters/{letter.id}/actions/{trigger}", {"revision": seen, **data})


def revision_of(world: World, letter: Letter) -> int:
    with world.installation.db.read() as session:
        return session.get(Letter, letter.id).revision


def state_of(world: World, letter: Letter) -> str:
    with world.installation.db.read() as session:
        return session.get(Letter, letter.id).state


@pytest.fixture
def sign_in(app: Flask, world: World) -> Callable[[str], Person]:
    def signed_in(name: str) -> Person:
        person = Person(app.test_client(), world)
        person.get("/sign-in")
        response = person.post("/sign-in", {"username": name, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        person.get("/")
        return person

    return signed_in


def text_of(page: html.HtmlElement, xpath: str = "//main") -> str:
    """The words inside the elements `xpath` finds, whitespace collapsed."""
    return " ".join(" ".join(e.text_content().split()) for e in page.xpath(xpath))
