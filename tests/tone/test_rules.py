"""Behaviour of the rules: what they catch, and the classic false alarms they must not raise."""

from __future__ import annotations

import pytest

from workflow.tone import check


def categories(text: str, language: str, **options: object) -> set[str]:
    """What the rules alone find: their patterns and guards are under test here, the learned
    layer in test_learned.py."""
    letter_level = {"missing_thanks", "missing_availability", "missing_reasons", "concession_not_goodwill"}
    report = check(text, language, spelling=False, learned=False, **options)  # type: ignore[arg-type]
    return report.categories - letter_level


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The refund of 120.00 USD including VAT and the PDF invoice were sent to our FAQ team."),
        ("es", "El reembolso de 120,00 EUR con IVA y la factura en PDF se enviaron con su NIF."),
        ("bg", "Сумата от 120,00 BGN с ДДС и фактурата в PDF са изпратени с ЕИК на фирмата."),
        ("tr", "KDV dahil 120,00 TL tutarındaki PDF fatura ve IBAN bilgisi gönderildi."),
    ],
)
def test_acronyms_and_currency_codes_are_not_shouting(language: str, text: str) -> None:
    assert "shouting" not in categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Unfortunately, we are unable to offer a refund. We are sorry to hear about your experience."),
        ("es", "Lamentablemente, no podemos ofrecerle un reembolso. Sentimos mucho lo ocurrido."),
        ("bg", "За съжаление не можем да Ви предложим възстановяване. Съжаляваме да научим за случилото се."),
        ("tr", "Maalesef iade yapamıyoruz. Yaşadıklarınızı duyduğumuza üzüldük."),
    ],
)
def test_sincere_regret_is_not_sarcasm(language: str, text: str) -> None:
    assert categories(text, language) == set()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This is not an admission of fault, and we do not guarantee availability."),
        ("es", "Esto no supone un reconocimiento de culpa y no podemos garantizar la fecha."),
        ("bg", "Това не е признание за вина и не можем да гарантираме датата."),
        ("tr", "Bu, bir kusur kabulü anlamına gelmez ve yeni tarihi garanti edemiyoruz."),
    ],
)
def test_denying_fault_is_not_an_admission(language: str, text: str) -> None:
    assert "liability_admission" not in categories(text, language)


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("en", "We admit that the technician arrived late.", "liability_admission"),
        ("es", "Usted cambió de opinión después de la compra.", "buyers_remorse"),
        ("es", "Como usted debería saber, el plazo era de 14 días.", "condescension"),
        ("bg", "Повредата е причинена от Вашата небрежност.", "blame"),
        ("bg", "Ще предприемем съдебни действия.", "threat"),
        ("tr", "Bu tamamen sizin hatanız.", "blame"),
        ("tr", "Ödemeye itiraz ederseniz avukatlarımız sizinle iletişime geçecek.", "threat"),
    ],
)
def test_formal_and_inflected_forms_are_caught(language: str, text: str, category: str) -> None:
    assert category in categories(text, language)


def test_a_negation_before_the_words_cancels_the_threat() -> None:
    assert "threat" not in categories("We will not take legal action.", "en")
    assert "threat" in categories("We will take legal action.", "en")


def test_a_condition_before_changed_your_mind_is_an_offer_not_remorse() -> None:
    assert "buyers_remorse" not in categories("If you change your mind about the credit, let us know.", "en")
    assert "buyers_remorse" not in categories("Si cambia de opinión sobre el descuento, díganoslo.", "es")
    assert "buyers_remorse" not in categories("Fikrinizi değiştirirseniz teklifimiz geçerli.", "tr")


def test_internal_notes_that_reach_the_letter_are_flagged() -> None:
    note = "Customer is going through a divorce and is short of money."
    letter = "We understand you are going through a divorce and are short of money."
    report = check(letter, "en", internal_texts=[note], spelling=False)
    leaks = [f for f in report.findings if f.category == "internal_leak"]
    assert [f.text for f in leaks] == ["going through a divorce and"]
    assert leaks[0].severity == "error"
    assert "internal_leak" not in categories(letter, "en", internal_texts=["VIP client, legal says refusal is safe."])


def test_a_concession_must_be_framed_as_goodwill_or_as_no_admission() -> None:
    bare = "Thank you for your message. We can offer you a credit of $50. Any questions? Call us."
    framed = "Thank you for your message. As a gesture of goodwill, we offer you a credit of $50. Any questions?"
    disclaimed = (
        "Thank you for your message. Without any admission of fault, we can offer you a credit of $50. Any questions?"
    )
    assert "concession_not_goodwill" in check(bare, "en", spelling=False).categories
    for letter in (framed, disclaimed):
        assert "concession_not_goodwill" not in check(letter, "en", spelling=False).categories
    plain = "Thank you for your message. Any questions? Call us."
    assert "concession_not_goodwill" in check(plain, "en", concession_offered=True, spelling=False).categories


def test_a_refusal_without_reason_is_pointed_at() -> None:
    text = "Thank you for your message. We are unable to offer you a refund. Any questions? Call us."
    missing = [f for f in check(text, "en", spelling=False).findings if f.category == "missing_reasons"]
    assert [f.text for f in missing] == ["unable to offer"]
    with_reason = text.replace("refund.", "refund, because the course took place as agreed.")
    assert "missing_reasons" not in check(with_reason, "en", spelling=False).categories


def test_long_sentences_are_counted_per_language() -> None:
    words = " ".join(["word"] * 55) + "."
    assert "long_sentence" in categories(words, "en")
    assert "long_sentence" not in categories(words, "es")


def test_figures_and_asides_do_not_make_a_sentence_long() -> None:
    facts = (
        " ".join(["word"] * 50)
        + " on 29 January 2026, 1,845.00 (order HL-204781 of the Ashby three-seater sofa in Sage Velvet)."
    )
    assert "long_sentence" not in categories(facts, "en")
    assert "long_sentence" in categories(facts.replace("(", "").replace(")", ""), "en")


def test_an_obvious_slip_of_our_own_is_no_condescension() -> None:
    assert "condescension" not in categories("Явно сме объркали датата в графика.", "bg")
    assert "condescension" not in categories("Очевидно объркахме датата.", "bg")
    assert "condescension" in categories("Явно не сте прочели договора.", "bg")
