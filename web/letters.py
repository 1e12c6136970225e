"""The letter pages: the list, a new letter, one letter with its actions, version
comparisons and downloads.

Read access: every signed-in member of staff may read every letter, since authors,
reviewers, lawyers and administrators all work on letters they did not write; internal
parts of the decision record are marked "Internal" on the page. What a person may *do*
is never decided here: the page asks `available_actions`, and every change goes through
`fire`, carrying the revision the person saw, so a second click or a colleague's
earlier change is refused instead of applied twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup, escape

from web.current import current_installation, origin
from web.forms import DecisionForm
from web.search import search_text
from web.urls import LARGEST_ID
from workflow.audit import report
from workflow.documents import downloads, kinds_for_state
from workflow.documents.diff import Op, word_diff
from workflow.errors import InvalidInput, Refused, StaleVersion, WorkflowError
from workflow.languages import LANGUAGES
from workflow.law.view import complaint_clock, profile_choices
from workflow.letters import queries, rules
from workflow.letters.frozen import frozen_letter
from workflow.letters.inputs import Form, Upload
from workflow.letters.models import Letter, ReviewDecision, ReviewStage, VersionSource
from workflow.letters.queries import LetterFilter, Sort
from workflow.letters.search import Found
from workflow.letters.services import (
    available_actions,
    create_holding_response,
    create_letter,
    fire,
    why_not_create,
)
from workflow.letters.states import State
from workflow.letters.triggers import BY_HAND, TRIGGERS, Trigger
from workflow.mail.queries import letter_email, letter_email_in_flight
from workflow.money import Money
from workflow.people.roles import AUDIT_READERS
from workflow.settings.config import Policy
from workflow.settings.due import effective_due_rules
from workflow.settings.effective import effective_policy, effective_tuning
from workflow.tone.findings import Finding, category_label
from workflow.tone.letters import tone_report
from workflow.words import ago, counted

bp = Blueprint("letters", __name__, url_prefix="/letters")

BADGES = {
    state.value: Markup('<span class="state state-{}">{}</span>').format(state.value, state.label) for state in State
}


@bp.app_template_filter("badge")
def state_badge(state: str) -> Markup:
    """A state in words on a coloured pill, made once per state: a list of fifty rows asks
    for it fifty times, and a macro call or a fresh format costs ten times a lookup. A
    filter, since a template calls a filter directly and a global through its context's
    checks, at several times the cost. Looked up by the state's value as it is (a `State`
    is its value as well), not made a `State` first, which cost more than the lookup."""
    return BADGES[state]


@bp.app_template_filter("minute")
def to_the_minute(moment: datetime) -> str:
    """ "2026-11-28 09:15", as the lists show when a letter changed: `isoformat` cut
    short, ten times quicker than `strftime` (3 µs, fifty times a page)."""
    return moment.isoformat(" ", "minutes")[:16]


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {
        "languages": LANGUAGES,
        "zip": zip,
        "version_source": VersionSource,
        "review_stage": ReviewStage,
        "review_decision": ReviewDecision,
    }


@bp.app_template_global()
def can_create_letters() -> bool:
    """The domain's rule, asked by every page that offers "New letter"."""
    return current_user.is_authenticated and why_not_create(current_user.user) is None


@bp.app_template_global()
def sorted_url(sort: str) -> str:
    """This page again in the order `sort`, from its first page, every other filter kept."""
    values: dict[str, Any] = {name: value for name, value in request.args.items() if name not in ("page", "sort")}
    values.update(request.view_args or {})
    if sort:
        values["sort"] = sort
    return url_for(request.endpoint or "letters.index", **values)


@bp.app_template_global()
def words() -> dict[str, Any]:
    """The small words every page shares (`workflow.words`, the tone categories' names)."""
    return {"counted": counted, "ago": ago, "category": category_label}


def timeline(detail: queries.LetterDetail) -> list[report.Line]:
    """The letter's events as the signed-in person should read them (`report.timeline`)."""
    user = current_user.user
    shown = report.refusals_shown_to(user.username, bool(user.role_set & AUDIT_READERS))
    return report.timeline(detail.events, detail.display_names, shown)


REVIEW_FORM = "review"
"""The review panel's name in a re-rendered page: what was typed there comes back there."""


@dataclass
class PageState:
    """What a re-rendered letter page must carry back: the problem, and what was typed."""

    error: str = ""
    stale: bool = False
    trigger: str = ""
    typed: dict[str, str] = field(default_factory=dict)

    def value(self, trigger: str, name: str, default: str = "") -> str:
        return self.typed.get(name, default) if trigger == self.trigger else default


# --- the list -------------------------------------------------------------------------


