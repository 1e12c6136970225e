"""App servers keep nothing of their own: two app instances, each with its own engine and
pool (two "servers" behind a load balancer), serve one installation. A browser's cookie,
its form tokens, its sign-out and the sign-in limit all hold whichever server answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD, World
from tests.web.conftest import revision_of, state_of
from web import create_app
from workflow.installation import Installation
from workflow.people import authentication
from workflow.storage.db import Database

_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
SECRET = "shared-by-every-server"


@pytest.fixture
def servers(world: World) -> Iterator[list[Flask]]:
    """Two app instances on the test's database, each with an engine of its own."""
    databases = [Database(world.installation.db.url) for _ in range(2)]
    yield [
        create_app(
            {
                "INSTALLATION": Installation(db, world.installation.config, world.clock),
                "SECRET_KEY": SECRET,
                "DEVELOPMENT": True,
            }
        )
        for db in databases
    ]
    for db in databases:
        db.dispose()


class Browser:
    """One browser behind a load balancer: each request may reach either server, and the
    browser carries its cookie and the last form's CSRF token to whichever does."""

    def __init__(self, servers: list[Flask]) -> None:
        self.clients = [server.test_client() for server in servers]
        self.token = ""

    def _send(self, server: int, method: str, url: str, data: dict | None = None) -> TestResponse:
        client, others = self.clients[server], [c for c in self.clients if c is not self.clients[server]]
        response = client.open(url, method=method, data=data)
        cookie = client.get_cookie("session")
        for other in others:
            if cookie is None:
                other.delete_cookie("session")
            else:
                other.set_cookie("session", cookie.value)
        found = _TOKEN.search(response.get_data(as_text=True)) if response.mimetype == "text/html" else None
        if found:
            self.token = found.group(1)
        return response

    def get(self, server: int, url: str) -> TestResponse:
        return self._send(server, "GET", url)

    def post(self, server: int, url: str, data: dict | None = None) -> TestResponse:
        return self._send(server, "POST", url, {"csrf_token": self.token, **(data or {})})

    def sign_in(self, form_from: int, post_to: int, username: str, password: str = PASSWORD) -> TestResponse:
        self.get(form_from, "/sign-in")
        return self.post(post_to, "/sign-in", {"username": username, "password": password})

    def signed_in_on(self, server: int) -> bool:
        return self.clients[server].get("/").status_code == 200


def copy_of(browser: Browser, servers: list[Flask]) -> Browser:
    """Someone who kept a copy of the cookie (a second tab, or a thief)."""
    other = Browser(servers)
    cookie = browser.clients[0].get_cookie("session")
    for client in other.clients:
        client.set_cookie("session", cookie.value)
    return other


def test_a_session_from_one_server_is_honoured_by_the_other(servers: list[Flask]) -> None:
    ana = Browser(servers)
    assert ana.sign_in(form_from=0, post_to=1, username="ana").status_code == 302, (
        "a form from one server was accepted by the other"
    )
    assert ana.signed_in_on(0) and ana.signed_in_on(1)


def test_a_form_shown_by_one_server_is_acted_on_by_the_other(world: World, servers: list[Flask]) -> None:
    letter = world.letter()
    ana = Browser(servers)
    ana.sign_in(0, 0, "ana")
    assert ana.get(0, f"/letters/{letter.id}").status_code == 200
    seen = revision_of(world, letter)
    assert ana.post(1, f"/letters/{letter.id}/actions/finish_draft", {"revision": seen}).status_code == 302
    assert state_of(world, letter) == "waiting"
    again = ana.post(0, f"/letters/{letter.id}/actions/revise", {"revision": seen})
    assert again.status_code == 409, "the other server knew the page was stale"
    assert state_of(world, letter) == "waiting"


def test_signing_out_on_one_server_ends_the_session_on_the_other(servers: list[Flask]) -> None:
    ana = Browser(servers)
    ana.sign_in(1, 1, "ana")
    kept = copy_of(ana, servers)
    assert kept.signed_in_on(0)
    ana.get(1, "/")
    assert ana.post(1, "/sign-out").status_code == 302
    assert not kept.signed_in_on(0) and not kept.signed_in_on(1), "the old cookie no longer works anywhere"


def test_the_sign_in_limit_counted_on_one_server_holds_on_the_other(servers: list[Flask]) -> None:
    guesser = Browser(servers)
    for _ in range(authentication.MAX_FAILURES_PER_ACCOUNT):
        assert guesser.sign_in(0, 0, "ana", "not-the-password").status_code == 401
    ana = Browser(servers)
    assert ana.sign_in(1, 1, "ana").status_code == 401, "the other server saw the failures"
    assert not ana.signed_in_on(1)
