"""Signing in: where it sends the person afterwards, and what it holds while it checks."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask

from tests.conftest import PASSWORD, World
from web import create_app
from workflow.audit.actors import Origin
from workflow.people import authentication, passwords
from workflow.storage.db import Database

HOSTILE_NEXT = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/\uff0f/evil.example",
    "/\u2215evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/letters\x00",
    "evil.example",
    "",
    "/" * 3000,
]

ORIGIN = Origin(address="10.1.1.1", request_id="test")

SAME_SITE_NEXT = ["/letters", "/letters/3?state=draft&page=2", "/admin/people/1", "/customers/file?name=Mary%20Smith"]


@pytest.fixture
def plain_app(world: World) -> Flask:
    return create_app(
        {"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )


def signed_in_to(app: Flask, target: str) -> str:
    response = app.test_client().post(
        f"/sign-in?next={quote(target, safe='')}", data={"username": "ana", "password": PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=ascii)
def test_sign_in_never_sends_the_person_to_another_site(plain_app: Flask, target: str):
    assert signed_in_to(plain_app, target) == "/"


@pytest.mark.parametrize("target", SAME_SITE_NEXT)
def test_sign_in_sends_the_person_back_to_the_page_they_asked_for(plain_app: Flask, target: str):
    assert signed_in_to(plain_app, target) == target


def test_the_password_is_checked_outside_the_write_transaction(world: World, plain_app: Flask, monkeypatch):
    """Argon2 inside the write lock would make every sign-in of the installation wait in line."""
    database: Database = world.installation.db
    real_write, real_matches = database.write, passwords.hash_matches
    writing, checked_while_writing = [False], []

    def write(work):
        writing[0] = True
        try:
            return real_write(work)
        finally:
            writing[0] = False

    def matches(password_hash: str, password: str) -> bool:
        checked_while_writing.append(writing[0])
        return real_matches(password_hash, password)

    monkeypatch.setattr(database, "write", write)
    monkeypatch.setattr(passwords, "hash_matches", matches)
    assert authentication.sign_in(world.installation, "ana", PASSWORD, ORIGIN) is not None
    assert authentication.sign_in(world.installation, "ana", "wrong-password", ORIGIN) is None
    assert checked_while_writing == [False, False]
