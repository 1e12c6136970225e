"""Route × role × owner: who may reach what, built from the app's own URL map so a route
added tomorrow is checked tomorrow without anyone remembering to list it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.conftest import World
from tests.web.conftest import Person
from tests.web.routes import PUBLIC, real_ids, rules, snapshot, url_for_rule

NOT_ADMINS = ["ana", "ben", "carla", "eve", "finn"]
AUDIT_READERS = {"carla", "dan", "eve", "finn"}
# Routes that show a form on GET and act on POST; every other route does one or the other.
FORM_PAGES = {"auth.sign_in", "letters.new"}
# Every blueprint must be named here with the roles that reach it (empty: anyone signed in).
BLUEPRINTS = {
    "home": set(),
    "letters": set(),
    "customers": set(),
    "account": set(),
    "auth": set(),
    "admin": {"dan"},
    "audit": AUDIT_READERS,
    "work": set(),
    "away": set(),
    "admin_work": {"dan"},
    "admin_api": {"dan"},
    "law": {"carla", "dan", "eve", "finn"},
    "law_admin": {"dan"},
}
UNKNOWN_ID = 987654


def blueprint(endpoint: str) -> str:
    return endpoint.split(".", 1)[0]


def methods(rule) -> list[str]:
    return sorted(rule.methods & {"GET", "POST"})


def request(person: Person, method: str, url: str):
    return person.get(url) if method == "GET" else person.post(url)


def test_every_route_belongs_to_a_blueprint_the_matrix_knows(app: Flask):
    for rule in rules(app):
        assert blueprint(rule.endpoint) in BLUEPRINTS, f"{rule.endpoint}: add its blueprint to the access matrix"


def test_only_the_sign_in_page_is_public(app: Flask):
    """The API's operations are outside the session gate: tokens guard them (tests/api)."""
    public = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "tactful_public", False) and not endpoint.startswith("api.")
    }
    assert public | {"static"} == PUBLIC


def test_no_route_both_shows_and_changes_except_the_form_pages(app: Flask):
    both = {rule.endpoint for rule in rules(app) if {"GET", "POST"} <= rule.methods}
    assert both == FORM_PAGES
    for rule in rules(app):
        assert rule.methods - {"GET", "HEAD", "OPTIONS", "POST"} == set(), f"{rule.rule} accepts {rule.methods}"


def test_anonymous_visitors_are_sent_to_sign_in_from_every_route(world: World, app: Flask):
    ids = real_ids(world)
    visitor = Person(app.test_client(), world)
    visitor.get("/sign-in")
    before = snapshot(world)
    for rule in rules(app):
        if rule.endpoint in PUBLIC:
            continue
        url = url_for_rule(app, rule, ids)
        for method in methods(rule):
            response = request(visitor, method, url)
            assert response.status_code == 302, f"{method} {url}"
            assert response.headers["Location"].startswith("/sign-in"), f"{method} {url}"
    assert snapshot(world) == before


@pytest.mark.parametrize("name", NOT_ADMINS)
def test_administration_and_audit_refuse_everyone_without_the_role(
    world: World, app: Flask, sign_in: Callable[[str], Person], name: str
):
    ids = real_ids(world)
    person = sign_in(name)
    before = snapshot(world)
    for rule in rules(app):
        allowed = BLUEPRINTS[blueprint(rule.endpoint)]
        if not allowed or name in allowed:
            continue
        url = url_for_rule(app, rule, ids)
        for method in methods(rule):
            assert request(person, method, url).status_code == 403, f"{name}: {method} {url}"
    assert snapshot(world) == before


@pytest.mark.parametrize("name", ["dan", "carla"])
def test_the_role_holders_reach_their_pages(world: World, app: Flask, sign_in: Callable[[str], Person], name: str):
    ids = real_ids(world)
    person = sign_in(name)
    for rule in rules(app, "GET"):
        if name in BLUEPRINTS[blueprint(rule.endpoint)]:
            url = url_for_rule(app, rule, ids)
            assert person.get(url).status_code == 200, f"{name}: GET {url}"


@pytest.mark.parametrize("argument, name", [("letter_id", "eve"), ("user_id", "dan")])
def test_every_route_answers_404_for_an_unknown_id(
    world: World, app: Flask, sign_in: Callable[[str], Person], argument: str, name: str
):
    """Checked before any input is looked at, by someone who may use the route."""
    ids = real_ids(world)
    person = sign_in(name)
    before = snapshot(world)
    for rule in rules(app):
        if argument not in rule.arguments:
            continue
        url = url_for_rule(app, rule, ids, **{argument: UNKNOWN_ID})
        for method in methods(rule):
            assert request(person, method, url).status_code == 404, f"{method} {url}"
    assert snapshot(world) == before


def test_a_document_of_another_letter_or_an_unknown_one_is_not_found(
    world: World, app: Flask, sign_in: Callable[[str], Person]
):
    ids = real_ids(world)
    eve = sign_in("eve")
    for rule in rules(app):
        if "document_id" not in rule.arguments:
            continue
        for letter_id, document_id in [(ids.draft, ids.sent_document), (ids.sent, UNKNOWN_ID)]:
            url = url_for_rule(app, rule, ids, letter_id=letter_id, document_id=document_id)
            for method in methods(rule):
                assert request(eve, method, url).status_code == 404, f"{method} {url}"
        own = url_for_rule(app, rule, ids)
        assert eve.get(own).status_code == 200, "the document is found through its own letter"


@pytest.mark.parametrize("name", [None, "ana", "ben", "carla", "dan", "eve"])
def test_no_get_changes_anything_whoever_asks(
    world: World, app: Flask, sign_in: Callable[[str], Person], name: str | None
):
    """Downloads are recorded in the trail as readings; nothing else may be written."""
    ids = real_ids(world)
    person = sign_in(name) if name else Person(app.test_client(), world)
    before = snapshot(world)
    for rule in rules(app, "GET"):
        for overrides in ({}, {"letter_id": ids.draft}):
            response = person.get(url_for_rule(app, rule, ids, **overrides))
            assert response.status_code < 500, rule.rule
    assert snapshot(world) == before
