"""The customer file: every letter to one customer, with the documents stored when sent
(DOMAIN.md, "archive": file a copy under the customer's name)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.current import current_installation
from web.search import search_text
from workflow.letters import queries

bp = Blueprint("customers", __name__, url_prefix="/customers")


@bp.get("")
def index() -> str:
    prefix = search_text(request.args.get("q"))
    with current_installation().db.read() as session:
        names = queries.customer_names(session, prefix)
    return render_template("customers/index.html", names=names, prefix=prefix)


@bp.get("/file")
def file() -> str:
    name = search_text(request.args.get("name"))
    with current_installation().db.read() as session:
        customer = queries.customer_file(session, name)
    return render_template("customers/file.html", file=customer)
