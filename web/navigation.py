"""The menus of every page's header: each page adds its entry here, shown only to the roles
that can use it. The main menu holds the pages of work; the pages about oneself (away, own
e-mail, own password) sit in a menu under the person's name, as in most web applications,
so the header stays one line at 1366 px for every role."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from web.access import GATES
from workflow.letters.services import why_not_create
from workflow.people.models import User

Entry = tuple[str, str]
"""(endpoint, label): shown to whoever may open the page, as its blueprint's role gate
(`web.access.GATES`) or the domain's own question (`ASKED`) says; else to everyone signed in."""

MENU: list[Entry] = [
    ("home.index", "My work"),
    ("letters.index", "Letters"),
    ("letters.new", "New letter"),
    ("customers.index", "Customers"),
    ("admin.people", "Administration"),
    ("audit.index", "Audit trail"),
    ("law.reports", "Reports"),
    ("law.clause_library", "Clauses"),
]

ACCOUNT_MENU: list[Entry] = [
    ("away.index", "Away"),
    ("account.notifications", "My e-mail"),
    ("account.password", "My password"),
]

ASKED: dict[str, Callable[[User], bool]] = {"letters.new": lambda user: why_not_create(user) is None}
"""Pages of an ungated blueprint that only some may use, with the domain's question."""


def _may_open(endpoint: str, user: User) -> bool:
    if endpoint in ASKED:
        return ASKED[endpoint](user)
    roles = GATES.get(endpoint.partition(".")[0])
    return roles is None or bool(roles & user.role_set)


def _shown(menu: list[Entry]) -> list[tuple[str, str, str]]:
    """(endpoint, address, label) of each entry this person sees."""
    if not current_user.is_authenticated:
        return []
    user = current_user.user
    return [(endpoint, _address(endpoint), label) for endpoint, label in menu if _may_open(endpoint, user)]


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
