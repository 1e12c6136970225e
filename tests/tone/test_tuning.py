"""An organisation's tuning of the tone check: what each setting does to the findings, the
sentence the reviewer reads, and the sentence an administrator gets for a wrong entry."""

from __future__ import annotations

import pytest

from workflow.errors import InvalidInput
from workflow.tone import check
from workflow.tone.tuning import NO_TUNING, tuning_from_input, tuning_from_stored

LETTER = "Obviously we will NOT refund you. It was your fault."


def test_a_rule_switched_off_leaves_its_findings_out_and_the_report_says_so() -> None:
    report = check(LETTER, "en", spelling=False)
    shouting = next(f for f in report.findings if f.category == "shouting")
    tuned = tuning_from_input([shouting.rule], [], {}).apply(report)
    assert "shouting" not in tuned.categories
    assert {f.category for f in report.findings} - {"shouting"} == tuned.categories
    assert tuned.settings == "Organisation settings: 1 rule off; 1 finding left out by them."


def test_an_allowed_word_is_never_flagged_whatever_its_case() -> None:
    report = check("We recieved it via Zorbly.", "en")
    tuned = tuning_from_input([], ["Recieved"], {}).apply(report)
    assert "recieved" in [f.text for f in report.findings]
    assert "recieved" not in [f.text for f in tuned.findings]
    assert tuned.settings.startswith("Organisation settings: 1 allowed word;")


def test_a_category_raised_or_lowered_changes_what_must_be_acknowledged() -> None:
    report = check(LETTER, "en", spelling=False)
    tuned = tuning_from_input([], [], {"condescension": "warning", "shouting": "error"}).apply(report)
    severity = {f.category: f.severity for f in tuned.findings}
    assert severity["condescension"] == "warning" and severity["shouting"] == "error"
    assert "condescension lowered to warning, shouting raised to error" in tuned.settings
    assert "left out" not in tuned.settings


def test_no_tuning_changes_nothing_and_says_nothing() -> None:
    report = check(LETTER, "en", spelling=False)
    assert NO_TUNING.apply(report) == report
    assert tuning_from_input(["", " "], [""], {"blame": "default", "shouting": "warning"}) == NO_TUNING


def test_the_stored_form_reads_back_the_same_tuning() -> None:
    tuning = tuning_from_input(["en.shouting.word", "es.blame"], ["Zorbly", "SKU"], {"threat": "warning"})
    assert tuning_from_stored(tuning.stored()) == tuning
    assert tuning.stored()["allowed_words"] == ["sku", "zorbly"]


@pytest.mark.parametrize(
    ("rules", "words", "severities", "message"),
    [
        (["obviously"], [], {}, "“obviously” is not a rule name: rule names look like en.condescension.obviously"),
        (["fr.blame.x"], [], {}, "“fr.blame.x” is not a rule name"),
        (["en.rudeness.x"], [], {}, "“en.rudeness.x” is not a rule name"),
        ([], ["x" * 81], {}, "Each allowed word can be at most 80 characters"),
        ([], [], {"rudeness": "error"}, "There is no tone category “rudeness”."),
        ([], [], {"blame": "fatal"}, "The severity of blame is error or warning, not “fatal”."),
    ],
)
def test_a_wrong_entry_is_refused_in_a_sentence(
    rules: list[str], words: list[str], severities: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        tuning_from_input(rules, words, severities)
    assert message in refused.value.message


def test_a_stored_row_that_is_not_a_tuning_is_refused_in_a_sentence() -> None:
    with pytest.raises(InvalidInput) as refused:
        tuning_from_stored({"rules_off": "en.blame"})
    assert "save them again on the settings page" in refused.value.message
