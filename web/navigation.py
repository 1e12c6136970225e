"""The main menu: each page adds its entry here, shown only to the roles that can use it."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from workflow.people.roles import Role

# (endpoint, label, roles that see it; empty = everyone signed in)
MENU: list[tuple[str, str, frozenset[Role]]] = [
    ("home.index", "My work", frozenset()),
    ("letters.index", "Letters", frozenset()),
    ("letters.new", "New letter", frozenset({Role.AUTHOR})),
    ("customers.index", "Customers", frozenset()),
    ("admin.people", "Administration", frozenset({Role.ADMIN})),
    ("audit.index", "Audit trail", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
    ("law.reports", "Reports", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
    ("law.clause_library", "Clauses", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
    ("away.index", "Away", frozenset()),
    ("account.notifications", "My e-mail", frozenset()),
    ("account.password", "My password", frozenset()),
]


def nav_links() -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    return [(endpoint, label) for endpoint, label, roles in MENU if not roles or roles & current_user.user.role_set]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_links"] = nav_links
