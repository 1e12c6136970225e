"""Word templates an administrator uploads in place of the shipped ones, checked before they are kept."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlmodel import Session

from workflow.audit import chain
from workflow.audit.actions import Action
from workflow.audit.actors import Origin, actor_of
from workflow.audit.refusals import write_recorded
from workflow.documents import DocumentKind, validate_template
from workflow.documents.models import DocumentTemplate
from workflow.errors import InvalidInput
from workflow.installation import Installation
from workflow.languages import LANGUAGES
from workflow.people.authority import require_admin
from workflow.storage.orm import saved_id


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
    """Checked before it is stored: a template naming an unknown field would break letters."""
    kind = document_kind(kind_name)
    language = template_language(kind, language)
    validate_template(kind, content, language or None)
    sha256 = hashlib.sha256(content).hexdigest()

    def work(session: Session) -> DocumentTemplate:
        admin = require_admin(session, admin_id, "upload templates")
        now = installation.clock.now()
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

    return write_recorded(installation, Action.UPLOAD_TEMPLATE, admin_id, origin, work)


def uploaded_template(session: Session, kind: DocumentKind, language: str) -> bytes | None:
    """The administrator's template for `kind`, or None to use the shipped one."""
    key = (kind.value, language if kind.per_language else "")
    template = session.get(DocumentTemplate, key)
    return template.content if template else None


def uploaded_templates(session: Session) -> list[DocumentTemplate]:
    return list(session.scalars(select(DocumentTemplate).order_by(DocumentTemplate.kind, DocumentTemplate.language)))
