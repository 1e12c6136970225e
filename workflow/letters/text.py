"""A letter's text in its one canonical form, and the hash that names it.

One text must always give one hash, whichever browser or file it came from, since approvals
and the sent record are bound to that hash.
"""

from __future__ import annotations

import hashlib


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """Browsers send CRLF; one text must always give one hash."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
