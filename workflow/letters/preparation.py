"""Work a trigger needs before its transaction: reading a handed-back Word file, and
rendering the letter that goes out. Both are slow and must not hold the write lock; the
rules check inside the transaction that what was prepared still matches the letter."""

from __future__ import annotations

from workflow.documents import MEDIA_TYPE, DocumentKind, read_upload
from workflow.documents.downloads import render_stage
from workflow.installation import Installation
from workflow.letters.inputs import EditInput, HandBackInput, SendInput, TriggerInput
from workflow.letters.loading import load_letter
from workflow.letters.rules import FileToKeep, Prepared
from workflow.letters.states import State
from workflow.letters.text import letter_text


def stored(kind: str, filename: str, content: bytes, version: int | None = None) -> FileToKeep:
    """A Word file to keep exactly as it is, its name cut to what the table holds."""
    return FileToKeep(kind, filename[:255], MEDIA_TYPE, content, version)


def prepare(installation: Installation, letter_id: int, inputs: TriggerInput | None) -> Prepared:
    """What the inputs become for the rules: the new text in its canonical form, the
    uploaded file read, the final letter rendered; raises `InvalidInput` for a refused
    file, before anything is written."""
    limit = installation.config.letter_limit
    if isinstance(inputs, EditInput):
        return Prepared(text=letter_text(inputs.body, limit))
    if isinstance(inputs, HandBackInput):
        return Prepared(
            text=letter_text(read_upload(inputs.content, inputs.filename), limit),
            document=stored("upload", inputs.filename, inputs.content),
        )
    if isinstance(inputs, SendInput):
        with installation.db.read() as session:
            letter = load_letter(session, letter_id)
            if letter.state == State.APPROVED:
                final = render_stage(installation, session, letter, DocumentKind.FINAL)
                return Prepared(
                    document=stored(DocumentKind.FINAL.value, final.filename, final.content, letter.current_version)
                )
    return Prepared()
