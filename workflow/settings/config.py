"""Configuration: the environment's defaults, and the administrator's overrides on top.

Defaults come from `TACTFUL_*` environment variables (read by the web app with Flask's
`from_prefixed_env`, then handed here as a plain mapping, so this layer never sees Flask).
The policy values an administrator may change at run time (waiting period, thresholds,
follow-up interval) are stored in the `settings` table and win over the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import SupportsInt

from pytimeparse import parse as parse_seconds

from workflow.errors import InvalidInput
from workflow.mail.settings import MailSettings
from workflow.money import Money
from workflow.timing.due import DUE_KEYS, DueRules

DEFAULT_THRESHOLDS = "USD=1000.00,EUR=1000.00,GBP=1000.00,BGN=2000.00,TRY=35000.00"
# Characters in a letter's text: a long refusal runs to 15,000, so this leaves room for
# any real letter while bounding the page that checks and compares the whole text.
DEFAULT_LETTER_LIMIT = 100_000
# Above this the checks on the page stop being quick whatever the code does.
LARGEST_LETTER_LIMIT = 1_000_000


def parse_thresholds(text: str) -> dict[str, Money]:
    """Read "USD=1000.00,EUR=1000.00" into exact amounts, refusing anything unclear."""
    thresholds: dict[str, Money] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        code, sep, amount = part.partition("=")
        if not sep:
            raise InvalidInput(f"Threshold “{part}” should look like USD=1000.00.")
        money = Money.parse(amount, code)
        thresholds[money.currency] = money
    return thresholds


def format_thresholds(thresholds: Mapping[str, Money]) -> str:
    return ",".join(f"{code}={money.plain()}" for code, money in sorted(thresholds.items()))


LONGEST_WAIT = timedelta(days=365)
"""A draft rests for hours or days; a longer wait is a typing mistake, and a wait beyond the
calendar's end would break every date computed from it."""

LONGEST_FOLLOW_UP_DAYS = 3660
"""Ten years: past any business cycle, and far inside the calendar's end."""


def _whole_number(value: object, name: str, unit: str, minimum: int, maximum: int) -> int:
    refusal = InvalidInput(f"{name} must be a whole number of {unit}, not “{value}”.")
    if not isinstance(value, str | bytes | SupportsInt):
        raise refusal
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise refusal from None
    if number < minimum:
        raise InvalidInput(f"{name} cannot be less than {minimum}.")
    if number > maximum:
        raise InvalidInput(f"{name} cannot be more than {maximum:,} {unit}.")
    return number


@dataclass(frozen=True)
class Company:
    """The letterhead and contact details every final letter carries."""

    name: str = "Example Services Ltd"
    address: str = "1 High Street\nSpringfield"
    phone: str = "+1 555 0100"
    email: str = "care@example.com"
    logo: str = ""
    country: str = ""
    """Two-letter code; it decides the paper (US Letter in the US and Canada, else A4)."""


@dataclass(frozen=True)
class Policy:
    """The rules' adjustable numbers, as they stand at one moment."""

    waiting_period: timedelta = timedelta(hours=24)
    legal_thresholds: Mapping[str, Money] = field(default_factory=lambda: parse_thresholds(DEFAULT_THRESHOLDS))
    follow_up_days: int = 90

    def legal_required(self, amount: Money) -> bool:
        """At or over the threshold for its currency; a currency without one always goes to legal."""
        threshold = self.legal_thresholds.get(amount.currency)
        return threshold is None or amount.minor >= threshold.minor

    def legal_review_note(self, amount: Money) -> str:
        """Whether a letter for `amount` will go to legal review, as its author reads it
        before and after creating it: the rule is `legal_required`, the words are here."""
        code = amount.currency
        threshold = self.legal_thresholds.get(code)
        if threshold is None:
            return f"No legal-review threshold is set for {code}: every {code} letter goes to legal review too."
        if self.legal_required(amount):
            return (
                f"{amount.format()} is at or over the legal-review threshold for {code} ({threshold.format()}): "
                "after the peer review, a lawyer reviews this letter too."
            )
        return (
            f"{amount.format()} is below the legal-review threshold for {code} ({threshold.format()}): "
            "a peer review is enough, unless the reviewer escalates it to legal."
        )

    @property
    def currencies(self) -> list[str]:
        """The currencies letters are written in: those with a legal-review threshold."""
        return sorted(self.legal_thresholds)


POLICY_KEYS = ("waiting_period", "legal_thresholds", "follow_up_days")


