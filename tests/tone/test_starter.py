"""The starter letter: built from the decision record, and clean under the tone check."""

from __future__ import annotations

from itertools import combinations

import pytest

from workflow.languages import LANGUAGES
from workflow.letters.decision import Concession, Decision, Reason
from workflow.letters.starter import starter_text
from workflow.money import Money
from workflow.tone import check

STATED = [reason for reason in Reason if not reason.internal]
CLAUSES = {
    "en": "Deposits are non-refundable within 14 days of the event.",
    "es": "La señal no es reembolsable en los 14 días anteriores al evento.",
    "bg": "Капарото не се възстановява в рамките на 14 дни преди събитието.",
    "tr": "Kapora, etkinlikten önceki 14 gün içinde iade edilmez.",
}
LETTER_FINDINGS = {"missing_thanks", "missing_availability", "missing_reasons", "concession_not_goodwill"}


def decision(language: str, reasons: tuple[Reason, ...], concession: Concession, **extra: str) -> Decision:
    return Decision(
        customer_name="Ana Novak",
        amount=Money.parse("450.00", "EUR"),
        language=language,
        customer_reason="The workshop was not what I expected.",
        reasons=reasons,
        order_reference="BC-2291",
        policy_clause=CLAUSES[language] if Reason.POLICY_CLAUSE in reasons else "",
        concession=concession,
        concession_amount=None if concession is Concession.NONE else Money.parse("50.00", "EUR"),
        hardship="Her mother was in hospital during the workshop.",
        internal_notes="Long-standing client; legal says the refusal is safe.",
        **extra,
    )


def every_decision(language: str):
    for size in range(1, len(STATED) + 1):
        for stated in combinations(STATED, size):
            for remorse in (False, True):
                for concession in Concession:
                    reasons = stated + ((Reason.BUYERS_REMORSE,) if remorse else ())
                    yield decision(language, reasons, concession)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_starter_text_passes_its_own_check(language: str) -> None:
    for record in every_decision(language):
        text = starter_text(record, company_name="Brightside Catering")
        report = check(
            text,
            language,
            internal_texts=record.internal_texts,
            concession_offered=record.concession is not Concession.NONE,
        )
        blocking = [f for f in report.findings if f.severity == "error" or f.category in LETTER_FINDINGS]
        assert blocking == [], (record.reasons, record.concession, blocking)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_starter_text_carries_the_decision(language: str) -> None:
    record = decision(
        language,
        (Reason.DELIVERED_ON_TIME, Reason.POLICY_CLAUSE, Reason.BUYERS_REMORSE),
        Concession.CREDIT,
        reason_details="Ref. 2291-X",
    )
    text = starter_text(record, company_name="Brightside Catering")
    assert "Ana Novak" not in text, "the Word template greets the customer"
    assert "Brightside Catering" in text
    assert "BC-2291" in text
    assert record.amount.format(language) in text
    assert Money.parse("50.00", "EUR").format(language) in text
    assert CLAUSES[language] in text
    assert "Ref. 2291-X" in text
    assert "hospital" not in text and "legal says" not in text


def test_buyers_remorse_is_never_written() -> None:
    record = decision("en", (Reason.DELIVERED_AS_AGREED, Reason.BUYERS_REMORSE), Concession.NONE)
    text = starter_text(record, company_name="Acme").lower()
    assert "remorse" not in text and "changed your mind" not in text


@pytest.mark.parametrize(
    ("language", "formal"),
    [("es", "Le agradecemos"), ("bg", "Благодарим Ви"), ("tr", "sorunuz")],
)
def test_customer_is_addressed_formally(language: str, formal: str) -> None:
    record = decision(language, (Reason.DELIVERED_AS_AGREED,), Concession.NONE)
    assert formal in starter_text(record, company_name="Acme")


def test_other_without_details_leaves_a_visible_place_for_the_reason() -> None:
    record = decision("en", (Reason.OTHER,), Concession.NONE)
    assert "[The author states the reason here.]" in starter_text(record, company_name="Acme")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_both_facts_of_delivery_are_one_sentence(language: str) -> None:
    """Delivered as agreed and on time is one fact about one delivery: the letter says it once."""
    both = decision(language, (Reason.DELIVERED_ON_TIME, Reason.DELIVERED_AS_AGREED), Concession.NONE)
    one = decision(language, (Reason.DELIVERED_AS_AGREED,), Concession.NONE)
    both_text, one_text = (starter_text(d, company_name="Acme").split("\n\n")[1] for d in (both, one))
    assert both_text.count(".") == one_text.count("."), both_text


def test_the_english_starter_says_delivered_once() -> None:
    record = decision("en", (Reason.DELIVERED_ON_TIME, Reason.DELIVERED_AS_AGREED), Concession.NONE)
    text = starter_text(record, company_name="Acme")
    assert text.count("delivered") == 1 and "on the date we agreed" in text and "quality" in text