@bp.get("")
def index():
    args = request.args
    with current_installation().db.read() as session:
        people = queries.authors(session)
        wanted, problems = _filter_from(args)
        page = queries.list_letters(session, wanted)
    choices = {
        "state": [("", "Any state"), *((s.value, s.label) for s in State)],
        "author": [("", "Anyone"), *((str(user_id), name) for user_id, name in people)],
        "language": [("", "Any language"), *LANGUAGES.items()],
        "sort": [(s.value, s.label) for s in Sort],
    }
    quick = [(s.value, s.label) for s in (Sort.NEWEST, *queries.QUEUE_SORTS)]
    return render_template(
        "letters/index.html",
        args=args,
        choices=choices,
        page=page,
        found={letter_id: found_line(found) for letter_id, found in page.found.items() if found.places},
        problems=problems,
        page_url=lambda n: url_for("letters.index", **{**args.to_dict(), "page": n}),
        quick_sorts=quick,
        sorted_by=wanted.sort.value,
    )


def found_line(found: Found) -> Markup:
    """Where a search found a letter, with the words of the text around the word found
    and the word highlighted, every part escaped; made here, since fifty rows each calling
    a template macro would cost the list a millisecond."""
    snippet = found.snippet
    if snippet is None:
        return escape(found.sentence)
    before, word, after = escape(snippet.before), escape(snippet.word), escape(snippet.after)
    return Markup(f"{escape(found.sentence)}: “{before}<mark>{word}</mark>{after}”")


def _filter_from(args: Mapping[str, str]) -> tuple[LetterFilter, list[str]]:
    """The filters as typed in the query string; anything that cannot be read is named
    and left out, so a bad bound never hides the list."""
    problems: list[str] = []
    currency = args.get("currency", "").strip().upper()[:3]
    bounds = []
    for name, label in (("amount_min", "Amount from"), ("amount_max", "Amount to")):
        text = args.get(name, "").strip()[:30]
        if text and not currency:
            problems.append("Give a currency to filter by amount.")
            text = ""
        try:
            bounds.append(Money.parse(text, currency).minor if text else None)
        except InvalidInput as error:
            problems.append(f"{label}: {error.message}")
            bounds.append(None)
    author, page = args.get("author", ""), args.get("page", "1")
    wanted = LetterFilter(
        state=State(args["state"]) if args.get("state") in State._value2member_map_ else None,
        customer=search_text(args.get("customer")),
        author_id=int(author) if author.isdecimal() and int(author) <= LARGEST_ID else None,
        language=args.get("language", "") if args.get("language") in LANGUAGES else "",
        currency=currency if len(currency) == 3 else "",
        amount_min=bounds[0],
        amount_max=bounds[1],
        search=search_text(args.get("q")),
        sort=Sort(args["sort"]) if args.get("sort") in Sort._value2member_map_ else Sort.NEWEST,
        page=int(page) if page.isdecimal() and 0 < int(page) < 100_000 else 1,
    )
    return wanted, list(dict.fromkeys(problems))


# --- a new letter ---------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
def new():
    """The decision record first; "Create draft" stores it with a starter text in the
    letter's language, and the author edits that text on the letter's page."""
    if why_not_create(current_user.user):
        abort(403)
    policy = _policy()
    form = DecisionForm()
    installation = current_installation()
    with installation.db.read() as session:
        form.profile.choices = profile_choices(session)
        zone = effective_due_rules(session, installation.config.due).working_hours.zone
    form.offer_currencies(policy.currencies)
    error, problems = "", InvalidInput("")
    if form.is_submitted():
        form.validate()
        try:
            decision = form.decision(zone)
            letter = create_letter(installation, decision, current_user.id, origin=origin())
        except InvalidInput as problem:
            form.show_problems(problem)
            error, problems = problem.message, problem
        except WorkflowError as problem:
            error = problem.message
        else:
            flash(
                f"Draft {letter.reference} created from the decision record. Edit the text, then finish the draft. "
                + policy.legal_review_note(letter.amount),
                "success",
            )
            return redirect(url_for("letters.show", letter_id=letter.id))
    typed = form.amount_typed()
    return render_template(
        "letters/new.html",
        form=form,
        error=error,
        summary=[
            (field.id, _named(field.label.text, " ".join(problems.fields[field.name])))
            for field in form
            if field.name in problems.fields
        ],
        legal_note=policy.legal_review_note(typed) if typed else "",
    ), 422 if error else 200


def _named(label: str, sentences: str) -> str:
    """A problem as the summary lists it: after its field's name, unless the sentence already
    says it ("Customer name is required.", not "Customer name: Customer name is required.")."""
    return sentences if label.casefold() in sentences.casefold() else f"{label}: {sentences}"


def _policy() -> Policy:
    installation = current_installation()
    with installation.db.read() as session:
        return effective_policy(session, installation.config.policy)


