"""The app served for a real browser: a werkzeug server on a free port in a thread, on the
test's own database and clock, so a test can move time while the browser watches."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.conftest import PASSWORD, World
from web import create_app


@pytest.fixture
def server(world: World) -> Iterator[str]:
    app = create_app({"INSTALLATION": world.installation, "SECRET_KEY": "browser-test", "DEVELOPMENT": True})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=5)


class Desk:
    """One browser tab used by several people in turn, as on a shared office computer."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def sign_in(self, name: str) -> Page:
        page = self.open("/sign-in")
        page.get_by_label("Username").fill(name)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="My work")).to_be_visible()
        return page

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        expect(self.page.get_by_role("heading", name="Sign in")).to_be_visible()

    def as_person(self, name: str) -> Page:
        if self.page.get_by_role("button", name="Sign out").count():
            self.sign_out()
        return self.sign_in(name)

    def press(self, button: str) -> Page:
        self.page.get_by_role("button", name=button, exact=True).click()
        return self.page


@pytest.fixture
def desk(page: Page, server: str) -> Desk:
    page.set_default_timeout(10_000)
    return Desk(page, server)
