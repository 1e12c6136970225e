"""Text a person typed to search or filter by, made safe to hand to either database.

PostgreSQL refuses a NUL inside any string (a 500 where SQLite would simply match
nothing), and no stored text holds control characters to match, so they are dropped
before the search rather than refused: a search box should always answer.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

LONGEST_SEARCH = 200


def search_text(text: str | None, limit: int = LONGEST_SEARCH) -> str:
    """`text` without control characters or surrounding spaces, at most `limit` characters."""
    return CONTROL.sub("", text or "").strip()[:limit]
