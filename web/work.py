"""Who has a letter's review and when its step is due: the controls on the letter page
("I'll review this", release, an administrator's assign) and the due times in the queues.

Every change goes through `workflow.assignments.services`; a refusal comes back as the
domain's sentence on the letter page, and is already in the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from web.access import attempt
from web.current import current_installation, origin
from web.urls import LARGEST_ID
from workflow.assignments import services
from workflow.assignments.view import ReviewWork, review_work
from workflow.letters.loading import load_letter
from workflow.timing.due import due_words

bp = Blueprint("work", __name__, url_prefix="/letters")


@bp.app_template_global()
def review_work_of(letter_id: int) -> ReviewWork:
    """The letter page's panel of who has the review and when the step is due."""
    installation = current_installation()
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        return review_work(session, letter, current_user.user, installation.clock.now(), installation.config.due)


@bp.app_template_global()
def due_in_words(due_at: datetime | None) -> str:
    """ "due in 3 hours", "overdue by 1 day" for a queue's row; nothing without a due time."""
    return due_words(due_at, current_installation().clock.now()) if due_at else ""


def _back(letter_id: int):
    return redirect(url_for("letters.show", letter_id=letter_id, _anchor="review-work"))


def _known(letter_id: int) -> None:
    """An unknown letter is a page that does not exist (404), before anything is tried."""
    with current_installation().db.read() as session:
        load_letter(session, letter_id)


@bp.post("/<int:letter_id>/take")
def take(letter_id: int):
    _known(letter_id)
    attempt(
        lambda: services.take_review(current_installation(), letter_id, current_user.id, origin=origin()),
        "You have taken this review: the others see that you have it until you act or release it.",
    )
    return _back(letter_id)


@bp.post("/<int:letter_id>/release")
def release(letter_id: int):
    _known(letter_id)
    attempt(
        lambda: services.release_review(current_installation(), letter_id, current_user.id, origin=origin()),
        "Released: any eligible reviewer can take this review or act on it now.",
    )
    return _back(letter_id)


@bp.post("/<int:letter_id>/assign")
def assign(letter_id: int):
    _known(letter_id)
    chosen = request.form.get("assignee", "")
    if not chosen.isdecimal() or int(chosen) > LARGEST_ID:
        abort(400)
    attempt(
        lambda: services.assign_review(
            current_installation(), letter_id, current_user.id, int(chosen), origin=origin()
        ),
        "Assigned: only that reviewer, or whoever stands in for them, can act on this review now.",
    )
    return _back(letter_id)
