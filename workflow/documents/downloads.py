"""Word files people take away from a letter, each one recorded in the audit trail.

A downloaded packet can leave the building, so who took which file of which letter, and
exactly which bytes (their SHA-256), is part of the record. Documents of the letter's
current stage are rendered fresh; the final letter of an approved letter, and of one sent
or archived, is the Word file and PDF made when it was approved (or last re-dated), never
a new rendering, so what the author prints is what the record names and what the
customer's file keeps.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import record_refusal
from workflow.documents import (
    MEDIA_TYPE,
    CompanyDetails,
    DocumentKind,
    build_context,
    compare_versions,
    kinds_for_state,
    render_document,
)
from workflow.documents.kinds import StoredKind
from workflow.documents.records import load_record
from workflow.documents.template_store import uploaded_template
from workflow.errors import InvalidInput, NotFound
from workflow.installation import Installation
from workflow.letters.frozen import frozen_letter
from workflow.letters.loading import documents_of, load_letter
from workflow.letters.models import Letter, StoredDocument
from workflow.letters.states import State
from workflow.people.models import User
from workflow.settings.config import Company
from workflow.settings.effective import effective_company, effective_policy, effective_tuning
from workflow.tone.letters import tone_report

FROZEN_STATES = (State.APPROVED.value, State.SENT.value, State.ARCHIVED.value)
"""The states whose final letter is the one made at approval."""

FROZEN_KINDS = (StoredKind.FINAL.value, StoredKind.FINAL_PDF.value)


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def company_details(company: Company) -> CompanyDetails:
    logo = Path(company.logo).read_bytes() if company.logo and Path(company.logo).is_file() else None
    return CompanyDetails(company.name, company.address, company.phone, company.email, logo, company.country)


def stage_document(
    installation: Installation, letter_id: int, kind: str, actor_id: int | None, origin: Origin | None = None
) -> Download:
    """A document the letter's stage offers (`kinds_for_state`); once approved, the final
    letter (`final`, and `final-pdf`) is the copy made then. A rendering that fails (an administrator's template that
    does not fit this letter) is a refused download in the record, and its sentence."""
    try:
        return _stage_document(installation, letter_id, kind, actor_id, origin)
    except InvalidInput as problem:
        record_refusal(installation, Action.DOWNLOAD, letter_id, actor_id, problem, origin, {"kind": kind[:40]})
        raise


def _stage_document(
    installation: Installation, letter_id: int, kind: str, actor_id: int | None, origin: Origin | None
) -> Download:
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        if kind in FROZEN_KINDS and letter.state in FROZEN_STATES:
            stored = frozen_copy(session, letter, StoredKind(kind))
            return _recorded(installation, letter, actor_id, origin, _stored_download(stored), _kept(stored))
        offered = {k.value: k for k in kinds_for_state(letter.state)}
        if kind not in offered:
            there = ", ".join(f"“{k}”" for k in offered) or "none"
            raise NotFound(
                f"A letter in the state “{State(letter.state).label.lower()}” has no “{kind}” document "
                f"(documents at this stage: {there})."
            )
        download = render_stage(installation, session, letter, offered[kind])
    return _recorded(installation, letter, actor_id, origin, download, {"kind": kind})


def render_stage(installation: Installation, session: Session, letter: Letter, kind: DocumentKind) -> Download:
    """A fresh rendering from the letter's records, the administrator's template and details."""
    record = load_record(session, letter)
    report = tone_report(letter, record.version(letter.current_version).body, tuning=effective_tuning(session))
    context = build_context(
        kind,
        record,
        company=company_details(effective_company(session, installation.config.company)),
        policy=effective_policy(session, installation.config.policy),
        today=installation.clock.now().date(),
        findings=() if kind.for_customer else report.findings,
        tone_settings=report.settings,
    )
    filename = f"{letter.reference} {kind.label} v{letter.current_version}.docx"
    template = uploaded_template(session, kind, letter.language)
    return Download(filename, MEDIA_TYPE, render_document(kind, context, template=template))


def frozen_copy(session: Session, letter: Letter, kind: StoredKind) -> StoredDocument:
    """The final letter made at approval, in Word or as PDF, or `NotFound` saying why not."""
    assert letter.id is not None
    frozen = frozen_letter(documents_of(session, letter.id), letter.current_version)
    if frozen is None:
        raise NotFound(
            f"The final letter of {letter.reference} was not made when it was approved; "
            "its author can make it with “Re-date the letter”."
        )
    if kind is StoredKind.FINAL_PDF:
        if frozen.pdf is None:
            raise NotFound(f"There is no PDF of the final letter of {letter.reference}: it could not be made.")
        return frozen.pdf
    return frozen.word


def _kept(stored: StoredDocument) -> dict[str, object]:
    """A kept file in its download's audit event: which one, and what kind of document it is."""
    return {"document_id": stored.id, "kind": stored.kind}


def _stored_download(stored: StoredDocument) -> Download:
    return Download(stored.filename, stored.media_type, bytes(stored.content))


def stored_document(
    installation: Installation, letter_id: int, document_id: int, actor_id: int | None, origin: Origin | None = None
) -> Download:
    """A stored file (the letter as sent, a Word file handed back) exactly as kept; it must
    belong to this letter."""
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        stored = session.get(StoredDocument, document_id)
        if stored is None or stored.letter_id != letter.id:
            raise NotFound(f"The letter {letter.reference} has no document {document_id}.")
        download = _stored_download(stored)
    return _recorded(installation, letter, actor_id, origin, download, _kept(stored))


def comparison(
    installation: Installation, letter_id: int, old: int, new: int, actor_id: int | None, origin: Origin | None = None
) -> Download:
    """Two versions of the letter as a Word file with tracked changes."""
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        record = load_record(session, letter)
        try:
            before, after = record.version(old), record.version(new)
        except LookupError:
            raise NotFound(f"The letter {letter.reference} has no such version.") from None
        author = record.user_name(after.author_id)
    content = compare_versions(
        before.body,
        after.body,
        title=f"{letter.reference}: version {old} → version {new}",
        author=author or "tactful",
        when=after.created_at,
    )
    download = Download(f"{letter.reference} compare v{old}-v{new}.docx", MEDIA_TYPE, content)
    return _recorded(installation, letter, actor_id, origin, download, {"kind": "comparison", "old": old, "new": new})


def _recorded(
    installation: Installation,
    letter: Letter,
    actor_id: int | None,
    origin: Origin | None,
    download: Download,
    details: dict,
) -> Download:
    def work(session: Session) -> None:
        user = session.get(User, actor_id) if actor_id is not None else None
        chain.append(
            session,
            actor=actor_of(user, origin),
            action=Action.DOWNLOAD,
            at=installation.clock.now(),
            letter_id=letter.id,
            letter_ref=letter.reference,
            from_state=letter.state,
            to_state=letter.state,
            version=letter.current_version,
            details={**details, "filename": download.filename, "sha256": download.sha256},
        )

    installation.db.write(work)
    return download
