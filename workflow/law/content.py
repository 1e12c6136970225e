"""Required content: whether a final refusal says what its profile requires, in its language.

A statement counts as said when each of its key facts appears in the letter, compared
without case, accents, spacing or punctuation ("Financial Ombudsman Service" and
"financial-ombudsman.org.uk" in "...the Financial  Ombudsman Service's website,
www.financial-ombudsman.org.uk"). A missing one is an error: the legal reviewer resolves it
or acknowledges it with a reason, as the peer reviewer does with tone errors.
"""

from __future__ import annotations

import re
import unicodedata

from workflow.law.profiles import Profile, Statement
from workflow.tone.findings import Finding

CATEGORY = "required_content"

_NOT_WORD = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " " + _NOT_WORD.sub(" ", bare).strip() + " "


def says(statement: Statement, profile: Profile, language: str, body: str) -> bool:
    text = normalized(body)
    return all(normalized(profile.filled(fact)).strip() in text for fact in statement.facts.get(language, ()))


def required_findings(profile: Profile, language: str, body: str) -> list[Finding]:
    """One error per required statement the letter does not make; one more when the profile
    names no dispute resolution entity yet, since no letter can then say which it is."""
    found: list[Finding] = []
    if profile.needs_entity:
        found.append(
            _finding(
                f"{CATEGORY}.{profile.key}.entity",
                f"The profile “{profile.name}” names no dispute resolution entity yet: an administrator sets its "
                "name and website on Administration › Jurisdiction profiles.",
                "",
            )
        )
    for statement in profile.statements:
        if not says(statement, profile, language, body):
            found.append(
                _finding(
                    f"{CATEGORY}.{profile.key}.{statement.key}",
                    f"Required by {profile.name} ({statement.source}): {statement.label}. The letter does not say it.",
                    profile.filled(statement.wording.get(language, "")),
                )
            )
    return found


def _finding(rule: str, message: str, suggestion: str) -> Finding:
    return Finding(
        rule=rule, category=CATEGORY, severity="error", start=0, end=0, text="", message=message, suggestion=suggestion
    )


def statements_for_starter(profile: Profile, language: str) -> list[str]:
    """The approved wording of every required statement, for the starter text."""
    return [profile.filled(s.wording[language]) for s in profile.statements if s.wording.get(language)]
