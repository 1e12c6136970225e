"""“My work”: the queues each person works through, with counts, on one page."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from web.current import current_installation
from workflow.assignments.delegation import represented
from workflow.letters import queries
from workflow.letters.states import State

bp = Blueprint("home", __name__)

# The letters list shows the whole of a queue that does not fit on the dashboard.
LIST_STATES = {"peer": State.PEER_REVIEW.value, "legal": State.LEGAL_REVIEW.value}


@bp.get("/")
def index() -> str:
    installation = current_installation()
    now = installation.clock.now()
    with installation.db.read() as session:
        holders = [current_user.id, *represented(session, current_user.id, now)]
        queues = queries.dashboard(session, current_user.user, now.date(), holders=holders)
    return render_template("dashboard.html", queues=queues, list_states=LIST_STATES)
