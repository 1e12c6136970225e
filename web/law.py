"""The law's pages: the complaints report (with its CSV), the jurisdiction profiles and the
clause library; and the legal deadline in words for the queues."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timedelta

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import attempt, require_roles
from web.charts import bar_chart
from web.current import current_installation, origin
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.law import clauses, library
from workflow.law.deadlines import deadline_words
from workflow.law.reports import Period, Report, complaints_report
from workflow.law.shipped import SHIPPED
from workflow.letters.decision import NO_PROFILE
from workflow.people.roles import Role

bp = Blueprint("law", __name__)
require_roles(bp, Role.ADMIN, Role.LEGAL_REVIEWER)
admin_bp = Blueprint("law_admin", __name__)
"""What only an administrator changes: the jurisdiction profiles and approving a clause."""
require_roles(admin_bp, Role.ADMIN)


@bp.app_template_global()
def deadline_in_words(deadline: datetime | None) -> str:
    """ "final answer due in 12 days" for a queue's row; nothing without a legal deadline."""
    return deadline_words(deadline, current_installation().clock.now()) if deadline else ""


# --- the report -----------------------------------------------------------------------


def _period() -> tuple[Period, str]:
    """The period asked for, or the last half year (DISP reports twice a year) with the problem."""
    today = current_installation().clock.now().date()
    default = Period(today - timedelta(days=182), today + timedelta(days=1), request.args.get("profile", ""))
    try:
        start = date.fromisoformat(request.args.get("start") or default.start.isoformat())
        last = date.fromisoformat(request.args.get("end") or (default.end - timedelta(days=1)).isoformat())
        end = last + timedelta(days=1)
    except (ValueError, OverflowError):
        return default, "Give the dates as YYYY-MM-DD, up to 9999-12-30; the last half year is shown instead."
    if last < start:
        return default, "The period ends before it starts; the last half year is shown instead."
    return Period(start, end, default.profile), ""


def _report() -> tuple[Report, str, list[tuple[str, str]]]:
    period, problem = _period()
    installation = current_installation()
    with installation.db.read() as session:
        choices = [(p.key, p.name) for p in library.current_profiles(session)]
        if period.profile and period.profile not in dict(choices):
            unknown = period.profile[:40]
            period = replace(period, profile="")
            problem = f"There is no profile “{unknown}”; every profile is counted instead. {problem}".strip()
        report = complaints_report(session, period, installation.clock.now())
    return report, problem, choices


@bp.get("/reports")
def reports():
    report, problem, choices = _report()
    titled: list[tuple[str, str, list[tuple[str, float, str]]]] = [
        (
            "Refusals by reason",
            "No refusal in this period.",
            [(r.label, n, str(n)) for r, n in report.by_reason.items()],
        ),
        (
            "Sent, counted from the complaint",
            "No letter of this period has been sent yet.",
            [(bucket, n, str(n)) for bucket, n in report.closed.items()],
        ),
        (
            "Median time in each stage",
            "No stay in a stage has ended yet: the medians come once letters move on.",
            [
                (s.stage.label, s.median.total_seconds() / 3600 if s.median else 0, hours(s.median))
                for s in report.stages
            ],
        ),
    ]
    # A chart of nothing but zeros says less than its sentence.
    charts = [
        (title, bar_chart(title, bars) if any(value for _, value, _ in bars) else None, empty)
        for title, empty, bars in titled
    ]
    return render_template(
        "law/reports.html",
        report=report,
        problem=problem,
        choices=choices,
        charts=charts,
        last_day=report.period.end - timedelta(days=1),
        query=request.args.to_dict(),
    )


@bp.app_template_filter("hours")
def hours(span: timedelta | None) -> str:
    """A stay in a stage as the report shows it, in the chart and the table alike."""
    return "—" if span is None else f"{span / timedelta(hours=1):.1f} h"


@bp.get("/reports.csv")
def reports_csv():
    report, _, _ = _report()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "value"])
    writer.writerows(report.rows())
    name = f"complaints {report.period.start} to {report.period.end - timedelta(days=1)}.csv"
    return Response(
        out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


# --- jurisdiction profiles -----------------------------------------------------------


@admin_bp.get("/admin/profiles")
def profiles():
    with current_installation().db.read() as session:
        return render_template("law/profiles.html", profiles=library.current_profiles(session))


def _profile_page(key: str, text: str = "", error: str = ""):
    with current_installation().db.read() as session:
        known = {p.key: p for p in library.current_profiles(session)}
        history = library.profile_history(session, key)
    shown = known.get(key)
    if shown is None and not request.args.get("new") and not error:
        abort(404)
    starting = shown or known[NO_PROFILE]
    page = render_template(
        "law/profile.html",
        key=key,
        profile=shown,
        text=text or starting.to_json(),
        error=error,
        history=history,
        shipped=key in SHIPPED,
    )
    return page, (422 if error else 200)


@admin_bp.get("/admin/profiles/<key>")
def profile(key: str):
    return _profile_page(key)


@admin_bp.post("/admin/profiles/<key>")
def save_profile(key: str):
    """Saved as the profile's next version; a refused text comes back with its sentence."""
    text = request.form.get("data", "")
    try:
        saved = library.save_profile(current_installation(), current_user.id, key, text, origin=origin())
    except InvalidInput as problem:
        return _profile_page(key, text, problem.message)
    return redirect(url_for("law_admin.profile", key=key, saved=saved.version))


# --- the clause library --------------------------------------------------------------


@bp.get("/admin/clauses")
def clause_library(typed: dict[str, str] | None = None):
    with current_installation().db.read() as session:
        versions = clauses.clause_library(session)
    return render_template(
        "law/clauses.html",
        versions=versions,
        typed=typed or {},
        languages=LANGUAGES,
        may_approve=clauses.why_not_approve_clause(current_user.user) is None,
    )


@bp.post("/admin/clauses")
def save_clause():
    """A new draft version; what was typed stays on the page when it is refused."""
    typed = {k: request.form.get(k, "") for k in ("key", "language", "title", "text")}
    if attempt(
        lambda: clauses.save_clause(
            current_installation(),
            current_user.id,
            typed["key"],
            typed["language"],
            typed["title"],
            typed["text"],
            origin=origin(),
        ),
        f"Clause {typed['key']} saved as a draft version; an administrator approves it before it can be cited.",
    ):
        return redirect(url_for("law.clause_library"))
    return clause_library(typed), 422


@admin_bp.post("/admin/clauses/<int:clause_id>/approve")
def approve(clause_id: int):
    attempt(
        lambda: clauses.approve_clause(current_installation(), current_user.id, clause_id, origin=origin()),
        "Clause approved: new letters can cite it.",
    )
    return redirect(url_for("law.clause_library"))
