"""The letters over JSON: thin callers of the same service functions and queries the
letter pages use; no rule is decided here."""

from __future__ import annotations

import base64
from datetime import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

from flask import Response, json, send_file
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel

from web.api.auth import api_origin, bearer, missing_scope, require, scope_for
from web.api.problems import MEDIA_TYPE, Problem
from web.api.schemas import (
    ActionIn,
    ActionOut,
    ActionPath,
    CreatedOut,
    DecisionIn,
    DocumentOut,
    DocumentPath,
    EventListOut,
    EventOut,
    FindingOut,
    FiredOut,
    LetterListOut,
    LetterOut,
    LetterPath,
    LetterSummaryOut,
    ListQuery,
    TextIn,
    VersionOut,
)
from web.current import current_installation
from web.search import search_text
from workflow.api.idempotency import once
from workflow.api.tokens import Scope
from workflow.audit.report import describe
from workflow.documents import downloads
from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.letters import queries
from workflow.letters.address import FormOfAddress
from workflow.letters.decision import Concession, Decision, Reason
from workflow.letters.inputs import EditInput
from workflow.letters.loading import documents_of, load_letter, versions_of
from workflow.letters.models import Letter
from workflow.letters.queries import LetterFilter, LetterRow
from workflow.letters.services import REFETCH, available_actions, create_letter, fire
from workflow.letters.states import State
from workflow.letters.triggers import TRIGGERS
from workflow.money import Money
from workflow.people.directory import load_user
from workflow.people.models import User
from workflow.settings.effective import effective_tuning
from workflow.timing.due import due_words
from workflow.tone.letters import tone_report

Responses = dict[str | int | HTTPStatus, type[BaseModel] | dict[Any, Any] | None]

TAG = Tag(name="letters", description="Refund-refusal letters")


def _problems(*codes: int) -> Responses:
    return {
        str(code): {
            "description": "A problem (RFC 9457)",
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemOut"}}},
        }
        for code in codes
    }


COMMON = (401, 403, 404, 422, 429)

