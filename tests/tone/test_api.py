"""The public API the letter page, the review packets and the CLI rely on."""

from __future__ import annotations

import pytest

from workflow.errors import InvalidInput
from workflow.tone import CATEGORIES, Finding, ToneReport, check

LETTER = (
    "Dear Ms. Patel,\n\nObviously, the order was delivered on time. You changed your mind, "
    "and we will NOT refund it!!!\n\nKind regards,\nJohn"
)


def test_report_lists_findings_sorted_by_start_with_exact_spans() -> None:
    report = check(LETTER, "en")
    assert isinstance(report, ToneReport)
    assert report.language == "en"
    starts = [f.start for f in report.findings]
    assert starts == sorted(starts)
    for finding in report.findings:
        assert isinstance(finding, Finding)
        assert LETTER[finding.start : finding.end] == finding.text
        assert finding.category in CATEGORIES
        assert finding.severity in ("error", "warning")
        assert finding.rule.startswith("en.")


def test_findings_name_the_words_a_reviewer_would_circle() -> None:
    found = {(f.category, f.text) for f in check(LETTER, "en").findings}
    assert ("condescension", "Obviously") in found
    assert ("buyers_remorse", "You changed your mind") in found
    assert ("shouting", "NOT") in found
    assert ("shouting", "!!!") in found


def test_errors_are_the_findings_that_block_approval() -> None:
    report = check(LETTER, "en")
    assert {f.category for f in report.errors} == {"condescension", "buyers_remorse"}
    assert all(f.severity == "error" for f in report.errors)


def test_key_is_rule_at_start_and_stable_across_checks() -> None:
    first = check(LETTER, "en").findings
    again = check(LETTER, "en").findings
    assert [f.key for f in first] == [f.key for f in again]
    assert first[0].key == f"{first[0].rule}@{first[0].start}"


def test_json_form_has_exactly_the_documented_fields() -> None:
    data = check(LETTER, "en").to_json()
    assert set(data) == {"language", "findings"}
    assert data["language"] == "en"
    for item in data["findings"]:
        assert set(item) == {"category", "severity", "start", "end", "text", "message", "suggestion", "rule"}


def test_unknown_language_is_refused_readably() -> None:
    with pytest.raises(InvalidInput, match="Language must be one of"):
        check("Hello", "fr")


def test_turkish_capital_i_keeps_offsets() -> None:
    text = "İADE ETMEYECEĞİZ. Belli ki İmzaladığınız sözleşmeyi okumadınız."
    for finding in check(text, "tr", spelling=False).findings:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize("language", ["en", "es", "bg", "tr"])
def test_empty_text_gives_only_letter_findings(language: str) -> None:
    categories = check("", language, spelling=False).categories
    assert categories == {"missing_thanks", "missing_availability"}
