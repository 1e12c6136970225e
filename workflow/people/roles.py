"""The four roles of DOMAIN.md "Who uses it". A person may hold several."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AUTHOR = "author"
    PEER_REVIEWER = "peer_reviewer"
    LEGAL_REVIEWER = "legal_reviewer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


AUDIT_READERS = frozenset({Role.ADMIN, Role.LEGAL_REVIEWER})
"""Who reads the whole audit trail: the audit page, and every refused attempt on a letter's timeline."""