def parse_duration(raw: object, name: str) -> timedelta:
    """A duration as people write it ("24h", "90m", "1h30m", "2 days"), or a whole number
    of seconds (what `TACTFUL_WAITING_PERIOD` has always taken, and how the settings table
    keeps it)."""
    text = str(raw).strip()
    if isinstance(raw, int) or text.isdecimal():
        return timedelta(seconds=_whole_number(raw, name, "seconds", 0, int(LONGEST_WAIT.total_seconds())))
    seconds = parse_seconds(text) if len(text) <= _LONGEST_DURATION_TEXT else None
    if seconds is None:
        raise InvalidInput(f"{name} must be a duration such as 24h, 90m or 1h30m, not “{text[:40]}”.")
    if seconds < 0:
        raise InvalidInput(f"{name} cannot be negative.")
    if seconds > LONGEST_WAIT.total_seconds():
        raise InvalidInput(f"{name} cannot be longer than {LONGEST_WAIT.days} days.")
    return timedelta(seconds=round(seconds))


_LONGEST_DURATION_TEXT = 40


def format_duration(duration: timedelta) -> str:
    """A duration as `parse_duration` reads it back: "24h", "1h30m", "45m", "0"."""
    seconds = int(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (seconds, "s")) if value]
    return "".join(parts) or "0"


def _waiting_period(raw: object) -> timedelta:
    return parse_duration(raw, "The waiting period")


def _legal_thresholds(raw: object) -> dict[str, Money]:
    return parse_thresholds(str(raw))


def _follow_up_days(raw: object) -> int:
    return _whole_number(raw, "The follow-up interval", "days", 1, LONGEST_FOLLOW_UP_DAYS)


def policy_value(key: str, raw: object) -> object:
    """Parse one policy setting, from the environment or an administrator's form."""
    if key == "waiting_period":
        return _waiting_period(raw)
    if key == "legal_thresholds":
        return _legal_thresholds(raw)
    if key == "follow_up_days":
        return _follow_up_days(raw)
    raise InvalidInput(f"Unknown setting “{key}”.")


def policy_with(policy: Policy, raw: Mapping[str, object]) -> Policy:
    """`policy` with the settings in `raw` parsed over it; the others keep their values."""
    return replace(
        policy,
        waiting_period=_waiting_period(raw["waiting_period"]) if "waiting_period" in raw else policy.waiting_period,
        legal_thresholds=(
            _legal_thresholds(raw["legal_thresholds"]) if "legal_thresholds" in raw else policy.legal_thresholds
        ),
        follow_up_days=_follow_up_days(raw["follow_up_days"]) if "follow_up_days" in raw else policy.follow_up_days,
    )


@dataclass(frozen=True)
class Config:
    database_url: str
    policy: Policy = field(default_factory=Policy)
    company: Company = field(default_factory=Company)
    audit_key_path: Path | None = None
    letter_limit: int = DEFAULT_LETTER_LIMIT
    due: DueRules = field(default_factory=DueRules)
    mail: MailSettings = field(default_factory=MailSettings)
    api_rate_limit: int = 600
    """Requests per minute one API token may make (TACTFUL_API_RATE_LIMIT)."""
    webhooks_allow_private: bool = False
    """Whether webhooks may go to loopback and private addresses (TACTFUL_WEBHOOKS_ALLOW_PRIVATE)."""

    @classmethod
    def from_mapping(
        cls,
        values: Mapping[str, object],
        *,
        default_database_url: str,
        default_mail_folder: Path | None = None,
        default_audit_key: Path | None = None,
    ) -> Config:
        """Build from Flask-style config keys (the `TACTFUL_` prefix already removed); the
        audit key lives at `default_audit_key` (the instance folder) unless AUDIT_KEY says."""
        policy = Policy(
            waiting_period=_waiting_period(values.get("WAITING_PERIOD", 86400)),
            legal_thresholds=_legal_thresholds(values.get("LEGAL_THRESHOLDS", DEFAULT_THRESHOLDS)),
            follow_up_days=_follow_up_days(values.get("FOLLOW_UP_DAYS", 90)),
        )
        defaults = Company()
        company = Company(
            **{
                name: str(values.get(f"COMPANY_{name.upper()}", getattr(defaults, name)))
                for name in ("name", "address", "phone", "email", "logo", "country")
            }
        )
        key = values.get("AUDIT_KEY")
        return cls(
            database_url=str(values.get("DATABASE_URL") or default_database_url),
            policy=policy,
            company=company,
            audit_key_path=Path(str(key)) if key else default_audit_key,
            letter_limit=_whole_number(
                values.get("MAX_LETTER_CHARS", DEFAULT_LETTER_LIMIT),
                "The letter size limit",
                "characters",
                1_000,
                LARGEST_LETTER_LIMIT,
            ),
            due=DueRules().with_values({key: values[key.upper()] for key in DUE_KEYS if key.upper() in values}),
            mail=MailSettings.from_mapping(values, default_folder=default_mail_folder or Path("instance/mail")),
            api_rate_limit=_whole_number(
                values.get("API_RATE_LIMIT", 600), "The API rate limit", "requests a minute", 1, 1_000_000
            ),
            webhooks_allow_private=str(values.get("WEBHOOKS_ALLOW_PRIVATE", "")).lower() in ("1", "true", "yes"),
        )


COMPANY_KEYS = ("name", "address", "phone", "email", "country")
