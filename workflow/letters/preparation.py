"""Work a trigger needs before its transaction: reading a handed-back Word file, and
rendering the letter that goes out. Both are slow and must not hold the write lock; the
rules check inside the transaction that what was prepared still matches the letter."""

from __future__ import annotations

import hashlib
from typing import Any

from workflow.documents import MEDIA_TYPE, DocumentKind, read_upload
from workflow.documents.downloads import render_stage
from workflow.installation import Installation
from workflow.letters.loading import load_letter
from workflow.letters.models import StoredDocument
from workflow.letters.states import State


def stored(kind: str, filename: str, content: bytes, version: int | None = None) -> StoredDocument:
    """Bytes to keep exactly as they are; the trigger's rules fill in letter, person and time."""
    return StoredDocument(
        kind=kind,
        filename=filename[:255],
        media_type=MEDIA_TYPE,
        version=version,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content=content,
    )


def prepare(installation: Installation, trigger: str, letter_id: int, params: dict[str, Any]) -> dict[str, Any]:
    """The trigger's parameters with uploads read and documents rendered; raises
    `InvalidInput` for a refused file, before anything is written."""
    if trigger == "hand_back" and "upload" in params:
        filename, raw = params.pop("upload")
        params["body"] = read_upload(raw, filename)
        params["upload_document"] = stored("upload", filename, raw)
    if trigger == "send":
        with installation.db.read() as session:
            letter = load_letter(session, letter_id)
            if letter.state == State.APPROVED:
                final = render_stage(installation, session, letter, DocumentKind.FINAL)
                params["final_document"] = stored(
                    DocumentKind.FINAL.value, final.filename, final.content, letter.current_version
                )
    return params
