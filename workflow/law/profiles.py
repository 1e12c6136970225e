"""A jurisdiction profile: the deadline a final answer must meet and the statements a final
refusal must contain, with their approved wording in each language.

Profiles are data an administrator manages (`library.py` keeps their versions); this module
reads and checks one from its JSON form, so a profile typed by an administrator is held to
the same shape as the ones tactful ships (`shipped.py`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workflow.errors import InvalidInput
from workflow.languages import LANGUAGES
from workflow.words import counted


class DayCount(StrEnum):
    CALENDAR = "calendar"
    BUSINESS = "business"


class Extension(StrEnum):
    """What lets the longer deadline apply: a holding reply sent to the customer (DISP 1.6.2A
    for payment services) or provisional credit given (Regulation E, 12 CFR 1005.11(c)(2))."""

    NONE = "none"
    HOLDING_REPLY = "holding_reply"
    PROVISIONAL_CREDIT = "provisional_credit"


COMPANY_COUNTRY = "company"
"""A profile's country that is the company's own (the EU profile: each member state's holidays)."""


@dataclass(frozen=True)
class Deadline:
    """`days` after the day the complaint was received, ending at the end of the last day on
    the company's clock; `extended_days` when the profile's extension applies. Zero days: the
    profile sets no deadline."""

    days: int = 0
    count: DayCount = DayCount.CALENDAR
    extended_days: int = 0
    extension: Extension = Extension.NONE
    extended_count: DayCount = DayCount.CALENDAR

    @property
    def text(self) -> str:
        if not self.days:
            return "no legal deadline"
        longer = ""
        if self.extended_days and self.extension is not Extension.NONE:
            then = _days(self.extended_days, self.extended_count)
            longer = f" ({then} with {self.extension.value.replace('_', ' ')})"
        return f"{_days(self.days, self.count)}{longer}"


def _days(number: int, count: DayCount) -> str:
    return counted(number, "business day" if count is DayCount.BUSINESS else "day")


@dataclass(frozen=True)
class Statement:
    """Something a final refusal must say: the approved wording per language (what the starter
    text inserts) and the key facts per language that must all appear for it to count as said
    (matched ignoring case, spacing and punctuation). `{entity_name}` and `{entity_website}`
    in either are the profile's dispute resolution entity."""

    key: str
    label: str
    wording: dict[str, str]
    facts: dict[str, tuple[str, ...]]
    source: str = ""


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    country: str = ""
    subdivision: str = ""
    deadline: Deadline = field(default_factory=Deadline)
    statements: tuple[Statement, ...] = ()
    entity_name: str = ""
    entity_website: str = ""
    sources: tuple[str, ...] = ()
    version: int = 1

    def filled(self, text: str) -> str:
        return text.replace("{entity_name}", self.entity_name).replace("{entity_website}", self.entity_website)

    @property
    def needs_entity(self) -> bool:
        """A statement names the entity, and the profile has not been told which one."""
        named = any("{entity_" in w for s in self.statements for w in s.wording.values())
        return named and not (self.entity_name.strip() and self.entity_website.strip())

    def to_json(self) -> str:
        """The profile as an administrator edits it: everything but key and version."""
        return json.dumps(_plain(self), ensure_ascii=False, indent=2)


def _plain(profile: Profile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "country": profile.country,
        "subdivision": profile.subdivision,
        "deadline": {
            "days": profile.deadline.days,
            "count": profile.deadline.count.value,
            "extended_days": profile.deadline.extended_days,
            "extension": profile.deadline.extension.value,
            "extended_count": profile.deadline.extended_count.value,
        },
        "entity_name": profile.entity_name,
        "entity_website": profile.entity_website,
        "statements": [
            {
                "key": s.key,
                "label": s.label,
                "source": s.source,
                "wording": s.wording,
                "facts": {language: list(facts) for language, facts in s.facts.items()},
            }
            for s in profile.statements
        ],
        "sources": list(profile.sources),
    }


def profile_from(key: str, version: int, data: dict[str, Any]) -> Profile:
    """A profile from its JSON form, or `InvalidInput` saying what is wrong with it."""
    try:
        deadline = data.get("deadline", {})
        profile = Profile(
            key=key,
            version=version,
            name=str(data["name"]).strip(),
            country=str(data.get("country", "")).strip(),
            subdivision=str(data.get("subdivision", "")).strip(),
            deadline=Deadline(
                days=int(deadline.get("days", 0)),
                count=DayCount(deadline.get("count", "calendar")),
                extended_days=int(deadline.get("extended_days", 0)),
                extension=Extension(deadline.get("extension", "none")),
                extended_count=DayCount(deadline.get("extended_count", deadline.get("count", "calendar"))),
            ),
            entity_name=str(data.get("entity_name", "")).strip(),
            entity_website=str(data.get("entity_website", "")).strip(),
            statements=tuple(_statement(s) for s in data.get("statements", [])),
            sources=tuple(str(s) for s in data.get("sources", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidInput(f"The profile is not complete or not in the expected shape ({error}).") from None
    _check(profile)
    return profile


def parse_profile(key: str, version: int, text: str) -> Profile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"The profile is not valid JSON: {error.msg} at line {error.lineno}.") from None
    except RecursionError:
        raise InvalidInput("The profile nests its objects or lists too deeply to read.") from None
    if not isinstance(data, dict):
        raise InvalidInput("The profile must be a JSON object.")
    return profile_from(key, version, data)


def _statement(data: dict[str, Any]) -> Statement:
    return Statement(
        key=str(data["key"]),
        label=str(data["label"]),
        source=str(data.get("source", "")),
        wording={str(k): str(v) for k, v in data["wording"].items()},
        facts={str(k): tuple(str(f) for f in v) for k, v in data["facts"].items()},
    )


def _check(profile: Profile) -> None:
    if not profile.name:
        raise InvalidInput("The profile needs a name.")
    deadline = profile.deadline
    if deadline.days < 0 or deadline.extended_days < 0 or deadline.days > 366 or deadline.extended_days > 366:
        raise InvalidInput("Deadlines are counted in days from 0 to 366.")
    if deadline.extension is not Extension.NONE and deadline.extended_days <= deadline.days:
        raise InvalidInput("The extended deadline must be longer than the deadline.")
    for statement in profile.statements:
        missing = [language for language in LANGUAGES if not statement.wording.get(language, "").strip()]
        if missing or any(not statement.facts.get(language) for language in LANGUAGES):
            raise InvalidInput(
                f"The statement “{statement.label}” needs its wording and key facts in every language "
                f"({', '.join(LANGUAGES)})."
            )
