"""What the customer's file says about each stored document: sent to the customer, or kept
for staff only.

The file is what the business shows when a customer or their lawyer asks what they were
sent, so only the final letter (its Word file and any PDF of it) of a letter that was sent
counts as sent. Everything else stored with a letter (the lawyer's handed-back working
copy, a review packet, a final letter rendered but never sent) is internal: it may carry
the customer's value and internal notes, and listing it under "sent" would misstate the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.documents.kinds import DocumentKind
from workflow.letters.models import StoredDocument
from workflow.letters.states import State

SENT_STATES = frozenset({State.SENT, State.ARCHIVED})

KIND_LABELS: dict[str, str] = {
    DocumentKind.FINAL.value: "Final letter",
    "upload": "Lawyer's handed-back working copy",
    DocumentKind.PEER_REVIEW.value: DocumentKind.PEER_REVIEW.label,
    DocumentKind.LEGAL_REVIEW.value: DocumentKind.LEGAL_REVIEW.label,
    DocumentKind.RECORD.value: DocumentKind.RECORD.label,
}

MEDIA_NAMES: dict[str, str] = {"application/pdf": "PDF"}


def is_final_letter(kind: str) -> bool:
    """The final letter's stored kinds all begin with "final": the .docx and its PDF."""
    return kind.startswith(DocumentKind.FINAL.value)


def kind_label(document: StoredDocument) -> str:
    """The document's name for people: "Final letter (PDF)", "Lawyer's handed-back working copy"."""
    kind = DocumentKind.FINAL.value if is_final_letter(document.kind) else document.kind
    label = KIND_LABELS.get(kind, kind.replace("_", " ").replace("-", " ").capitalize())
    media = MEDIA_NAMES.get(document.media_type)
    return f"{label} ({media})" if media else label


@dataclass(frozen=True)
class Filed:
    """One letter's stored documents, split into what the customer was sent and what staff keep."""

    sent: list[StoredDocument]
    internal: list[StoredDocument]


def file_documents(state: State, documents: list[StoredDocument]) -> Filed:
    """Only a sent letter's final-letter documents were sent; the rest stay internal."""
    filed = Filed([], [])
    for document in documents:
        sent = state in SENT_STATES and is_final_letter(document.kind)
        (filed.sent if sent else filed.internal).append(document)
    return filed
