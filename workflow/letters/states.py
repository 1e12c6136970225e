"""The states a letter passes through (README, "How a letter moves")."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    WAITING = "waiting"
    PEER_REVIEW = "peer_review"
    LEGAL_REVIEW = "legal_review"
    APPROVED = "approved"
    SENT = "sent"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.DRAFT: "Draft",
    State.WAITING: "Waiting period",
    State.PEER_REVIEW: "Peer review",
    State.LEGAL_REVIEW: "Legal review",
    State.APPROVED: "Approved",
    State.SENT: "Sent",
    State.ARCHIVED: "Archived",
    State.WITHDRAWN: "Withdrawn",
}
