"""What every response and request must satisfy: cookies, headers, size limit, CSRF, plain
error pages, and sign-in limits and session ends that hold in the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import BytesIO

import pytest
from flask import Flask
from lxml import html

from tests.conftest import PASSWORD, World
from tests.web.conftest import Person, text_of
from tests.web.routes import real_ids, snapshot
from web import create_app
from web.auth import GENERIC_FAILURE
from workflow.audit import chain
from workflow.installation import Installation
from workflow.people import administration, authentication
from workflow.settings.config import Config
from workflow.storage.db import Database


def production_app(world: World) -> Flask:
    return create_app({"INSTALLATION": world.installation, "SECRET_KEY": "test"})


def session_cookie(response) -> str:
    return next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))


@pytest.mark.parametrize("development", [True, False])
def test_the_session_cookie_is_httponly_samesite_lax_and_secure_outside_development(world: World, development: bool):
    config = {
        "INSTALLATION": world.installation,
        "SECRET_KEY": "test",
        "DEVELOPMENT": development,
        "WTF_CSRF_ENABLED": False,
    }
    client = create_app(config).test_client()
    response = client.post("/sign-in", data={"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    cookie = session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is not development


def test_every_page_kind_sends_the_safety_headers(world: World, sign_in: Callable[[str], Person]):
    ids = real_ids(world)
    dan, carla = sign_in("dan"), sign_in("carla")
    pages = [
        (dan, "/sign-in"),
        (dan, "/"),
        (dan, "/letters"),
        (dan, f"/letters/{ids.sent}"),
        (dan, "/admin/"),
        (dan, "/admin/settings"),
        (carla, "/audit"),
        (dan, f"/letters/{ids.sent}/files/{ids.sent_document}"),
        (dan, "/no-such-page"),
    ]
    for person, url in pages:
        response = person.get(url)
        csp = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"], url
        assert csp["frame-ancestors"] == "'none'", url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Cache-Control"] == "no-store", url


def test_no_page_carries_inline_script(world: World, sign_in: Callable[[str], Person]):
    ids = real_ids(world)
    dan = sign_in("dan")
    for url in ("/", f"/letters/{ids.sent}", "/admin/", "/admin/settings", "/admin/templates", "/audit"):
        page = dan.page(url)
        assert all(script.get("src") for script in page.xpath("//script")), url
        assert not page.xpath("//@*[starts-with(name(), 'on')]"), f"inline event handler on {url}"


def test_a_request_over_the_size_limit_gets_a_plain_413_page(
    world: World, sign_in: Callable[[str], Person], app: Flask
):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 16 * 1024 * 1024
    dan = sign_in("dan")
    response = dan.post(
        "/admin/templates", {"kind": "final", "language": "en", "document": (BytesIO(bytes(limit + 1)), "big.docx")}
    )
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_a_post_without_the_right_csrf_token_is_refused_and_changes_nothing(
    world: World, sign_in: Callable[[str], Person], token: str
):
    ids = real_ids(world)
    dan, ana = sign_in("dan"), sign_in("ana")
    before = snapshot(world)
    attempts = [
        (dan, f"/admin/people/{ids.person}/disable", {}),
        (dan, "/admin/settings/policy", {"waiting_period": "1m", "follow_up_days": "1", "threshold-USD": "1"}),
        (ana, f"/letters/{ids.draft}/actions/finish_draft", {"revision": "1"}),
        (ana, "/account/password", {"current": PASSWORD, "new": "another-password", "repeat": "another-password"}),
        (ana, "/sign-out", {}),
    ]
    for person, url, data in attempts:
        response = person.client.post(url, data={"csrf_token": token, **data})
        assert response.status_code == 400, url
        assert "did not come from this site" in response.get_data(
            as_text=True
        ) and "nothing was changed" in response.get_data(as_text=True)
    assert snapshot(world) == before
    assert ana.get("/").status_code == 200, "the refused sign-out did not sign ana out"


def test_an_unexpected_error_shows_the_plain_500_page_without_a_trace(world: World):
    app = production_app(world)

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internal detail")

    app.view_functions["explode"].tactful_public = True
    response = app.test_client().get("/explode")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in body
    assert "secret internal detail" not in body and "Traceback" not in body and "RuntimeError" not in body


# --- signing in --------------------------------------------------------------------------


def attempt(app: Flask, username: str, password: str, address: str = "10.0.0.1"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client.post("/sign-in", data={"username": username, "password": password})


@pytest.fixture
def plain_app(world: World) -> Flask:
    """Sign-in attempts without forms in between: CSRF is tested on its own above."""
    return create_app(
        {"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )


def test_every_failed_sign_in_says_the_same_thing(world: World, plain_app: Flask):
    administration.disable_user(world.installation, world.people["dan"].id, world.people["finn"].id)
    answers = [
        attempt(plain_app, *credentials)
        for credentials in [("nobody", PASSWORD), ("ana", "wrong-password"), ("finn", PASSWORD)]
    ]
    assert {response.status_code for response in answers} == {401}
    messages = {text_of(html.fromstring(response.get_data(as_text=True)), "//*[@role='alert']") for response in answers}
    assert messages == {GENERIC_FAILURE}


def test_an_account_is_locked_after_repeated_failures_and_frees_itself(world: World, plain_app: Flask):
    for _ in range(authentication.MAX_FAILURES_PER_ACCOUNT):
        assert attempt(plain_app, "ana", "wrong-password").status_code == 401
    locked = attempt(plain_app, "ana", PASSWORD, address="10.9.9.9")
    assert locked.status_code == 401 and GENERIC_FAILURE in locked.get_data(as_text=True)
    assert attempt(plain_app, "ben", PASSWORD).status_code == 302, "only ana's account is locked"
    world.clock.advance(authentication.WINDOW + timedelta(seconds=1))
    assert attempt(plain_app, "ana", PASSWORD).status_code == 302


def test_an_address_is_limited_across_accounts(world: World, plain_app: Flask):
    for index in range(authentication.MAX_FAILURES_PER_ADDRESS):
        attempt(plain_app, f"guess{index}", "wrong-password", address="10.6.6.6")
    assert attempt(plain_app, "ana", PASSWORD, address="10.6.6.6").status_code == 401
    assert attempt(plain_app, "ana", PASSWORD, address="10.7.7.7").status_code == 302


def test_two_server_processes_on_one_database_share_the_limit(world: World, plain_app: Flask):
    second_db = Database(world.installation.db.url)
    other = Installation(
        second_db, Config(database_url=second_db.url, policy=world.installation.config.policy), world.clock
    )
    second = create_app({"INSTALLATION": other, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False})
    for index in range(authentication.MAX_FAILURES_PER_ACCOUNT):
        attempt(plain_app if index % 2 else second, "ana", "wrong-password")
    assert attempt(second, "ana", PASSWORD, address="10.2.2.2").status_code == 401
    assert attempt(plain_app, "ana", PASSWORD, address="10.3.3.3").status_code == 401
    second_db.dispose()


# --- ending sessions ---------------------------------------------------------------------


def signed_out(person: Person) -> bool:
    response = person.client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_signing_out_ends_my_other_sessions(sign_in: Callable[[str], Person]):
    laptop, phone = sign_in("ana"), sign_in("ana")
    assert laptop.post("/sign-out").status_code == 302
    assert signed_out(laptop) and signed_out(phone)


def test_disabling_a_person_ends_their_sessions_at_once(world: World, sign_in: Callable[[str], Person]):
    laptop, phone, dan = sign_in("ana"), sign_in("ana"), sign_in("dan")
    dan.get(f"/admin/people/{world.people['ana'].id}")
    assert dan.post(f"/admin/people/{world.people['ana'].id}/disable").status_code == 302
    assert signed_out(laptop) and signed_out(phone)
    assert not signed_out(dan)


def test_a_reset_password_ends_the_persons_sessions(world: World, sign_in: Callable[[str], Person]):
    laptop, dan = sign_in("ana"), sign_in("dan")
    dan.post(f"/admin/people/{world.people['ana'].id}/password", {"password": "a-brand-new-one"})
    assert signed_out(laptop)


def test_changing_my_password_keeps_this_session_and_ends_the_others(sign_in: Callable[[str], Person]):
    laptop, phone = sign_in("ana"), sign_in("ana")
    laptop.get("/account/password")
    response = laptop.post(
        "/account/password", {"current": PASSWORD, "new": "a-brand-new-one", "repeat": "a-brand-new-one"}
    )
    assert response.status_code == 302
    assert "Password changed" in text_of(laptop.page("/"), "//main")
    assert signed_out(phone)


def test_access_refused_is_recorded(installation, world) -> None:

    from web import create_app

    app: Flask = create_app(
        {"INSTALLATION": installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )
    client = app.test_client()
    client.post("/sign-in", data={"username": "ana", "password": PASSWORD})
    assert client.get("/admin/").status_code == 403
    with installation.db.read() as session:
        event = chain.head(session)
    assert (event.action, event.outcome, event.actor, event.comment) == (
        "access_refused",
        "refused",
        "ana",
        "GET /admin/",
    )
    # A path with a NUL in it is recorded without it (PostgreSQL refuses NUL in text).
    assert client.get("/admin/profiles/%00x").status_code == 403
    with installation.db.read() as session:
        assert chain.head(session).comment == "GET /admin/profiles/x"


@pytest.mark.parametrize("development", [True, False])
def test_strict_transport_security_is_sent_outside_development(world: World, development: bool):
    config = {"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": development}
    response = create_app(config).test_client().get("/sign-in")
    assert ("Strict-Transport-Security" in response.headers) is not development
    if not development:
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
