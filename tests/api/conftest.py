"""API fixtures: the app on the test's installation, and a token per person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import World
from web import create_app
from workflow.api.tokens import Scope, create_token


@pytest.fixture
def app(world: World) -> Flask:
    return create_app({"INSTALLATION": world.installation, "SECRET_KEY": "test", "DEVELOPMENT": True, "TESTING": True})


class Caller:
    """A helpdesk holding one token."""

    def __init__(self, client: FlaskClient, secret: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, url: str, **headers: str):
        return self.client.get(url, headers={**self.headers, **headers})

    def post(self, url: str, body: object, **headers: str):
        return self.client.post(url, json=body, headers={**self.headers, **headers})

    def put(self, url: str, body: object, **headers: str):
        return self.client.put(url, json=body, headers={**self.headers, **headers})


@pytest.fixture
def token_for(app: Flask, world: World) -> Callable[..., Caller]:
    def made(name: str, *scopes: Scope) -> Caller:
        wanted = frozenset(scopes or (Scope.READ, Scope.WRITE, Scope.REVIEW))
        token = create_token(
            world.installation, name=f"{name}'s helpdesk", user_id=world.people[name].id, scopes=wanted
        )
        return Caller(app.test_client(), token.secret)

    return made


DECISION = {
    "customer_name": "Mara Quinn",
    "amount": "120.00",
    "currency": "USD",
    "language": "en",
    "customer_reason": "The kettle arrived late.",
    "reasons": ["delivered_on_time"],
    "order_reference": "ZD-4411",
}
