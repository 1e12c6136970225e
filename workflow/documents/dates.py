"""How documents write dates: as a reader of the document's language expects them.

A record that says "2026-11-27" reads like a database; babel writes "27 November 2026",
"27 de noviembre de 2026", "27 ноември 2026 г.", "27 Kasım 2026". English has two habits:
a company in the US or Canada dates its letters "November 27, 2026", one anywhere else
"27 November 2026". The packets and the record sheet, in English for the firm's own
reviewers, write dates as the audit trail's sentences do ("27 November 2026 at 18:11 UTC").
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

PACKET_LOCALE = "en_GB"
"""The reviewers' packets and the record sheet."""

ENGLISH_BY_COUNTRY = {"US": "en_US", "CA": "en_CA"}
"""Where English letters put the month first; everywhere else English is British."""


def letter_locale(language: str, country: str) -> str:
    """The locale a letter in `language` from a company in `country` (ISO 3166, any case) dates in."""
    if language != "en":
        return language
    return ENGLISH_BY_COUNTRY.get(country.strip().upper(), PACKET_LOCALE)


def long_date(day: date, locale: str) -> str:
    """`day` written out in `locale`, e.g. "27 November 2026" or "27 Kasım 2026"."""
    return format_date(day, format="long", locale=locale)
