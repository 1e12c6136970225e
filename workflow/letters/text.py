"""A letter's text in its one canonical form, and the hash that names it.

One text must always give one hash, whichever browser or file it came from, since approvals
and the sent record are bound to that hash.
"""

from __future__ import annotations

import hashlib

from workflow.characters import clean
from workflow.errors import InvalidInput


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """Browsers send CRLF; one text must always give one hash, the same on both databases."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def letter_text(text: str, limit: int) -> str:
    """The text in its canonical form, refused when longer than `limit` characters: the
    letter page checks and compares the whole text, so its size bounds every page."""
    body = normalize_text(text)
    if len(body) > limit:
        raise InvalidInput(
            f"The letter text has {len(body):,} characters; a letter can have at most {limit:,}. "
            "Shorten it and try again; nothing was changed."
        )
    return body
