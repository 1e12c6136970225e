"""The menus of every page's header: each page adds its entry here, shown only to the roles
that can use it. The main menu holds the pages of work; the pages about oneself (away, own
e-mail, own password) sit in a menu under the person's name, as in most web applications,
so the header stays one line at 1366 px for every role."""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from workflow.people.roles import Role

Entry = tuple[str, str, frozenset[Role]]
"""(endpoint, label, roles that see it; empty = everyone signed in)"""

MENU: list[Entry] = [
    ("home.index", "My work", frozenset()),
    ("letters.index", "Letters", frozenset()),
    ("letters.new", "New letter", frozenset({Role.AUTHOR})),
    ("customers.index", "Customers", frozenset()),
    ("admin.people", "Administration", frozenset({Role.ADMIN})),
    ("audit.index", "Audit trail", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
    ("law.reports", "Reports", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
    ("law.clause_library", "Clauses", frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})),
]

ACCOUNT_MENU: list[Entry] = [
    ("away.index", "Away", frozenset()),
    ("account.notifications", "My e-mail", frozenset()),
    ("account.password", "My password", frozenset()),
]


def _shown(menu: list[Entry]) -> list[tuple[str, str, str]]:
    """(endpoint, address, label) of each entry this person sees."""
    if not current_user.is_authenticated:
        return []
    mine = current_user.user.role_set
    return [(endpoint, _address(endpoint), label) for endpoint, label, roles in menu if not roles or roles & mine]


def _address(endpoint: str) -> str:
    """A menu page's address, built once per application and mount point: the menus take
    no arguments, and building ten addresses cost every page a tenth of a millisecond."""
    built = current_app.extensions.setdefault("tactful_menu_addresses", {})
    key = (request.script_root, endpoint)
    if key not in built:
        built[key] = url_for(endpoint)
    return built[key]


def nav_links() -> list[tuple[str, str, str]]:
    return _shown(MENU)


def account_links() -> list[tuple[str, str, str]]:
    return _shown(ACCOUNT_MENU)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(nav_links=nav_links, account_links=account_links)
