"""Which sheet an installation's documents are laid out on.

A letter on the wrong paper is the first thing a recipient's printer shows: US and Canadian
offices load US Letter, the rest of the world A4. The company's country decides, so an
administrator sets one detail they know rather than a paper name they may not.
"""

from __future__ import annotations

from workflow.documents.fill import Paper

LETTER_COUNTRIES = frozenset({"US", "CA"})
"""Where offices print on US Letter (ISO 3166 codes); everywhere else prints on A4."""


def paper_for(country: str) -> Paper:
    """The paper of a company in `country` (a two-letter code, any case; empty means A4)."""
    return Paper.LETTER if country.strip().upper() in LETTER_COUNTRIES else Paper.A4
