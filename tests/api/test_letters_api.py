"""The letters over JSON, driven through the real app on a real database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import timedelta

from openapi_spec_validator import validate
from sqlalchemy import func, select

from tests.api.conftest import DECISION
from tests.conftest import WAIT, World
from web import create_app
from workflow.api.tokens import Scope, revoke_token
from workflow.audit.models import AuditEvent
from workflow.letters.models import Letter


def _count_letters(world: World) -> int:
    with world.installation.db.read() as session:
        return session.scalar(select(func.count()).select_from(Letter)) or 0


def test_the_description_is_valid_openapi_31(app):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/letters/{letter_id}/actions/{trigger}" in document["paths"]
    page = app.test_client().get("/api/v1/docs")
    assert page.status_code == 200 and b"/api/v1/letters" in page.data and b"<script" not in page.data


def test_no_token_no_access_and_a_revoked_token_stops_working(app, world, token_for):
    assert app.test_client().get("/api/v1/letters").status_code == 401
    caller = token_for("ana")
    assert caller.get("/api/v1/letters").status_code == 200
    revoke_token(world.installation, 1)
    refused = caller.get("/api/v1/letters")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"


def test_the_same_key_and_body_gives_the_same_answer_and_one_letter(world, token_for):
    caller = token_for("ana")
    first = caller.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "ticket-4411"})
    again = caller.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "ticket-4411"})
    assert first.status_code == again.status_code == 201
    assert first.data == again.data and again.headers["Idempotent-Replayed"] == "true"
    assert _count_letters(world) == 1
    other = caller.post("/api/v1/letters", {**DECISION, "amount": "99.00"}, **{"Idempotency-Key": "ticket-4411"})
    assert other.status_code == 422 and "already used for a different request" in other.get_json()["detail"]
    assert _count_letters(world) == 1


def test_a_key_belongs_to_its_token(world, token_for):
    for caller in (token_for("ana"), token_for("eve")):
        assert caller.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "k1"}).status_code == 201
    assert _count_letters(world) == 2


def test_the_pages_sentences_come_back_as_problems(token_for):
    caller = token_for("ben")
    refused = caller.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "x"})
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == "Only authors can create letters."
    bad = token_for("ana").post("/api/v1/letters", {**DECISION, "reasons": []}, **{"Idempotency-Key": "y"})
    assert bad.status_code == 422 and "Give at least one reason for refusal." in bad.get_json()["detail"]


def test_a_body_nested_too_deeply_to_read_is_a_problem_not_a_server_error(world, token_for):
    ana = token_for("ana")
    nested = '{"a":' * 5000 + "1" + "}" * 5000
    headers = {**ana.headers, "Idempotency-Key": "deep", "Content-Type": "application/json"}
    response = ana.client.post("/api/v1/letters", data=nested, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["detail"] == "The request body nests its objects or lists too deeply to read."
    assert _count_letters(world) == 0


def test_a_letter_followed_from_draft_to_review_with_if_match(world, token_for):
    ana = token_for("ana")
    created = ana.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "t-1"}).get_json()
    url = created["url"]
    letter = ana.get(url)
    assert letter.status_code == 200
    body = letter.get_json()
    assert [v["number"] for v in body["versions"]] == [1]
    actions = {a["name"]: a for a in body["actions"]}
    assert actions["finish_draft"]["allowed"] and actions["finish_draft"]["why_not"] is None
    refused = {a["name"]: a["why_not"] for a in token_for("ben").get(url).get_json()["actions"] if not a["allowed"]}
    assert refused["withdraw"].endswith(".")
    etag = letter.headers["ETag"]
    assert ana.put(f"{url}/text", {"body": "A new text."}).status_code == 428
    saved = ana.put(
        f"{url}/text", {"body": "Thank you for writing. We cannot refund this order."}, **{"If-Match": etag}
    )
    assert saved.status_code == 200
    stale = ana.post(f"{url}/actions/finish_draft", {}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert stale.get_json()["detail"] == (
        "The letter changed after the revision sent as If-Match: You wrote version 2 in another request "
        "at 09:00 UTC (just now). It is now in draft at version 2. Nothing was applied: fetch the letter again "
        "for its current ETag, then retry with that ETag as If-Match."
    )
    unreadable = ana.post(f"{url}/actions/finish_draft", {}, **{"If-Match": '"v2"'})
    assert (
        unreadable.status_code == 412
        and "fetch the letter again for its current ETag" in unreadable.get_json()["detail"]
    )
    assert ana.get(url).get_json()["state"] == "draft"
    done = ana.post(f"{url}/actions/finish_draft", {}, **{"If-Match": saved.headers["ETag"]})
    assert done.status_code == 200 and done.get_json()["state"] == "waiting"
    world.clock.advance(WAIT)
    sent = ana.post(f"{url}/actions/submit_for_review", {}, **{"If-Match": done.headers["ETag"]})
    assert sent.get_json()["state"] == "peer_review"
    events = ana.get(f"{url}/events").get_json()["items"]
    assert [(e["action"], e["outcome"] == "ok") for e in events] == [
        ("create", True),
        ("edit", True),
        ("finish_draft", False),
        ("finish_draft", True),
        ("submit_for_review", True),
    ]
    assert all(e["via"].startswith("token 1") for e in events)


def test_a_channel_send_does_not_take_is_refused_with_the_keys_an_api_client_sends(world, token_for):
    letter = world.approved(world.letter())
    ana = token_for("ana")
    url = f"/api/v1/letters/{letter.id}"
    etag = ana.get(url).headers["ETag"]
    today = world.clock.now().date().isoformat()
    refused = ana.post(f"{url}/actions/send", {"channel": "pigeon", "sent_on": today}, **{"If-Match": etag})
    assert refused.status_code == 409
    assert refused.get_json()["detail"] == "Choose how the letter was sent: first_class_mail, registered_mail, courier."
    by_email = ana.post(f"{url}/actions/send", {"channel": "email", "sent_on": today}, **{"If-Match": etag})
    assert by_email.get_json()["detail"].startswith("A letter goes by e-mail through the action “email_letter”: ")


def test_each_use_is_attributed_to_the_token_in_the_chain(world, token_for):
    token_for("ana").post("/api/v1/letters", DECISION, **{"Idempotency-Key": "a"})
    with world.installation.db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "create")).one()
    assert event.actor == "ana"
    assert json.loads(event.details)["via"] == "token 1 “ana's helpdesk” (personal)"


def test_scopes_limit_what_a_token_may_do(world, token_for):
    reader = token_for("ana", Scope.READ)
    refused = reader.post("/api/v1/letters", DECISION, **{"Idempotency-Key": "r"})
    assert refused.status_code == 403 and "write" in refused.get_json()["detail"]
    letter = world.to_review(world.letter())
    reviewer = token_for("ben", Scope.READ, Scope.WRITE)
    shown = {a["name"]: a for a in reviewer.get(f"/api/v1/letters/{letter.id}").get_json()["actions"]}
    assert "review" in shown["approve_tone"]["why_not"]
    etag = f'"{letter.revision}"'
    assert (
        reviewer.post(f"/api/v1/letters/{letter.id}/actions/approve_tone", {}, **{"If-Match": etag}).status_code == 403
    )


def test_the_list_pages_with_a_cursor_and_searches_like_the_page(world, token_for):
    for n in range(5):
        world.letter(customer_name=f"Customer {n}")
    caller = token_for("ana")
    seen, cursor = [], None
    while True:
        page = caller.get("/api/v1/letters?limit=2" + (f"&cursor={cursor}" if cursor else "")).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == 5
    found = caller.get("/api/v1/letters?q=customer 3").get_json()["items"]
    assert [item["customer_name"] for item in found] == ["Customer 3"]
    assert caller.get("/api/v1/letters?cursor=nonsense").status_code == 422


def test_a_stored_document_comes_back_as_its_frozen_bytes(world, token_for):
    letter = world.approved(world.letter())
    caller = token_for("ana")
    documents = caller.get(f"/api/v1/letters/{letter.id}").get_json()["documents"]
    assert documents
    for document in documents:
        got = caller.get(document["url"])
        assert got.status_code == 200 and got.mimetype == document["media_type"]
        assert hashlib.sha256(got.data).hexdigest() == document["sha256"]
    with world.installation.db.read() as session:
        downloads = session.scalars(select(AuditEvent).where(AuditEvent.action == "download")).all()
    assert len(downloads) == len(documents), "each download is recorded; reading the letter is not"
    assert all(e.actor == "ana" and json.loads(e.details)["via"].startswith("token 1") for e in downloads)


def test_the_rate_limit_holds_across_processes_in_the_database(world, token_for):
    """Two apps (as two server processes) on one database share the count."""
    limited = replace(world.installation, config=replace(world.installation.config, api_rate_limit=3))
    secret = token_for("ana").headers
    apps = [create_app({"INSTALLATION": limited, "SECRET_KEY": "t", "TESTING": True}) for _ in range(2)]
    codes = [apps[n % 2].test_client().get("/api/v1/letters", headers=secret).status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = apps[0].test_client().get("/api/v1/letters", headers=secret)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    world.clock.advance(timedelta(minutes=1))
    assert apps[1].test_client().get("/api/v1/letters", headers=secret).status_code == 200


def test_every_operation_but_the_description_wants_a_token(app):
    """Outside the pages' session gate, every API route is guarded by its token instead."""
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        url = rule.rule.replace("<int:letter_id>", "1").replace("<int:document_id>", "1").replace("<trigger>", "send")
        method = next(m for m in ("GET", "POST", "PUT") if m in rule.methods)
        answer = client.open(url, method=method, json={})
        expected = 200 if rule.endpoint in ("api.openapi_json", "api.docs") else 401
        assert answer.status_code == expected, f"{method} {url}"
