"""Where a person may be sent after signing in: a path on this site, and nothing else.

The decision is made on the parsed URL, not on how the text starts: browsers and Werkzeug
drop tabs and newlines, read a backslash as a slash and decode percent-escapes, so text that
starts with one "/" can still name another host once they have done so.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

MAX_TARGET = 2000
"""Longer than any address of this site; a longer one is not worth parsing."""


def _plain(text: str) -> bool:
    """Printable ASCII without a backslash: nothing a browser would drop, fold or reread."""
    return all(" " < char < "\x7f" and char != "\\" for char in text)


def same_origin_path(target: str | None) -> str | None:
    """`target` rebuilt from its path and query when it stays on this site, else None."""
    if not target or len(target) > MAX_TARGET or not _plain(target) or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    decoded = unquote(parts.path)
    if decoded.startswith("//") or not _plain(decoded):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
