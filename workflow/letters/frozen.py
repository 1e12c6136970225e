"""Which kept files are the final letter: the ones made when the current version was
approved, or last re-dated.

The author downloads them, prints them and marks them as sent; nothing renders the final
letter again after approval, so the hash in the record is the hash of what went out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workflow.documents.kinds import StoredKind
from workflow.letters.models import StoredDocument


@dataclass(frozen=True)
class FrozenLetter:
    """The final letter's Word file, and its PDF when one could be made."""

    word: StoredDocument
    pdf: StoredDocument | None


def _id(document: StoredDocument) -> int:
    assert document.id is not None
    return document.id


def frozen_letter(documents: Sequence[StoredDocument], version: int) -> FrozenLetter | None:
    """The newest Word final letter of `version`, and the PDF stored with it. Both are kept
    in one transaction while the letter is locked, the Word file first, so a PDF of the same
    version with a higher id is that Word file's; a freeze whose PDF failed has none."""
    words = [d for d in documents if d.kind == StoredKind.FINAL and d.version == version]
    if not words:
        return None
    word = max(words, key=_id)
    pdfs = [d for d in documents if d.kind == StoredKind.FINAL_PDF and d.version == version and _id(d) > _id(word)]
    return FrozenLetter(word, min(pdfs, key=_id) if pdfs else None)
