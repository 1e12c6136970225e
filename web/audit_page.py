"""The audit trail in the browser: filter, look at the latest matching events, download.

The download is a zip streamed as it is written: the export itself, then its signed
manifest, which can only be signed once the last byte is known. Unzipped, the two files
are exactly what `tactful audit export` writes, and `tactful audit verify-export` checks
them. Exporting is recorded in the trail, so it is a POST.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from flask import Blueprint, Response, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlmodel import col
from wtforms import SelectField, StringField
from wtforms.validators import Length

from web.access import attempt, require_roles
from web.current import current_installation, origin
from web.search import search_text
from web.typed_form import TypedForm
from workflow.audit import actors, chain, keys, signing
from workflow.audit import export as audit_export
from workflow.audit.actors import actor_of
from workflow.audit.models import AuditEvent
from workflow.errors import InvalidInput, WorkflowError
from workflow.installation import Installation
from workflow.people.roles import AUDIT_READERS

bp = Blueprint("audit", __name__, url_prefix="/audit")
require_roles(bp, *AUDIT_READERS)

PREVIEW_EVENTS = 50

NO_KEY = (
    "Downloads are signed so that anyone can check them, and this installation has no audit signing key yet. "
    "An administrator can create it with “Create the signing key” on this page."
)


class FilterForm(TypedForm):
    class Meta:
        csrf = False

    since = StringField("From (date, UTC)", validators=[Length(max=10)])
    until = StringField("To (date, UTC, included)", validators=[Length(max=10)])
    letter = StringField("Letter reference", validators=[Length(max=32)])
    customer = StringField("Customer name", validators=[Length(max=200)])
    actor = StringField("Person (username)", validators=[Length(max=64)])


class ExportForm(FilterForm):
    format = SelectField("Format", choices=[("csv", "CSV (Excel, LibreOffice)"), ("jsonl", "JSONL (one event a line)")])


def _day(text: str | None, label: str) -> date | None:
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{label}: write the date as YYYY-MM-DD, not “{text.strip()}”.") from None


def filters_of(form: FilterForm) -> audit_export.ExportFilters:
    """The form's filters; the "to" day is included, so the export ends at the next midnight."""
    since = _day(form.since.data, "From")
    until = _day(form.until.data, "To")
    if since and until and until < since:
        raise InvalidInput("The “To” date is before the “From” date.")
    return audit_export.ExportFilters(
        since=audit_export.start_of(since) if since else None,
        until=audit_export.end_of(until) if until else None,
        letter=search_text(form.letter.data),
        customer=search_text(form.customer.data),
        actor=search_text(form.actor.data).lower(),
    )


def _latest(filters: audit_export.ExportFilters) -> list[AuditEvent]:
    with current_installation().db.read() as session:
        wanted = audit_export.conditions(session, filters)
        query = select(AuditEvent).where(*wanted).order_by(col(AuditEvent.seq).desc()).limit(PREVIEW_EVENTS)
        return list(session.scalars(query))


def _page(form: FilterForm, status: int = 200, problem: str = "") -> tuple[str, int]:
    """The page with the events its filters match, and what went wrong, if anything:
    a refused download keeps the filters and the events it was asked for."""
    events: list[AuditEvent] = []
    try:
        events = _latest(filters_of(form))
    except WorkflowError as error:
        problem, status = problem or error.message, 400
    key_path = current_installation().config.audit_key_path
    return render_template(
        "audit/index.html",
        form=form,
        events=events,
        problem=problem,
        key_ready=signing.key_exists(key_path),
        no_key=NO_KEY,
        can_create_key=key_path is not None and keys.why_not_create_signing_key(current_user.user) is None,
    ), status


@bp.get("")
def index():
    return _page(FilterForm(request.args))


@bp.post("/key")
def create_key():
    attempt(
        lambda: keys.create_signing_key(current_installation(), current_user.id, origin=origin()),
        "The audit signing key is set up: downloads are signed from now on. Whoever checks them needs its "
        "public half, the .pub file beside the key on the server.",
    )
    return redirect(url_for("audit.index"))


class _Pipe:
    """A write-only file for zipfile that hands over what was written, chunk by chunk."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """zipfile flushes; the chunks leave through `drain`."""

    def close(self) -> None:
        """Nothing to release; zipfile's type asks for it, though it never closes a file it was given."""

    def drain(self) -> bytes:
        data, self._chunks = b"".join(self._chunks), []
        return data


def export_zip(
    installation: Installation,
    fmt: str,
    filters: audit_export.ExportFilters,
    key: signing.SigningKey,
    actor: actors.Actor,
    name: str,
) -> Iterator[bytes]:
    """The export and its manifest as a zip, with memory independent of the trail's length."""
    pipe, tally = _Pipe(), audit_export.Tally()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with installation.db.read() as session:
            head = chain.head(session)
            with archive.open(name, "w", force_zip64=True) as entry:
                for chunk in audit_export.export_events(
                    session, fmt, filters, upto_seq=head.seq if head else 0, tally=tally
                ):
                    entry.write(chunk)
                    yield pipe.drain()
        manifest = audit_export.seal_export(installation, key, actor, name, fmt, filters, tally, head)
        manifest_text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        archive.writestr(audit_export.manifest_path(Path(name)).name, manifest_text)
    yield pipe.drain()


@bp.post("/export")
def export():
    form = ExportForm()
    installation = current_installation()
    try:
        if form.format.data not in audit_export.FORMATS:
            raise InvalidInput("Choose CSV or JSONL.")
        filters = filters_of(form)
        if not signing.key_exists(installation.config.audit_key_path):
            raise InvalidInput(NO_KEY)
        key = signing.configured_signing_key(installation.config.audit_key_path)
    except WorkflowError as error:
        return _page(form, 400, error.message)
    stamp = installation.clock.now().strftime("%Y%m%dT%H%M%SZ")
    name = f"audit-{stamp}.{form.format.data}"
    body = export_zip(installation, form.format.data, filters, key, actor_of(current_user.user, origin()), name)
    return Response(
        stream_with_context(body),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}.zip"'},
    )
