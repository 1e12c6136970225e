"""Work a trigger needs before its transaction: reading a handed-back Word file, and making
the final letter that an approval or a re-dating freezes. Both are slow (the PDF takes a
LibreOffice run) and must not hold the write lock; the rules check inside the transaction
that what was prepared still matches the letter, and keep it only when the letter really
becomes approved."""

from __future__ import annotations

from sqlmodel import Session

from workflow.documents import MEDIA_TYPE, read_upload
from workflow.documents.downloads import Download
from workflow.documents.final import FinalLetter, final_word, with_pdf
from workflow.documents.kinds import StoredKind
from workflow.installation import Installation
from workflow.law.library import profile_of
from workflow.letters.inputs import EditInput, HandBackInput, TriggerInput
from workflow.letters.loading import current_version, load_letter
from workflow.letters.models import Letter
from workflow.letters.rules import FileToKeep, Prepared, goes_to_legal
from workflow.letters.states import State
from workflow.letters.text import letter_text
from workflow.settings.effective import effective_policy, effective_tuning

FREEZING: dict[str, State] = {
    "approve_tone": State.PEER_REVIEW,
    "approve_legal": State.LEGAL_REVIEW,
    "redate": State.APPROVED,
}
"""The triggers that can leave a letter approved, and the state each starts from."""


def stored(kind: StoredKind, download: Download, version: int | None = None) -> FileToKeep:
    """A file to keep exactly as it is, its name cut to what the table holds."""
    return FileToKeep(kind.value, download.filename[:255], download.media_type, download.content, version)


def prepare(installation: Installation, letter_id: int, trigger: str, inputs: TriggerInput | None) -> Prepared:
    """What the inputs become for the rules: the new text in its canonical form, the
    uploaded file read, the final letter made; raises `InvalidInput` for a refused file or
    a final letter without its text, before anything is written."""
    limit = installation.config.letter_limit
    if isinstance(inputs, EditInput):
        return Prepared(text=letter_text(inputs.body, limit))
    if isinstance(inputs, HandBackInput):
        upload = Download(inputs.filename, MEDIA_TYPE, inputs.content)
        return Prepared(
            text=letter_text(read_upload(inputs.content, inputs.filename), limit),
            documents=(stored(StoredKind.UPLOAD, upload),),
        )
    if trigger in FREEZING:
        return _final_letter(installation, letter_id, FREEZING[trigger], trigger == "approve_tone")
    return Prepared()


def _final_letter(installation: Installation, letter_id: int, source: State, may_go_to_legal: bool) -> Prepared:
    """The final letter, when the trigger would leave the letter approved; nothing for a
    letter in another state (the rules refuse it) or on its way to legal review."""
    with installation.db.read() as session:
        letter = load_letter(session, letter_id)
        if letter.state != source:
            return Prepared()
        version = letter.current_version
        if may_go_to_legal and _goes_to_legal(installation, session, letter):
            return Prepared()
        word = final_word(installation, session, letter)
    return _kept(with_pdf(installation, word), version)


def _goes_to_legal(installation: Installation, session: Session, letter: Letter) -> bool:
    """The rules' own answer (`needs_legal`), asked of the letter as it stands."""
    text = current_version(session, letter)
    assert text is not None  # every letter is created with its first version
    policy = effective_policy(session, installation.config.policy)
    return goes_to_legal(letter, policy, text.body, effective_tuning(session), profile_of(session, letter))


def _kept(final: FinalLetter, version: int) -> Prepared:
    files = [stored(StoredKind.FINAL, final.word, version)]
    if final.pdf is not None:
        files.append(stored(StoredKind.FINAL_PDF, final.pdf, version))
    return Prepared(documents=tuple(files), problem=final.pdf_problem)
