"""“My work”: the queues each person works through, with counts, on one page; and for an
administrator, what to watch over: the audit chain, letters stuck longest, overdue
follow-ups and outgoing mail that failed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, render_template
from flask_login import current_user
from sqlmodel import Session

from web.current import current_installation
from workflow.audit import status
from workflow.installation import Installation
from workflow.letters import overview, queries
from workflow.letters.states import State
from workflow.people.roles import Role

bp = Blueprint("home", __name__)

# The letters list shows the whole of a queue that does not fit on the dashboard.
LIST_STATES = {"peer": State.PEER_REVIEW.value, "legal": State.LEGAL_REVIEW.value}

OUTGOING_MAIL_FAILURES: Callable[[Session], int] | None = None
"""The query that counts outgoing mail that failed for good, for the administrator's home.
None while tactful sends no mail: the page then says "Outgoing mail: not configured". The
outbox's `workflow.mail.queries.outgoing_mail_failures` is this hook once it is merged."""


@dataclass(frozen=True)
class AdminHome:
    """What an administrator's home shows besides any letter queues of their own."""

    chain: status.ChainStatus
    stuck: list[overview.StuckLetter]
    overdue: overview.Overdue
    mail_failures: int | None
    now: datetime


def admin_home(installation: Installation, session: Session) -> AdminHome:
    now = installation.clock.now()
    return AdminHome(
        chain=status.chain_status(session, installation.config.audit_key_path),
        stuck=overview.stuck_letters(session),
        overdue=overview.overdue_follow_ups(session, now.date()),
        mail_failures=OUTGOING_MAIL_FAILURES(session) if OUTGOING_MAIL_FAILURES else None,
        now=now,
    )


@bp.get("/")
def index() -> str:
    installation = current_installation()
    user = current_user.user
    with installation.db.read() as session:
        queues = queries.dashboard(session, user, installation.clock.now().date())
        admin = admin_home(installation, session) if user.has_role(Role.ADMIN) else None
    return render_template("dashboard.html", queues=queues, list_states=LIST_STATES, admin=admin)
