"""Letter findings: what a good refusal contains (DOMAIN.md, "Words that hurt").

They read the whole letter, so they are meaningful only on a whole letter. A missing
element has nothing to highlight; its finding is an empty span at the start of the text.
A refusal without reasons points at the refusal, a concession without goodwill at the
concession.
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_month_names

from workflow.tone.cues import CuedPattern, Words
from workflow.tone.findings import Finding, finding
from workflow.tone.lexicon import Lexicon
from workflow.tone.text import fold, sentences, trimmed

# A time of day or a date in figures is a fact the customer can check, in any language.
_CHECKABLE_FACT = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# An e-mail address or a telephone number written in groups ("032 90 11 22"), in any language.
# The address starts where a run of its characters starts, and each part has the length RFC
# 5321 allows, so a long run of letters without an "@" costs one pass, not one per position.
_CONTACT_DETAILS = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.\w[\w.]{0,250}|(?<![\d,.])\+?\d{2,4}(?:[ -]\d{2,4}){2,}(?![\d,.]\d)"
)

# An address holds an "@" and a number its digits: a sentence without either is not searched
# (the search tries every place of it, its look-behinds first).
_DIGIT = re.compile(r"\d")

MESSAGES: dict[str, str] = {
    "missing_thanks": "The letter never thanks the customer for their business or their message.",
    "missing_availability": "The letter does not offer to answer questions or to talk.",
    "missing_reasons": "The refusal is stated without a reason or a fact the customer can check.",
    "concession_not_goodwill": (
        "The concession is not framed as a gesture of goodwill that admits no fault; "
        "without that it reads as an admission."
    ),
}


def letter_findings(text: str, letter: Words, lexicon: Lexicon, *, concession_offered: bool) -> list[Finding]:
    found: list[Finding] = []
    if not lexicon.thanks.search(letter):
        found.append(_finding(text, lexicon, "missing_thanks", 0, 0))
    if not (lexicon.availability.search(letter) or _offers_contact_details(text)):
        found.append(_finding(text, lexicon, "missing_availability", 0, 0))
    refusal = lexicon.refusal.search(letter)
    if refusal and not (lexicon.reasons.search(letter) or _states_a_date(letter.folded, lexicon.language)):
        found.append(_finding(text, lexicon, "missing_reasons", *refusal.span()))
    concession = lexicon.concession.search(letter)
    if (concession_offered or concession) and not _framed_as_goodwill(letter, lexicon):
        span = concession.span() if concession else (0, 0)
        found.append(_finding(text, lexicon, "concession_not_goodwill", *span))
    return found


def _states_a_date(folded: str, language: str) -> bool:
    return bool(_CHECKABLE_FACT.search(folded) or _dates_in_words(language).search(folded))


@cache
def _dates_in_words(language: str) -> re.Pattern[str]:
    """A day of a month in words ("collected on 9 October", "el 4 de octubre", "на 3 ноември",
    "12 Mayıs'ta", "on March 15") is a fact the customer can check, as a date in figures is:
    letters written in words state their reasons through such dates as often as through
    "because". The months' names are CLDR's (through babel), folded as the letter is."""
    names = {fold(name, language) for name in get_month_names("wide", locale=language).values()}
    months = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:(?:de|of)\s+)?(?:{months})|\b(?:{months})\s+\d{{1,2}}\b")


def _offers_contact_details(text: str) -> bool:
    return any(gives_contact_details(text, *trimmed(text, *span)) for span in sentences(text))


def gives_contact_details(text: str, start: int, end: int) -> bool:
    """A sentence of the letter's body (``text[start:end]``, trimmed) that gives a telephone
    number or an e-mail address offers the customer a way to talk ("Pueden localizarme en el
    957 11 22 33", "мога да Ви се обадя … Телефонът ми е …"), whatever its verb. The signature
    block's details are not an offer: its lines end without a full stop."""
    return (
        text[end - 1 : end] in (".", "!")
        and (text.find("@", start, end) != -1 or _DIGIT.search(text, start, end) is not None)
        and _CONTACT_DETAILS.search(text, start, end) is not None
    )


def is_prose(text: str, start: int, end: int) -> bool:
    """Whether a sentence (trimmed) is prose rather than a block of lines without a full stop:
    a signature, an address, a list of figures. Only prose carries a tone."""
    return text[end - 1 : end] in ".!?…\"'»”)" or "\n" not in text[start:end]


def _framed_as_goodwill(letter: Words, lexicon: Lexicon) -> bool:
    """Either frame tells the customer the concession admits nothing: "a gesture of goodwill"
    is the customary wording for exactly that in all four languages, and letters written by
    customer-service staff use it alone as often as with an explicit "without admitting
    fault" (rounds 6 and 7). An admission elsewhere in the letter is the phrase checks' to find."""
    return bool(lexicon.goodwill.search(letter)) or bool(lexicon.no_fault.search(letter))


def _finding(text: str, lexicon: Lexicon, category: str, start: int, end: int) -> Finding:
    return finding(
        text,
        f"{lexicon.language}.{category}",
        category,
        (start, end),
        MESSAGES[category],
        lexicon.letter_suggestions[category],
    )


def any_match(*patterns: str) -> CuedPattern:
    """One alternation of a language's markers, for the letter checks."""
    return CuedPattern("|".join(f"(?:{p})" for p in patterns))
