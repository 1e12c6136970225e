"""Each profile's required statements, checked in the letter's language."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workflow.languages import LANGUAGES
from workflow.law.content import required_findings, statements_for_starter
from workflow.law.shipped import SHIPPED

ENTITY = {"entity_name": "Consumer Arbitration Board", "entity_website": "www.arbitration.example"}
PROFILES = {key: replace(p, **ENTITY) if key == "eu_adr" else p for key, p in SHIPPED.items()}
BODY = "Thank you for your message. The service was delivered on the date we agreed."


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("key", ["uk_general", "uk_payment_services", "eu_adr", "us_reg_e"])
def test_every_statement_missing_is_an_error_and_the_approved_wording_satisfies_it(key: str, language: str) -> None:
    profile = PROFILES[key]
    missing = required_findings(profile, language, BODY)
    assert [f.rule for f in missing] == [f"required_content.{key}.{s.key}" for s in profile.statements]
    assert all(f.severity == "error" for f in missing)
    said = BODY + "\n\n" + " ".join(statements_for_starter(profile, language))
    assert required_findings(profile, language, said) == []


def test_the_match_ignores_case_spacing_and_punctuation_but_wants_every_key_fact() -> None:
    profile = PROFILES["uk_general"]
    loose = (
        "you may go to the FINANCIAL   ombudsman-service; see financial ombudsman . org . uk. You must do so within "
        "six months of the date of this letter, or the Ombudsman will not have our permission to consider it."
    )
    assert required_findings(profile, "en", loose) == []
    no_website = loose.replace("financial ombudsman . org . uk", "their site")
    assert [f.rule for f in required_findings(profile, "en", no_website)] == ["required_content.uk_general.ombudsman"]


def test_the_wording_in_another_language_does_not_count() -> None:
    english = " ".join(statements_for_starter(PROFILES["us_reg_e"], "en"))
    assert len(required_findings(PROFILES["us_reg_e"], "es", english)) == 1


def test_an_eu_profile_without_its_entity_says_so() -> None:
    rules = [f.rule for f in required_findings(SHIPPED["eu_adr"], "en", BODY)]
    assert rules[0] == "required_content.eu_adr.entity"
