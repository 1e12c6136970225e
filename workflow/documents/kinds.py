"""The Word documents a letter offers, and at which stage of its life.

Each stage hands people the document they work with: the author a draft copy, the peer
reviewer a packet with the decision record, the lawyer the same plus the money at stake,
the recipient the final letter, and the file a record sheet.
"""

from __future__ import annotations

from enum import StrEnum

from workflow.languages import LANGUAGES
from workflow.letters.states import State


class DocumentKind(StrEnum):
    DRAFT = "draft"
    PEER_REVIEW = "peer-review"
    LEGAL_REVIEW = "legal-review"
    FINAL = "final"
    RECORD = "record"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def for_customer(self) -> bool:
        """A document the customer may read: it is built from customer-safe data only."""
        return self in (DocumentKind.DRAFT, DocumentKind.FINAL)

    @property
    def per_language(self) -> bool:
        """The letter's own documents are written in its language; the packets in English."""
        return self.for_customer


KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.DRAFT: "Draft copy",
    DocumentKind.PEER_REVIEW: "Peer-review packet",
    DocumentKind.LEGAL_REVIEW: "Legal-review packet",
    DocumentKind.FINAL: "Final letter",
    DocumentKind.RECORD: "Record sheet",
}

STATE_KINDS: dict[State, tuple[DocumentKind, ...]] = {
    State.DRAFT: (DocumentKind.DRAFT,),
    State.WAITING: (DocumentKind.DRAFT,),
    State.PEER_REVIEW: (DocumentKind.PEER_REVIEW,),
    State.LEGAL_REVIEW: (DocumentKind.LEGAL_REVIEW,),
    State.APPROVED: (DocumentKind.FINAL,),
    State.SENT: (DocumentKind.FINAL, DocumentKind.RECORD),
    State.ARCHIVED: (DocumentKind.FINAL, DocumentKind.RECORD),
    State.WITHDRAWN: (),
}


def kinds_for_state(state: str) -> list[DocumentKind]:
    """The documents a letter in `state` offers. Once sent, the final letter is the stored
    copy, never a new rendering: the caller serves the stored bytes for it."""
    return list(STATE_KINDS[State(state)])


def template_name(kind: DocumentKind, language: str) -> str:
    """The file in `templates/` that lays out `kind` (per language for the letter itself)."""
    if not kind.per_language:
        return f"{kind.value}.docx"
    if language not in LANGUAGES:
        raise ValueError(f"no letter templates for language {language!r}")
    return f"{kind.value}-{language}.docx"


class StoredKind(StrEnum):
    """What a kept file is (`StoredDocument.kind`): the final letter frozen at approval, in
    Word and as PDF/A, or a Word file a lawyer handed back."""

    FINAL = DocumentKind.FINAL.value
    FINAL_PDF = "final-pdf"
    UPLOAD = "upload"
