"""Text a person typed to search or filter by, made safe to hand to either database.

PostgreSQL refuses a NUL inside any string (a 500 where SQLite would simply match
nothing), and no stored text holds control characters to match, so they are dropped
(`workflow.characters.clean`, the rule every stored text follows) rather than refused: a
search box should always answer.
"""

from __future__ import annotations

from workflow.characters import clean

LONGEST_SEARCH = 200


def search_text(text: str | None, limit: int = LONGEST_SEARCH) -> str:
    """`text` in stored characters, its runs of spaces, tabs and line breaks as one space, at
    most `limit` characters."""
    return " ".join(clean(text or "").split())[:limit]
