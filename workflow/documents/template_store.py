"""Word templates an administrator uploads in place of the shipped ones, checked before they are kept."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import record_refusal
from workflow.documents import DocumentKind, validate_template
from workflow.documents.models import DocumentTemplate
from workflow.errors import InvalidInput, WorkflowError
from workflow.installation import Installation
from workflow.languages import LANGUAGES
from workflow.people.authority import require_admin
from workflow.storage.orm import saved_id

_NAME_KEPT = 40
"""How much of a typed kind or language a refusal keeps: enough to read, not a flood."""


def template_language(kind: DocumentKind, language: str) -> str:
    """Letters have a template per language; the reviewers' packets one for all ("")."""
    if not kind.per_language:
        return ""
    if language not in LANGUAGES:
        raise InvalidInput(f"Choose the letter language of the template: {', '.join(LANGUAGES)}.")
    return language


def document_kind(name: str) -> DocumentKind:
    try:
        return DocumentKind(name)
    except ValueError:
        raise InvalidInput(f"Unknown document kind “{name}”.") from None


def upload_template(
    installation: Installation,
    admin_id: int,
    kind_name: str,
    language: str,
    content: bytes,
    *,
    origin: Origin | None = None,
) -> DocumentTemplate:
    """Checked before it is stored: a template naming an unknown field would break letters.

    The check renders sample letters, which is slow, so it runs before the write
    transaction, and only for an administrator. Every refusal on the way, of the person,
    the kind, the language or the file, is recorded with what was tried.
    """
    sha256 = hashlib.sha256(content).hexdigest()
    tried = {"kind": kind_name[:_NAME_KEPT], "language": language[:_NAME_KEPT], "size": len(content), "sha256": sha256}
    try:
        with installation.db.read() as session:
            require_admin(session, admin_id, "upload templates")
        kind = document_kind(kind_name)
        language = template_language(kind, language)
        validate_template(kind, content)
        return installation.db.write(
            lambda session: _store(installation, session, admin_id, kind, language, content, origin)
        )
    except WorkflowError as refusal:
        record_refusal(installation, Action.UPLOAD_TEMPLATE, None, admin_id, refusal, origin, tried)
        raise


def _store(
    installation: Installation,
    session: Session,
    admin_id: int,
    kind: DocumentKind,
    language: str,
    content: bytes,
    origin: Origin | None,
) -> DocumentTemplate:
    """Keep the checked template, asking again inside the transaction whether the person is
    still an administrator."""
    admin = require_admin(session, admin_id, "upload templates")
    now = installation.clock.now()
    sha256 = hashlib.sha256(content).hexdigest()
    template = session.get(DocumentTemplate, (kind.value, language))
    if template is None:
        template = DocumentTemplate(
            kind=kind.value,
            language=language,
            content=content,
            sha256=sha256,
            uploaded_by_id=saved_id(admin),
            uploaded_at=now,
        )
    else:
        template.content, template.sha256 = content, sha256
        template.uploaded_by_id, template.uploaded_at = saved_id(admin), now
    session.add(template)
    chain.append(
        session,
        actor=actor_of(admin, origin),
        action=Action.UPLOAD_TEMPLATE,
        at=now,
        content_sha256=sha256,
        details={"kind": kind.value, "language": language, "size": len(content), "sha256": sha256},
    )
    return template


def uploaded_template(session: Session, kind: DocumentKind, language: str) -> bytes | None:
    """The administrator's template for `kind`, or None to use the shipped one."""
    key = (kind.value, language if kind.per_language else "")
    template = session.get(DocumentTemplate, key)
    return template.content if template else None


def uploaded_templates(session: Session) -> list[DocumentTemplate]:
    return list(session.scalars(select(DocumentTemplate).order_by(DocumentTemplate.kind, DocumentTemplate.language)))
