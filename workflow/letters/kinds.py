"""What a version's source, a review's stage and a review's decision can be, with the
words the pages use for them. The database keeps the values as plain strings."""

from __future__ import annotations

from enum import StrEnum


class VersionSource(StrEnum):
    AUTHOR = "author"
    EDIT = "edit"
    LEGAL_UPLOAD = "legal_upload"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


class ReviewStage(StrEnum):
    PEER = "peer"
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return self.value


class ReviewDecision(StrEnum):
    APPROVED = "approved"
    ESCALATED = "escalated"
    CHANGES_REQUESTED = "changes_requested"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_SOURCE_LABELS = {
    VersionSource.AUTHOR: "first draft",
    VersionSource.EDIT: "edited",
    VersionSource.LEGAL_UPLOAD: "Word file from legal",
}


_DECISION_LABELS = {
    ReviewDecision.APPROVED: "approved",
    ReviewDecision.ESCALATED: "escalated to legal",
    ReviewDecision.CHANGES_REQUESTED: "asked for changes",
}