@bp.get("/legal-review")
def legal_review():
    """Whether an amount goes to legal review, in the sentence the new-letter form shows as
    the author types (static/legal-review.js): the rule stays on the server."""
    try:
        amount = Money.parse(request.args.get("amount", "")[:40], request.args.get("currency", "")[:3])
    except InvalidInput:
        return {"note": ""}
    return {"note": _policy().legal_review_note(amount)}


# --- one letter -----------------------------------------------------------------------


@bp.get("/<int:letter_id>")
def show(letter_id: int):
    return _letter_page(letter_id, PageState())


def _letter_page(letter_id: int, state: PageState, status: int = 200):
    installation = current_installation()
    with installation.db.read() as session:
        detail = queries.letter_detail(session, letter_id)
        actions = available_actions(installation, session, detail.letter, current_user.user)
        tuning = effective_tuning(session)
        emailing = letter_email_in_flight(session, letter_id)
        email = letter_email(session, letter_id)
        complaint = complaint_clock(installation, session, detail.letter)
    letter = detail.letter
    current = detail.current
    tone = tone_report(letter, current.body, tuning=tuning, profile=complaint.profile)
    possible = [t for t in TRIGGERS.values() if t.name in actions]
    # The decisions that send the letter back (dangerous) after those that take it forward,
    # in every review alike.
    panel = sorted((t for t in possible if t.review and actions[t.name] is None), key=lambda t: t.dangerous)
    return render_template(
        "letters/show.html",
        detail=detail,
        letter=letter,
        current=current,
        report=tone,
        listed=listed_findings(tone.findings),
        segments=highlight(current.body, tone.findings),
        errors=tone.errors,
        allowed=[t for t in possible if not t.placed and actions[t.name] is None],
        refused=[(t, actions[t.name]) for t in possible if (t.review or not t.placed) and actions[t.name]],
        panel=panel,
        panel_form=REVIEW_FORM,
        comment_hint=comment_hint(panel),
        sent_back=detail.sent_back,
        now=installation.clock.now(),
        acknowledged_by={name: rules.acknowledged_at(name, tone.errors) for name in rules.ACKNOWLEDGING},
        complaint=complaint,
        can_edit="edit" in actions and actions["edit"] is None,
        kinds=kinds_for_state(letter.state),
        frozen=frozen_letter(detail.documents, letter.current_version),
        frozen_state=letter.state in downloads.FROZEN_STATES,
        page_state=state,
        triggers=TRIGGERS,
        channels=BY_HAND,
        today=installation.clock.now().date(),
        timeline=timeline(detail),
        emailing=emailing,
        email=email,
    ), status


# A letter with hundreds of findings of one kind needs the kind named, not every instance
# listed: the page stays readable and its size bounded. The text still marks every one.
FINDINGS_PER_CATEGORY = 10


@dataclass(frozen=True)
class FindingList:
    """The findings listed beside the text, and per category how many more were left out."""

    shown: list[Finding]
    more: dict[str, int]


def listed_findings(findings: list[Finding], per_category: int = FINDINGS_PER_CATEGORY) -> FindingList:
    shown: list[Finding] = []
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[finding.category] += 1
        if counts[finding.category] <= per_category:
            shown.append(finding)
    more = {category: count - per_category for category, count in counts.items() if count > per_category}
    return FindingList(shown, more)


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Any = None


def highlight(text: str, findings: list[Any]) -> list[Segment]:
    """The text cut at the findings' spans so each can be marked; a span that overlaps an
    earlier one is listed beside the text but not marked twice."""
    segments: list[Segment] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < position or finding.end <= finding.start:
            continue
        if finding.start > position:
            segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def comment_hint(panel: list[Trigger]) -> str:
    """When the panel's one comment box must be filled, from each decision's input class:
    "Required to request changes or escalate to legal; optional to approve tone."."""
    required = [_lowered(t.label) for t in panel if t.comment_field and t.comment_field.required]
    optional = [_lowered(t.label) for t in panel if t.comment_field and not t.comment_field.required]
    parts = [f"required to {' or '.join(required)}"] if required else []
    parts += [f"optional to {' or '.join(optional)}"] if optional else []
    sentence = "; ".join(parts)
    return f"{sentence[:1].upper()}{sentence[1:]}." if sentence else ""


def _lowered(label: str) -> str:
    """A button's label inside a sentence: "Hand back edited Word file" → "hand back edited Word file"."""
    return label[:1].lower() + label[1:]


@bp.post("/<int:letter_id>/actions/<trigger>")
def act(letter_id: int, trigger: str):
    row = TRIGGERS.get(trigger)
    if row is None or row.takes_file:
        abort(404)
    return _pull(letter_id, row, REVIEW_FORM if row.review else trigger)


