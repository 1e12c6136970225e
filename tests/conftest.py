"""Shared fixtures: a real database per test (a SQLite file, or a real PostgreSQL server when
TACTFUL_TEST_BACKEND=postgresql), a clock the test moves, and the four kinds of people."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import docx
import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import create_engine, text

from tests.infra.browser import browser_type_launch_args  # noqa: F401  (Debian's Chromium for Playwright)
from tests.infra.pgserver import postgres_server
from workflow.clock import ManualClock
from workflow.installation import Installation
from workflow.letters.decision import Concession, Decision, Reason
from workflow.letters.inputs import TriggerInput, Upload
from workflow.letters.models import Letter
from workflow.letters.services import create_letter, fire
from workflow.letters.triggers import TRIGGERS
from workflow.money import Money
from workflow.people import passwords
from workflow.people.accounts import create_user, new_user
from workflow.people.models import User
from workflow.settings.config import Config, Policy, parse_thresholds
from workflow.storage import schema
from workflow.storage.append_only import drop_append_only_sql
from workflow.storage.db import Database

BACKEND = os.environ.get("TACTFUL_TEST_BACKEND", "sqlite")
PASSWORD = "correct-horse-battery"
WAIT = timedelta(hours=24)
TEST_POLICY = Policy(waiting_period=WAIT, legal_thresholds=parse_thresholds("USD=1000.00,EUR=1000.00"))


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2's production cost (a quarter second a hash here) would dominate every test."""
    real = passwords._hasher
    passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    passwords._hasher = real


@pytest.fixture(scope="session")
def _postgres_url() -> Iterator[str | None]:
    if BACKEND != "postgresql":
        yield None
        return
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once, copy per test: a fresh file each time without paying for the migration."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(f"sqlite:///{path}")
    schema.upgrade(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def database_url(tmp_path: Path, _sqlite_template: Path, _postgres_url: str | None) -> str:
    if _postgres_url is None:
        path = tmp_path / "tactful.sqlite"
        shutil.copyfile(_sqlite_template, path)
        return f"sqlite:///{path}"
    engine = create_engine(_postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    schema.upgrade(Database(_postgres_url))
    return _postgres_url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def quick_pdf(document: bytes) -> bytes:
    """LibreOffice's stand-in: a real conversion takes a second or two, and most tests approve
    letters; the tests of the PDF itself use the real converter."""
    return b"%PDF-1.7\n% stand-in for " + hashlib.sha256(document).hexdigest().encode() + b"\n%%EOF\n"


@pytest.fixture
def installation(db: Database, clock: ManualClock) -> Installation:
    return Installation(db, Config(database_url=db.url, policy=TEST_POLICY), clock, pdf=quick_pdf)


def decision(amount: str = "100.00", currency: str = "USD", language: str = "en", **changes) -> Decision:
    values = dict(
        customer_name="Mary Smith",
        customer_email="mary@example.org",
        postal_address="Mary Smith\n1 Elm Street\nSpringfield",
        order_reference="ORD-1",
        amount=Money.parse(amount, currency),
        language=language,
        customer_reason="The photos came late.",
        reasons=(Reason.DELIVERED_ON_TIME,),
        reason_details="Delivered on 3 May as agreed.",
        concession=Concession.NONE,
        internal_notes="Customer for six years.",
    )
    values.update(changes)
    return Decision(**values)


def shown_fields(kind: str) -> tuple[str, ...]:
    """A paragraph for each field a document of `kind` must show (`workflow.documents.required`),
    to add to a test's template so it is checked for what the test is about."""
    from workflow.documents.kinds import DocumentKind
    from workflow.documents.required import REQUIRED

    return tuple(f"{{{{ {name} }}}}" for name in REQUIRED[DocumentKind(kind)])


def word_file(*paragraphs: str) -> bytes:
    """A plain .docx with one paragraph per argument, as a person's Word would save it."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def typed_inputs(trigger: str, upload: tuple[str, bytes] | None = None, **given: object) -> TriggerInput | None:
    """The trigger's input object from keywords: its input class's fields by name (those
    not given as an empty form leaves them), or `upload=(filename, bytes)` for a file;
    None for a trigger that takes nothing."""
    row = TRIGGERS.get(trigger)
    if row is None or row.inputs is None:
        assert upload is None and not given, f"{trigger} takes no inputs"
        return None
    form = {} if upload is None else {name: Upload(*upload) for name in (f.name for f in row.fields)}
    return replace(row.inputs.from_form(form), **given)


def tamper(db: Database, *statements: str, table: str = "audit_events") -> None:
    """Raw SQL with a table's append-only triggers dropped, as an intruder with database access would."""
    with db.engine.begin() as connection:
        for statement in [*drop_append_only_sql(db.dialect, table), *statements]:
            connection.execute(text(statement))


@dataclass
class World:
    """A workflow with people in it, and shortcuts for driving letters."""

    installation: Installation
    clock: ManualClock
    people: dict[str, User]

    def letter(self, amount: str = "100.00", currency: str = "USD", author: str = "ana", **changes) -> Letter:
        body = "Thank you for your order. We delivered it on time, as agreed, so we cannot refund it."
        return create_letter(self.installation, decision(amount, currency, **changes), self.people[author].id, body)

    def fire(
        self, trigger: str, letter: Letter, who: str, *, seen_revision: int | None = None, **given: object
    ) -> Letter:
        """Pull a trigger with its inputs given as keywords (see `typed_inputs`)."""
        inputs = typed_inputs(trigger, **given)
        return fire(self.installation, trigger, letter.id, self.people[who].id, inputs, seen_revision=seen_revision)

    def to_review(self, letter: Letter, author: str = "ana") -> Letter:
        self.fire("finish_draft", letter, author)
        self.clock.advance(WAIT)
        return self.fire("submit_for_review", letter, author)

    def approved(self, letter: Letter) -> Letter:
        letter = self.fire("approve_tone", self.to_review(letter), "ben")
        if letter.state == "legal_review":
            letter = self.fire("approve_legal", letter, "carla")
        return letter

    def sent(self, letter: Letter) -> Letter:
        return self.fire(
            "send", self.approved(letter), "ana", channel="first_class_mail", sent_on=self.clock.now().date()
        )


@pytest.fixture
def world(installation: Installation, clock: ManualClock) -> World:
    roles = {
        "ana": ["author"],
        "ben": ["peer_reviewer"],
        "carla": ["legal_reviewer"],
        "dan": ["admin"],
        "eve": ["author", "peer_reviewer", "legal_reviewer"],
        "finn": ["peer_reviewer", "legal_reviewer"],
    }
    people = {name: create_user(installation, new_user(name, PASSWORD, r)) for name, r in roles.items()}
    return World(installation, clock, people)