bp = APIBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    abp_tags=[TAG],
    abp_security=[{"bearer": []}],
    abp_responses={**_problems(*COMMON), "500": None},
)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _json(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(model.model_dump_json(), status=status, mimetype="application/json", headers=headers)


def _money(text: str, currency: str, label: str) -> Money | None:
    try:
        return Money.parse(text, currency) if text.strip() else None
    except InvalidInput as error:
        raise InvalidInput(f"{label}: {error.message}") from None


def _choice(kind: type[Reason] | type[Concession], value: str, label: str) -> Any:
    if value not in kind._value2member_map_:
        raise InvalidInput(f"{label}: “{value}” is not one of {', '.join(kind._value2member_map_)}.")
    return kind(value)


def decision_of(given: DecisionIn) -> Decision:
    """The decision record from JSON; the same checks as the form, in the same sentences."""
    currency = given.currency.strip().upper()
    amount = _money(given.amount, currency, "Amount requested")
    if amount is None:
        raise InvalidInput("Amount requested: give the amount the customer asked for.")
    if given.form_of_address not in FormOfAddress._value2member_map_:
        raise InvalidInput(f"Form of address: “{given.form_of_address}” is not one of the forms offered.")
    return Decision(
        customer_name=given.customer_name,
        amount=amount,
        language=given.language,
        customer_reason=given.customer_reason,
        reasons=tuple(_choice(Reason, r, "Reasons for refusal") for r in given.reasons),
        customer_email=given.customer_email,
        form_of_address=FormOfAddress(given.form_of_address),
        postal_address=given.postal_address,
        order_reference=given.order_reference,
        policy_clause=given.policy_clause,
        reason_details=given.reason_details,
        customer_value=_money(given.customer_value, currency, "Customer value"),
        concession=_choice(Concession, given.concession, "Concession"),
        concession_amount=_money(given.concession_amount, currency, "Concession amount"),
        hardship=given.hardship,
        internal_notes=given.internal_notes,
    )


def _created(letter: Letter) -> dict[str, object]:
    return CreatedOut(
        id=letter.id or 0,
        reference=letter.reference,
        state=letter.state,
        revision=letter.revision,
        url=f"/api/v1/letters/{letter.id}",
    ).model_dump()


class IdempotencyHeader(BaseModel):
    idempotency_key: str | None = None

    model_config = {"alias_generator": lambda name: name.replace("_", "-").title(), "populate_by_name": True}


class IfMatchHeader(BaseModel):
    if_match: str | None = None

    model_config = {"alias_generator": lambda name: name.replace("_", "-").title(), "populate_by_name": True}


@bp.post(
    "/letters",
    summary="Create a letter from a decision record",
    responses={"201": CreatedOut, **_problems(409)},
)
def create(body: DecisionIn, header: IdempotencyHeader) -> Response:
    """A retried request with the same Idempotency-Key and body gets the first answer back
    (and no second letter); the same key with another body is refused."""
    require(Scope.WRITE)
    installation, who = current_installation(), bearer()
    decision = decision_of(body)
    answer = once(
        installation,
        who.token_id,
        header.idempotency_key or "",
        body.model_dump(),
        lambda within: create_letter(
            installation, decision, who.user_id, body.body, origin=api_origin(), within=within
        ),
        _created,
    )
    headers = {"Location": f"/api/v1/letters/{answer.letter_id}", "Idempotent-Replayed": str(answer.replayed).lower()}
    return Response(answer.body, status=201, mimetype="application/json", headers=headers)


def _cursor(text: str | None) -> int | None:
    if not text:
        return None
    try:
        value = int(base64.urlsafe_b64decode(text.encode() + b"==").decode())
    except (ValueError, UnicodeDecodeError):
        value = 0
    if not 0 < value < 2**31:
        raise InvalidInput("The cursor was not given by this API: start again without it.")
    return value


def _summary(row: LetterRow) -> LetterSummaryOut:
    return LetterSummaryOut(
        id=row.id,
        reference=row.reference,
        state=row.state.value,
        customer_name=row.customer_name,
        amount=row.amount_text,
        language=row.language,
        author=row.author_name,
        updated_at=row.updated_at.isoformat(),
        due_at=_iso(row.due_at),
    )


@bp.get("/letters", summary="List and search letters, newest first", responses={"200": LetterListOut})
def index(query: ListQuery) -> Response:
    require(Scope.READ)
    state = query.state or ""
    if state and state not in State._value2member_map_:
        raise InvalidInput(f"State: “{state}” is not one of {', '.join(s.value for s in State)}.")
    wanted = LetterFilter(
        state=State(state) if state else None,
        customer=search_text(query.customer),
        author_id=query.author_id,
        language=query.language if query.language in LANGUAGES else "",
        currency=(query.currency or "").upper() if len(query.currency or "") == 3 else "",
        search=search_text(query.q),
    )
    with current_installation().db.read() as session:
        rows = queries.letters_after(session, wanted, _cursor(query.cursor), query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    following = base64.urlsafe_b64encode(str(rows[-1].id).encode()).decode().rstrip("=") if more else None
    return _json(LetterListOut(items=[_summary(r) for r in rows], next_cursor=following))


def _actions(found: dict[str, str | None]) -> list[ActionOut]:
    """The letter page's actions and its reasons, plus the token's own limit."""
    listed = []
    for trigger in TRIGGERS.values():
        if trigger.name not in found:
            continue
        why = missing_scope(scope_for(trigger.name)) or found[trigger.name]
        if trigger.takes_file and why is None:
            why = "A Word file is handed back on the letter page, not through the API."
        listed.append(
            ActionOut(
                name=trigger.name,
                label=trigger.label,
                allowed=why is None,
                why_not=why,
                inputs=[f.name for f in trigger.fields],
            )
        )
    return listed


def _letter(letter_id: int) -> LetterOut:
    """The letter page's facts without its history (served apart at /events): the letter,
    its versions and documents, its author's name, what this token may do, the tone check."""
    installation = current_installation()
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        versions = versions_of(session, letter_id)
        documents = documents_of(session, letter_id)
        author = session.get(User, letter.author_id)
        found = available_actions(installation, session, letter, load_user(session, bearer().user_id))
        tuning = effective_tuning(session)
    now = installation.clock.now()
    current = next(v.body for v in versions if v.number == letter.current_version)
    report = tone_report(letter, current, tuning=tuning)
    return LetterOut(
        id=letter_id,
        reference=letter.reference,
        state=letter.state,
        revision=letter.revision,
        customer_name=letter.customer_name,
        order_reference=letter.order_reference,
        amount=f"{letter.amount.plain()} {letter.currency}",
        language=letter.language,
        author=author.display_name if author else "",
        created_at=letter.created_at.isoformat(),
        updated_at=letter.updated_at.isoformat(),
        due_at=_iso(letter.due_at),
        due=due_words(letter.due_at, now) if letter.due_at else "",
        current_version=letter.current_version,
        versions=[
            VersionOut(
                number=v.number, sha256=v.sha256, source=v.source, created_at=v.created_at.isoformat(), body=v.body
            )
            for v in versions
        ],
        findings=[
            FindingOut(
                key=f.key,
                rule=f.rule,
                category=f.category,
                severity=str(f.severity),
                start=f.start,
                end=f.end,
                text=f.text,
                message=f.message,
                suggestion=f.suggestion,
            )
            for f in report.findings
        ],
        actions=_actions(found),
        documents=[
            DocumentOut(
                id=d.id or 0,
                kind=d.kind,
                filename=d.filename,
                media_type=d.media_type,
                sha256=d.sha256,
                size=d.size,
                url=f"/api/v1/letters/{letter_id}/documents/{d.id}",
            )
            for d in documents
        ],
    )


def _etag(revision: int) -> str:
    return f'"{revision}"'


@bp.get("/letters/<int:letter_id>", summary="Read a letter", responses={"200": LetterOut})
def show(path: LetterPath) -> Response:
    """Its versions, tone findings, what this token's person may do (and why not), due time.
    The ETag is the letter's revision: send it back as If-Match to act."""
    require(Scope.READ)
    letter = _letter(path.letter_id)
    return _json(letter, headers={"ETag": _etag(letter.revision)})


def _seen_revision(header: IfMatchHeader) -> int:
    given = (header.if_match or "").strip().removeprefix("W/").strip('"')
    if not header.if_match:
        raise Problem(
            428, "Send the letter's revision (its ETag) as If-Match, so a change made meanwhile is not undone."
        )
    if not given.isdecimal() or len(given) > 9:
        raise Problem(412, f"If-Match “{header.if_match}” is not a revision of this letter: {REFETCH}.")
    return int(given)


def _fired(letter: Letter) -> Response:
    out = FiredOut(id=letter.id or 0, reference=letter.reference, state=letter.state, revision=letter.revision)
    return _json(out, headers={"ETag": _etag(letter.revision)})


_ACTING: Responses = {"200": FiredOut, **_problems(409, 412, 428)}


@bp.put("/letters/<int:letter_id>/text", summary="Save a new text (a new version)", responses=_ACTING)
def save_text(path: LetterPath, body: TextIn, header: IfMatchHeader) -> Response:
    require(Scope.WRITE)
    seen = _seen_revision(header)
    who = bearer()
    letter = fire(
        current_installation(),
        "edit",
        path.letter_id,
        who.user_id,
        EditInput(body.body),
        seen_revision=seen,
        origin=api_origin(),
    )
    return _fired(letter)


@bp.post("/letters/<int:letter_id>/actions/<trigger>", summary="Fire a trigger", responses=_ACTING)
def act(path: ActionPath, body: ActionIn, header: IfMatchHeader) -> Response:
    """Any trigger the letter's actions list allows, with its inputs by field name."""
    trigger = TRIGGERS.get(path.trigger)
    if trigger is None:
        raise Problem(404, f"There is no action “{path.trigger}”; the letter lists the ones it has.")
    require(scope_for(trigger.name))
    if trigger.takes_file:
        raise InvalidInput("A Word file is handed back on the letter page, not through the API.")
    seen = _seen_revision(header)
    form = {k: str(v) for k, v in body.model_dump(exclude_none=True).items()}
    inputs = trigger.inputs.from_form(form) if trigger.inputs else None
    letter = fire(
        current_installation(),
        trigger.name,
        path.letter_id,
        bearer().user_id,
        inputs,
        seen_revision=seen,
        origin=api_origin(),
    )
    return _fired(letter)


@bp.get("/letters/<int:letter_id>/events", summary="The letter's audit events", responses={"200": EventListOut})
def events(path: LetterPath) -> Response:
    require(Scope.READ)
    with current_installation().db.read() as session:
        detail = queries.letter_detail(session, path.letter_id)
    names = detail.display_names
    items = [
        EventOut(
            seq=e.seq,
            at=e.at.isoformat(),
            actor=e.actor,
            action=e.action,
            outcome=e.outcome,
            sentence=describe(e, names),
            from_state=e.from_state,
            to_state=e.to_state,
            version=e.version,
            via=str(json.loads(e.details).get("via", "")),
        )
        for e in detail.events
    ]
    return _json(EventListOut(items=items))


_FILE = {"schema": {"type": "string", "format": "binary"}}


@bp.get(
    "/letters/<int:letter_id>/documents/<int:document_id>",
    summary="Download a stored document, its bytes as kept",
    responses={
        "200": {
            "description": "The stored file",
            "content": {
                "application/pdf": _FILE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _FILE,
            },
        }
    },
)
def document(path: DocumentPath) -> Response:
    require(Scope.READ)
    download = downloads.stored_document(
        current_installation(), path.letter_id, path.document_id, bearer().user_id, api_origin()
    )
    return send_file(
        BytesIO(download.content), mimetype=download.media_type, download_name=download.filename, as_attachment=True
    )
