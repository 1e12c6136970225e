"""The net for what nobody listed: every route, every form field and query parameter, as
every role, with hostile values (huge, empty, the wrong type, control characters, NUL,
long Unicode, parameters given twice).

Each request must answer without a server error or a stack trace, and a refusal must
change nothing: no row of any table but the record of the attempt itself, and every
event it appends says "refused" (so every letter keeps its revision). After the run the
audit chain still verifies.

The requests start from the real forms of the real pages, crawled as each role, so most
reach the use cases with a valid revision and CSRF out of the way, then bend some fields.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel
from werkzeug.datastructures import MultiDict
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD, World, word_file
from web import create_app
from workflow.audit import chain
from workflow.audit.actors import Actor
from workflow.audit.models import AuditEvent
from workflow.documents import DocumentKind
from workflow.letters.models import Letter
from workflow.letters.triggers import TRIGGERS
from workflow.people import authentication
from workflow.people.models import LoginAttempt, User

REQUESTS = int(os.environ.get("TACTFUL_FUZZ_REQUESTS", "2000"))
ROLES = ("anonymous", "ana", "ben", "carla", "dan", "eve", "finn")
CRAWLERS = ("anonymous", "ana", "dan", "eve")
"""Between them they see every form: sign-in, the author's, every reviewer's (eve holds
all three letter roles and wrote none of the letters), the administrator's."""

HUGE_AMOUNTS = ["1e999997", "99999999999999999999", "1e30", "-1e-999999"]
"""Amounts beyond any currency or with exponents: once a 38-second CPU burn and a 500."""

HOSTILE = [
    "",
    " ",
    "NaN",
    "inf",
    "true",
    "[]",
    "{}",
    "null",
    "\r\n",
    "\t",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "/\n/evil.example",
    "//evil.example",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "%s%n%x",
    "../../etc/passwd",
    "é" * 5000,
    "𝔘" * 3000,
    "x" * 100_000,
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "TL-2026-00001",
    "USD",
    "admin",
]
"""Values that have broken web apps before; every field also gets Hypothesis's own text."""

NUMBERISH = ["0", "-1", "1.5", " 7 ", "0x1A", "1_000", "1" * 19, "9" * 40, "١٢٣", "²", "Ⅻ"]
"""Almost numbers: too long for a column, digits `int` refuses ("²"), digits it accepts
("١٢٣"), signs, spaces and separators: a class of their own, and what replaces the ids,
revisions and pages the real pages carry."""

EXTRA_NAMES = ["next", "page", "old", "new", "name", "csrf_token", "revision", "trigger", "\x00", "a" * 300]
"""Names no page shows (a redirect's `next`, paging) and names no page has at all."""


@dataclass
class Crawl:
    """What the real pages offer: each endpoint's forms with their filled-in values."""

    forms: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def add(self, endpoint: str, fields: dict[str, str]) -> None:
        self.forms.setdefault(endpoint, []).append(fields)
        self.names.update(fields)


def quiet_app(world: World) -> Flask:
    """The production settings, except CSRF (its own tests prove it) and http cookies."""
    return create_app(
        {"INSTALLATION": world.installation, "SECRET_KEY": "fuzz", "DEVELOPMENT": True, "WTF_CSRF_ENABLED": False}
    )


def letters_in_every_state(world: World) -> list[int]:
    made = [
        world.letter(customer_name="Dora Draft"),
        world.letter(customer_name="Wanda Wait"),
        world.to_review(world.letter(customer_name="Pete Peer")),
        world.fire("escalate_to_legal", world.to_review(world.letter(customer_name="Lea Legal")), "ben", comment="x"),
        world.approved(world.letter(customer_name="Abe Approved")),
        world.sent(world.letter(customer_name="Sam Sent")),
        world.fire("withdraw", world.letter(customer_name="Will Withdrawn"), "ana", reason="no longer needed"),
    ]
    world.fire("finish_draft", made[1], "ana")
    return [letter.id for letter in made]