@bp.post("/<int:letter_id>/review")
def review(letter_id: int):
    """The review panel: one decision, one comment, pulled as the decision's trigger."""
    row = TRIGGERS.get(request.form.get("decision", ""))
    if row is None or not row.review:
        problem = "Choose your decision (approve, request changes, …) above the comment, then submit your review."
        return _letter_page(letter_id, PageState(problem, False, REVIEW_FORM, _typed()), 422)
    return _pull(letter_id, row, REVIEW_FORM)


def _typed() -> dict[str, str]:
    return {k: v for k, v in request.form.items() if k != "csrf_token"}


def _pull(letter_id: int, row: Trigger, form_name: str):
    """Pull the trigger with what the form carried; a refusal re-renders the page with what
    was typed kept in the form it came from (`form_name`)."""
    try:
        letter = _fire(row, letter_id)
    except StaleVersion as stale:
        return _letter_page(letter_id, PageState(stale.message, True, form_name, _typed()), 409)
    except (Refused, InvalidInput) as refusal:
        return _letter_page(letter_id, PageState(refusal.message, False, form_name, _typed()), 422)
    if row.takes_file:
        flash(
            f"The edited Word file is now version {letter.current_version}; the letter is back in draft. "
            "Download the comparison below to see every change.",
            "success",
        )
        return redirect(url_for("letters.show", letter_id=letter_id, _anchor="versions"))
    done = f"{row.label}: done. The letter is now in {State(letter.state).label.lower()}."
    if row.name == "email_letter":
        done = f"The letter is on its way to {letter.customer_email}; it becomes sent when the mail server accepts it."
    flash(done, "success")
    return redirect(url_for("letters.show", letter_id=letter_id))


@bp.post("/<int:letter_id>/holding")
def holding(letter_id: int):
    """A holding response to this letter's complaint, as a new draft for the author to check."""
    try:
        made = create_holding_response(current_installation(), letter_id, current_user.id, origin=origin())
    except WorkflowError as refusal:
        return _letter_page(letter_id, PageState(refusal.message, False, "holding", {}), 422)
    flash(f"Holding response {made.reference} started: check it, finish it and send it to peer review.", "success")
    return redirect(url_for("letters.show", letter_id=made.id))


def _seen() -> int:
    """The revision the person was looking at; a form without one cannot be applied safely."""
    seen = request.form.get("revision", "")
    if not seen.isdecimal():
        raise InvalidInput("The form did not say which version of the letter you saw. Reload the page and try again.")
    return int(seen)


def _form() -> Form:
    """What the person sent, files included, as the trigger's input class reads it."""
    files = {name: Upload(f.filename, f.read()) for name, f in request.files.items() if f.filename}
    return {**request.form.to_dict(), **files}


def _fire(row: Trigger, letter_id: int) -> Letter:
    """Read the trigger's inputs from the form and pull it, carrying the revision seen."""
    inputs = row.inputs.from_form(_form()) if row.inputs else None
    return fire(
        current_installation(), row.name, letter_id, current_user.id, inputs, seen_revision=_seen(), origin=origin()
    )


# --- versions and downloads -------------------------------------------------------------


def _version_pair(detail: queries.LetterDetail) -> tuple[int, int]:
    """The two versions asked for, both of this letter (404 otherwise)."""
    old, new = request.args.get("old", ""), request.args.get("new", "")
    if not (old.isdecimal() and new.isdecimal()):
        abort(404)
    return detail.version(int(old)).number, detail.version(int(new)).number


@bp.get("/<int:letter_id>/compare")
def compare(letter_id: int):
    with current_installation().db.read() as session:
        detail = queries.letter_detail(session, letter_id)
    old, new = _version_pair(detail)
    pieces = word_diff(detail.version(old).body, detail.version(new).body)
    return render_template(
        "letters/compare.html",
        detail=detail,
        letter=detail.letter,
        old=detail.version(old),
        new=detail.version(new),
        pieces=pieces,
        equal=Op.EQUAL,
    )


def _send(download: downloads.Download):
    return send_file(
        BytesIO(download.content), mimetype=download.media_type, as_attachment=True, download_name=download.filename
    )


@bp.get("/<int:letter_id>/compare.docx")
def compare_document(letter_id: int):
    with current_installation().db.read() as session:
        old, new = _version_pair(queries.letter_detail(session, letter_id))
    return _send(downloads.comparison(current_installation(), letter_id, old, new, current_user.id, origin()))


@bp.get("/<int:letter_id>/documents/<kind>")
def document(letter_id: int, kind: str):
    """A document that cannot be made for this letter is a sentence on its page."""
    try:
        download = downloads.stage_document(current_installation(), letter_id, kind, current_user.id, origin())
    except InvalidInput as problem:
        return _letter_page(letter_id, PageState(problem.message), 422)
    return _send(download)


@bp.get("/<int:letter_id>/files/<int:document_id>")
def stored(letter_id: int, document_id: int):
    return _send(downloads.stored_document(current_installation(), letter_id, document_id, current_user.id, origin()))
