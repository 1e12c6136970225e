"""The app served for a real browser: a werkzeug server on a free port in a thread, on the
test's own database and clock, so a test can move time while the browser watches.

Most tests get a fresh world and tab each; the page checks share one demo installation, one
server and one tab per module (`demo_site`, `tab`), since they only look."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.conftest import BACKEND, PASSWORD, World, quick_pdf
from web import create_app
from workflow.clock import ManualClock
from workflow.demo import load_demo
from workflow.installation import Installation
from workflow.letters.models import Letter
from workflow.people.models import User
from workflow.settings.config import Config
from workflow.storage.db import Database


@contextmanager
def serving(installation: Installation) -> Iterator[str]:
    """The app on `installation`, served in a thread until the block ends; yields its address."""
    app = create_app({"INSTALLATION": installation, "SECRET_KEY": "browser-test", "DEVELOPMENT": True})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def server(world: World) -> Iterator[str]:
    with serving(world.installation) as base:
        yield base


@dataclass(frozen=True)
class DemoSite:
    """The demo, as `tactful demo` makes it, served: letters in every state, long names."""

    base: str
    installation: Installation
    clock: ManualClock
    letters: dict[str, int]
    """The first letter in each state, by state."""
    people: dict[str, int]


@pytest.fixture(scope="module")
def demo_site(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    if BACKEND != "sqlite":
        pytest.skip("layout, accessibility and keyboard use do not depend on the database: checked on SQLite only")
    folder = tmp_path_factory.mktemp("demo-site")
    shutil.copyfile(_sqlite_template, folder / "tactful.sqlite")
    db = Database(f"sqlite:///{folder / 'tactful.sqlite'}")
    clock = ManualClock()
    config = Config(database_url=db.url, audit_key_path=folder / "audit-key.pem")
    installation = Installation(db, config, clock, pdf=quick_pdf)
    load_demo(installation)
    with db.read() as session:
        letters: dict[str, int] = {}
        for letter in session.scalars(select(Letter).order_by(Letter.id)):
            letters.setdefault(letter.state, letter.id)
        people = {user.username: user.id for user in session.scalars(select(User))}
    with serving(installation) as base:
        yield DemoSite(base, installation, clock, letters, people)
    db.dispose()


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One tab for a whole module: opening a context per test costs more than the test."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


class Desk:
    """One browser tab used by several people in turn, as on a shared office computer."""

    def __init__(self, page: Page, base: str, passwords: Mapping[str, str] | None = None) -> None:
        self.page = page
        self.base = base
        self.passwords = passwords or {}

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def sign_in(self, name: str) -> Page:
        page = self.open("/sign-in")
        page.get_by_label("Username").fill(name)
        page.get_by_label("Password").fill(self.passwords.get(name, PASSWORD))
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
