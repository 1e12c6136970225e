"""The administrators' API and webhooks page: a token made there is shown once and works;
a webhook endpoint's log lists its deliveries."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.web.conftest import text_of
from workflow.outbox.dispatch import handle_events
from workflow.webhooks.endpoints import add_endpoint


def test_a_token_made_on_the_page_is_shown_once_and_works(app, world, sign_in):
    dan = sign_in("dan")
    dan.get("/admin/api")
    made = dan.post("/admin/api/tokens", {"name": "Zendesk", "person": str(world.people["ana"].id), "scopes": ["read"]})
    assert made.status_code == 200
    secret = re.search(r"tf_[A-Za-z0-9_-]{40,}", made.get_data(as_text=True)).group(0)
    assert secret not in dan.get("/admin/api").get_data(as_text=True)
    caller = app.test_client()
    assert caller.get("/api/v1/letters", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    dan.post("/admin/api/tokens/revoke", {"token": "1"})
    assert caller.get("/api/v1/letters", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_a_bad_webhook_address_is_refused_in_a_sentence(sign_in):
    dan = sign_in("dan")
    dan.get("/admin/api")
    refused = dan.post("/admin/api/webhooks", {"url": "http://169.254.169.254/", "events": ["sent"]})
    assert refused.status_code == 400 and "link-local" in refused.get_data(as_text=True)


def test_only_administrators_see_it(sign_in):
    assert sign_in("ana").get("/admin/api").status_code == 403


def test_the_delivery_log_lists_each_delivery(world, sign_in):
    hooked = replace(world.installation, config=replace(world.installation.config, webhooks_allow_private=True))
    made = add_endpoint(hooked, "http://127.0.0.1:9/hook", ["created"], secret="s" * 20)
    letter = world.letter()
    handle_events(hooked)
    page = sign_in("dan").page(f"/admin/api/webhooks/{made.id}")
    assert "created" in text_of(page) and str(letter.id) in text_of(page)
