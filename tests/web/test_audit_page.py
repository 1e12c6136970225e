"""The audit page: filters show the matching events; the download is a streamed zip whose
export and signed manifest pass `verify_export` unchanged, and the export is recorded."""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from lxml import html
from sqlalchemy import select

from tests.conftest import World
from tests.web.conftest import Person, text_of
from web import create_app
from workflow.audit import events, signing
from workflow.audit import export as audit_export
from workflow.audit.models import AuditEvent
from workflow.installation import Installation


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    path = tmp_path / "audit.key"
    signing.generate_key(path)
    return path


def app_with_key_at(world: World, key_path: Path) -> Flask:
    keyed = Installation(
        world.installation.db, replace(world.installation.config, audit_key_path=key_path), world.clock
    )
    return create_app({"INSTALLATION": keyed, "SECRET_KEY": "test", "DEVELOPMENT": True, "TESTING": True})


@pytest.fixture
def keyed_app(world: World, key_path: Path) -> Flask:
    return app_with_key_at(world, key_path)


def signed_in(app: Flask, world: World, name: str) -> Person:
    person = Person(app.test_client(), world)
    person.get("/sign-in")
    person.post("/sign-in", {"username": name, "password": "correct-horse-battery"})
    person.get("/audit")
    return person


def rows(page: html.HtmlElement) -> list[str]:
    return [" ".join(row.text_content().split()) for row in page.xpath("//table[@class='audit']/tbody/tr")]


def test_filters_narrow_the_events_shown(world: World, keyed_app: Flask):
    mary = world.letter(customer_name="Mary Smith")
    john = world.letter(customer_name="John Brown", author="eve")
    carla = signed_in(keyed_app, world, "carla")
    by_letter = rows(carla.page(f"/audit?letter={mary.reference}"))
    assert by_letter and all(mary.reference in row for row in by_letter)
    by_customer = rows(carla.page("/audit?customer=john brown"))
    assert by_customer and all(john.reference in row for row in by_customer)
    actors = carla.page("/audit?actor=eve").xpath("//table[@class='audit']/tbody/tr/td[3]/text()")
    assert actors and {actor.strip() for actor in actors} == {"eve"}
    assert rows(carla.page("/audit?since=2030-01-01")) == []
    assert rows(carla.page("/audit?until=2025-12-31")) == []
    assert rows(carla.page("/audit?since=2026-01-05&until=2026-01-05"))


@pytest.mark.parametrize(
    "query, message",
    [
        ("since=5 May", "YYYY-MM-DD"),
        ("since=2026-02-01&until=2026-01-01", "before"),
        ("letter=TL-1999-00001", "No letter"),
    ],
)
def test_bad_filters_are_explained_in_words(world: World, keyed_app: Flask, query: str, message: str):
    response = signed_in(keyed_app, world, "dan").get(f"/audit?{query}")
    assert response.status_code == 400
    assert message in text_of(html.fromstring(response.get_data(as_text=True)), "//*[@role='alert']")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_download_is_a_signed_export_that_verifies_and_is_recorded(
    world: World, keyed_app: Flask, key_path: Path, tmp_path: Path, fmt: str
):
    letter = world.sent(world.letter(customer_name="=cmd|' /C calc'!A0"))
    dan = signed_in(keyed_app, world, "dan")
    response = dan.post("/audit/export", {"format": fmt, "letter": letter.reference})
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(BytesIO(response.get_data())) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    export = tmp_path / names[0]
    assert names == [export.name, export.name + ".manifest.json"] and export.suffix == f".{fmt}"
    check = audit_export.verify_export(export, signing.configured_verify_key(key_path))
    assert check.ok, str(check)
    manifest = json.loads((tmp_path / names[1]).read_text())
    assert manifest["filters"] == {"letter": letter.reference}
    with world.installation.db.read() as session:
        recorded = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
        letter_events = len(events.letter_events(session, letter.id))
    assert manifest["events"] == letter_events
    assert (recorded.action, recorded.actor) == ("export_audit", "dan")
    assert json.loads(recorded.details)["sha256"] == manifest["sha256"]


def test_without_an_audit_key_an_administrator_creates_it_on_the_page(world: World, tmp_path: Path):
    """No key yet: the page says so in words and offers the administrator the button; a
    refused download keeps the filters and the events; the key made there signs exports."""
    key_path = tmp_path / "keys" / "audit-key.pem"
    app = app_with_key_at(world, key_path)
    letter = world.letter(customer_name="Mary Smith")
    carla = signed_in(app, world, "carla")
    assert "An administrator can create it" in carla.get("/audit").get_data(as_text=True)
    assert not carla.page("/audit").xpath("//button[text()='Create the signing key']")
    dan = signed_in(app, world, "dan")
    refused = dan.post("/audit/export", {"format": "csv", "letter": letter.reference})
    page = html.fromstring(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert "no audit signing key yet" in text_of(page, "//div[@role='alert']")
    assert "tactful" not in text_of(page, "//div[@role='alert']"), "a sentence for the page, not a command"
    assert rows(page) and all(letter.reference in row for row in rows(page)), "the events are still shown"
    assert page.xpath("//input[@name='letter']/@value") == [letter.reference], "the filters are kept"
    made = dan.post("/audit/key")
    assert made.status_code == 302 and key_path.exists()
    assert "signed from now on" in dan.get("/audit").get_data(as_text=True)
    download = dan.post("/audit/export", {"format": "csv"})
    assert download.status_code == 200 and download.mimetype == "application/zip"
    with world.installation.db.read() as session:
        created = session.scalars(select(AuditEvent).where(AuditEvent.action == "create_audit_key")).one()
    assert (created.actor, json.loads(created.details)["key_id"]) == ("dan", signing.load_signing_key(key_path).key_id)
    again = dan.post("/audit/key")
    assert again.status_code == 302 and "never overwritten" in dan.get("/audit").get_data(as_text=True)


def test_the_export_streams_in_pieces(world: World, keyed_app: Flask, monkeypatch: pytest.MonkeyPatch):
    """Chunks that do not compress leave the zip as soon as they are written."""

    def export_events(session, fmt, filters, *, upto_seq=None, tally=None):
        for _ in range(8):
            yield os.urandom(256 * 1024)

    monkeypatch.setattr(audit_export, "export_events", export_events)
    dan = signed_in(keyed_app, world, "dan")
    response = dan.post("/audit/export", {"format": "jsonl"})
    pieces = [piece for piece in response.response if piece]
    assert len(pieces) >= 8 and max(len(piece) for piece in pieces) < 512 * 1024
