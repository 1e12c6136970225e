"""“My work”: the queues each person works through, with counts, on one page; and for an
administrator, what to watch over: the audit chain, letters stuck longest, overdue
follow-ups and outgoing mail that failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlmodel import Session

from web.current import current_installation
from workflow.assignments.delegation import represented
from workflow.audit import status
from workflow.installation import Installation
from workflow.letters import overview, queries
from workflow.letters.states import State
from workflow.mail.queries import outgoing_mail_failures
from workflow.people.roles import Role

bp = Blueprint("home", __name__)

# The letters list shows the whole of a queue that does not fit on the dashboard.
LIST_STATES = {"peer": State.PEER_REVIEW.value, "legal": State.LEGAL_REVIEW.value}


@dataclass(frozen=True)
class AdminHome:
    """What an administrator's home shows besides any letter queues of their own."""

    chain: status.ChainStatus
    stuck: list[overview.StuckLetter]
    overdue: overview.Overdue
    mail_failures: int
    now: datetime


def admin_home(installation: Installation, session: Session) -> AdminHome:
    now = installation.clock.now()
    return AdminHome(
        chain=status.chain_status(session, installation.config.audit_key_path),
        stuck=overview.stuck_letters(session),
        overdue=overview.overdue_follow_ups(session, now.date()),
        mail_failures=outgoing_mail_failures(session),
        now=now,
    )


@bp.get("/")
def index() -> str:
    installation = current_installation()
    user = current_user.user
    now = installation.clock.now()
    asked = request.args.get("sort", "")
    sort = queries.Sort(asked) if asked in queries.QUEUE_SORTS else None
    with installation.db.read() as session:
        holders = [current_user.id, *represented(session, current_user.id, now)]
        queues = queries.dashboard(session, user, now.date(), holders=holders, sort=sort)
        admin = admin_home(installation, session) if user.has_role(Role.ADMIN) else None
    sorts = [("", "Each queue's own order"), *((s.value, s.label) for s in queries.QUEUE_SORTS)]
    return render_template(
        "dashboard.html",
        queues=queues,
        list_states=LIST_STATES,
        admin=admin,
        sorts=sorts,
        sorted_by=sort.value if sort else "",
    )
