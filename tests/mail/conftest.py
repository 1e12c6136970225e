"""Mail fixtures: a real SMTP server on 127.0.0.1, people with e-mail addresses and a
language each, and a worker that sends through the server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import select, update
from sqlmodel import col

from tests.conftest import World
from tests.infra.smtpserver import Handler, smtp_server
from workflow.installation import Installation
from workflow.mail.models import OutgoingMail
from workflow.mail.settings import MailSettings, Security
from workflow.outbox.worker import Worker
from workflow.people.models import User


@pytest.fixture
def mail_server() -> Iterator[tuple[Handler, int]]:
    with smtp_server() as server:
        yield server


def smtp_settings(port: int, **changes: object) -> MailSettings:
    settings = MailSettings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security=Security.NONE,
        sender="tactful <tactful@tactful.test>",
        base_url="https://tactful.test",
    )
    return replace(settings, **changes)  # type: ignore[arg-type]


def with_mail(installation: Installation, settings: MailSettings) -> Installation:
    return replace(installation, config=replace(installation.config, mail=settings))


def give_addresses(world: World, languages: dict[str, str] | None = None) -> None:
    """Everyone gets name@tactful.test, and the language given for them (English by default)."""
    languages = languages or {}

    def work(session) -> None:  # type: ignore[no-untyped-def]
        for name, person in world.people.items():
            session.execute(
                update(User)
                .where(col(User.id) == person.id)
                .values(email=f"{name}@tactful.test", language=languages.get(name, "en"))
            )

    world.installation.db.write(work)


@pytest.fixture
def mailing(world: World, mail_server: tuple[Handler, int]) -> Iterator[tuple[World, Handler, Worker]]:
    """A world whose people have addresses, sending through the test server."""
    handler, port = mail_server
    world.installation = with_mail(world.installation, smtp_settings(port))
    give_addresses(world)
    yield world, handler, Worker(world.installation, name="test worker")


def outgoing(world: World) -> list[OutgoingMail]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(OutgoingMail).order_by(col(OutgoingMail.id))))
