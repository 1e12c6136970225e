"""The customer file: every letter to one customer, with what was sent to them and, apart,
what staff keep (DOMAIN.md, "archive": file a copy under the customer's name). A customer
is a name and an e-mail address, so the file is found by both."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.current import current_installation
from web.search import search_text
from workflow.letters import queries
from workflow.letters.filing import kind_label

LONGEST_EMAIL = 320
"""As long as the letters table keeps an e-mail address (RFC 5321's limit)."""

bp = Blueprint("customers", __name__, url_prefix="/customers")


@bp.get("")
def index() -> str:
    prefix = search_text(request.args.get("q"))
    with current_installation().db.read() as session:
        found = queries.customers(session, prefix)
    return render_template("customers/index.html", customers=found, prefix=prefix)


@bp.get("/file")
def file() -> str:
    customer = queries.Customer(
        search_text(request.args.get("name")), search_text(request.args.get("email"), LONGEST_EMAIL)
    )
    with current_installation().db.read() as session:
        found = queries.customer_file(session, customer)
    return render_template("customers/file.html", file=found, kind_label=kind_label)