def client_for(app: Flask, role: str) -> FlaskClient:
    """A browser for `role`, from an address of its own so one role's failed sign-ins do
    not use up another's (the limit per address is tested on its own)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.0.0.{ROLES.index(role) + 1}"
    return client


def sign_in_again(world: World, client: FlaskClient, role: str) -> None:
    """The fuzz signs people out, disables them, changes their passwords and roles, and
    locks them out with wrong ones. Each role gets its account back as it was (straight in
    the database: this is the test's hand, not the app's) and signs in again, so the run
    keeps reaching the pages behind the sign-in."""
    with client.session_transaction() as session:
        signed_in = "_user_id" in session
    if role == "anonymous" or signed_in:
        return
    if client.post("/sign-in", data={"username": role, "password": PASSWORD}).status_code == 302:
        return
    person = world.people[role]

    def restore(session: Session) -> None:
        user = session.get(User, person.id)
        user.password_hash, user.roles, user.active = person.password_hash, person.roles, True

    world.installation.db.write(restore)
    authentication.unlock(world.installation, role, Actor("fuzz"))
    client.post("/sign-in", data={"username": role, "password": PASSWORD})


def _fields(form: html.FormElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
        name = element.get("name")
        if element.tag == "select":
            values[name] = (element.xpath("./option/@value") or [""])[-1]
        elif element.get("type") in ("checkbox", "radio"):
            if element.get("checked") is not None or name not in values:
                values[name] = element.get("value", "on")
        elif element.get("type") != "file":
            values[name] = element.text_content() if element.tag == "textarea" else element.get("value", "")
    return values


def crawl(app: Flask, clients: list[FlaskClient], urls: list[str]) -> Crawl:
    """Every form and link on every page, as every role."""
    found = Crawl(names=set(EXTRA_NAMES))
    adapter = app.url_map.bind("localhost")
    for client in clients:
        for url in urls:
            response = client.get(url)
            found.names.update(name for name, _ in parse_qsl(urlsplit(response.headers.get("Location", "")).query))
            if response.mimetype != "text/html":
                continue
            page = html.fromstring(response.get_data(as_text=True), base_url=f"http://localhost{url}")
            for form in page.forms:
                method = (form.method or "GET").upper()
                try:
                    endpoint, _ = adapter.match(urlsplit(form.action or url).path, method=method)
                except Exception:  # noqa: BLE001  (a form pointing elsewhere has nothing to fuzz here)
                    continue
                found.add(endpoint, _fields(form))
            for link in page.xpath("//a/@href"):
                parts = urlsplit(link)
                if parts.query and not parts.netloc:
                    endpoint, _ = adapter.match(parts.path, method="GET")
                    found.add(endpoint, dict(parse_qsl(parts.query, keep_blank_values=True)))
    return found


def page_urls(app: Flask, letters: list[int], person: int) -> Iterator[str]:
    """Every page a GET can open, with each letter in turn."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
                continue
            if "letter_id" in rule.arguments:
                for letter in letters:
                    yield app.url_for(rule.endpoint, **path_values(rule, letter, person))
            else:
                yield app.url_for(rule.endpoint, **path_values(rule, letters[0], person))


def path_values(rule: Rule, letter: int, person: int) -> dict[str, object]:
    known = {"letter_id": letter, "user_id": person, "document_id": 1, "kind": "final", "trigger": "archive"}
    known["mail_id"] = 1
    known["filename"] = "style.css"
    known["endpoint_id"] = 1
    known["key"] = "uk_general"
    known["clause_id"] = 1
    return {name: known[name] for name in rule.arguments}


HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(NUMBERISH),
    st.sampled_from(HUGE_AMOUNTS),
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x1F), max_size=8),
)


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
    max_leaves=5,
)
"""What a JSON body may hold where a form has text: numbers, lists, objects, null."""

UPLOADS = st.tuples(
    st.one_of(st.binary(max_size=200), st.just(word_file("A reviewed letter.")), st.just(b"PK\x03\x04")),
    st.sampled_from(["letter.docx", "", "a" * 300 + ".docx", "../../x.docx", "x.exe", "\u202ecod.exe"]),
)
"""A file where one is expected or not: garbage, a real Word file, a bare zip header."""


