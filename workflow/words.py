"""Small words the pages, documents and refusals share: counts with their nouns, times
relative to now, how often something happened.

Written once so "1 problem" and "3 problems" cannot come out as "problem(s)" in one place
and "problems" in another; the plural form is chosen by `ngettext`, the hook a
translation would use.
"""

from __future__ import annotations

from datetime import datetime
from gettext import ngettext

from babel.dates import format_timedelta


class Said(str):
    """Words about a moment ("overdue by 1 day") that also know whether it has passed, so a
    page colours what is late without reading its own words back."""

    late: bool

    def __new__(cls, words: str, *, late: bool) -> Said:
        said = super().__new__(cls, words)
        said.late = late
        return said


def counted(number: int, singular: str, plural: str = "") -> str:
    """ "1 problem", "3 problems"; `plural` for a noun that does not just add an s."""
    return f"{number:,} {ngettext(singular, plural or singular + 's', number)}"


def times(number: int) -> str:
    """How often: "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(number, f"{number:,} times")


def ago(moment: datetime, now: datetime) -> str:
    """ "3 minutes ago", "2 hours ago", "just now": how long before `now`, in a word."""
    if abs((now - moment).total_seconds()) < 60:
        return "just now"
    return format_timedelta(moment - now, add_direction=True, locale="en")
