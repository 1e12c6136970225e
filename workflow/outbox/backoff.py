"""When to try again after a failure: exponential backoff, capped, and a last attempt.

Thirty seconds, then doubling to at most six hours, ten attempts in all: a mail server that
is down for a night still gets the message in the morning, and one that will never take it
shows up as a failure to an administrator within about nine hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
MOST_ATTEMPTS = 10


def next_attempt(now: datetime, attempts: int) -> datetime:
    """When to try again after `attempts` failed tries (1 for the first failure)."""
    return now + min(FIRST_WAIT * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def given_up(attempts: int) -> bool:
    return attempts >= MOST_ATTEMPTS