@st.composite
def requests(draw: st.DrawFn, app: Flask, crawled: Crawl, letters: list[int], person: int) -> dict[str, object]:
    """One request: a route and method (the wrong one too), its path filled with real or
    hostile values, and a real form of that route with fields kept, bent, dropped, added
    or given twice, as query string, form body, files or JSON."""
    rule = draw(st.sampled_from(sorted(app.url_map.iter_rules(), key=lambda r: r.rule)))
    method = draw(st.sampled_from(sorted((rule.methods or {"GET"}) - {"HEAD", "OPTIONS"}) + ["GET", "POST"]))
    path = rule.rule
    for name in rule.arguments:
        if rule.endpoint == "static":
            real = st.sampled_from(["style.css", "../../pyproject.toml"])
        elif name in ("letter_id", "user_id", "document_id"):
            real = st.sampled_from([*letters, person, 1]).map(str)
        else:
            real = st.sampled_from([*TRIGGERS, *(k.value for k in DocumentKind)])
        text = draw(st.one_of(real, real, HOSTILE_TEXT.filter(bool), st.sampled_from(NUMBERISH)))
        path = re.sub(rf"<(?:\w+:)?{name}>", quote(text, safe=""), path)
    base = draw(st.sampled_from(crawled.forms.get(rule.endpoint, [{}])))
    pairs = []
    for name, value in base.items():
        fate = draw(st.integers(0, 9))
        if fate >= 5:
            pairs.append((name, value))
        elif fate >= 3 and value.isdecimal():
            pairs.append((name, draw(st.sampled_from(NUMBERISH))))
        elif fate >= 1:
            pairs.append((name, draw(HOSTILE_TEXT)))
    for name in draw(st.lists(st.sampled_from(sorted(crawled.names | set(base))), max_size=4)):
        pairs.append((name, draw(HOSTILE_TEXT)))
    if pairs and draw(st.booleans()):
        name, _ = draw(st.sampled_from(pairs))
        pairs.append((name, draw(HOSTILE_TEXT)))
    if method == "GET":
        return {"role": draw(st.sampled_from(ROLES)), "method": method, "path": path, "query": pairs, "form": []}
    in_query = [draw(st.integers(0, 4)) == 0 for _ in pairs]
    query = [pair for pair, there in zip(pairs, in_query, strict=True) if there]
    form: list[tuple[str, object]] = [pair for pair, there in zip(pairs, in_query, strict=True) if not there]
    if draw(st.integers(0, 3)) == 0:
        form.append((draw(st.sampled_from(["document", *sorted(base)])), draw(UPLOADS)))
    if draw(st.integers(0, 9)) == 0:
        body = draw(st.one_of(st.dictionaries(st.sampled_from(sorted(base) or ["x"]), JSON_VALUES), JSON_VALUES))
        return {"role": draw(st.sampled_from(ROLES)), "method": method, "path": path, "query": query, "json": body}
    return {"role": draw(st.sampled_from(ROLES)), "method": method, "path": path, "query": query, "form": form}


def picture(world: World) -> tuple[dict[str, list[tuple]], int]:
    """Every row but the record of attempts (audit events, sign-in attempts), and the chain's length."""
    tables = {}
    with world.installation.db.read() as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in (AuditEvent.__tablename__, LoginAttempt.__tablename__):
                tables[table.name] = [tuple(row) for row in session.execute(select(table))]
        seq = session.scalar(select(func.max(AuditEvent.seq))) or 0
    return tables, seq


def appended_since(world: World, seq: int) -> list[AuditEvent]:
    with world.installation.db.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.seq > seq)))


def refused(client: FlaskClient, response: TestResponse) -> bool:
    """A 4xx answer, or a redirect carrying an error message (the admin pages' way to refuse)."""
    if response.status_code >= 400:
        return True
    with client.session_transaction() as session:
        flashes = session.pop("_flashes", [])
    return any(category == "error" for category, _ in flashes)


class Errors(logging.Handler):
    """The last error the app logged, so a failure shows its cause, not only its status."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.last = self.format(record)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_hostile_requests_never_break_a_page_or_change_anything_when_refused(world: World):
    letters = letters_in_every_state(world)
    person = world.people["ana"].id
    app = quiet_app(world)
    errors = Errors()
    app.logger.addHandler(errors)
    clients = {role: client_for(app, role) for role in ROLES}
    for role, client in clients.items():
        sign_in_again(world, client, role)
    crawled = crawl(app, [clients[role] for role in CRAWLERS], list(page_urls(app, letters, person)))

    @settings(
        max_examples=REQUESTS,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests(app, crawled, letters, person))
    def answer_safely(request: dict[str, object]) -> None:
        client = clients[str(request["role"])]
        sign_in_again(world, client, str(request["role"]))
        before, seq = picture(world)
        sent.append(request)
        errors.last = ""
        body = (
            {"json": request["json"]}
            if "json" in request
            else {
                "data": MultiDict(
                    [(k, (BytesIO(v[0]), v[1]) if isinstance(v, tuple) else v) for k, v in request["form"]]
                )
            }
        )
        response = client.open(
            str(request["path"]), method=str(request["method"]), query_string=MultiDict(request["query"]), **body
        )
        body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
        assert response.status_code < 500, f"{request}\n{errors.last}"
        assert "Traceback" not in body and 'File "' not in body, request
        if refused(client, response):
            assert picture(world)[0] == before, f"a refusal changed something: {request}"
            assert all(event.outcome != "ok" for event in appended_since(world, seq)), request

    sent: list[dict[str, object]] = []
    answer_safely()
    assert len(sent) >= REQUESTS, f"only {len(sent)} requests were sent"
    with world.installation.db.read() as session:
        assert chain.verify(session).intact
        assert session.scalar(select(func.count()).select_from(Letter)) >= len(letters)
