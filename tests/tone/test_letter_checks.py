"""Letter checks on whole letters (issue 13, item 5): an offer to answer questions is an
offer, not any sentence with "available" or "question" in it; a letter that states a
checkable fact has its reason."""

from __future__ import annotations

import pytest

from workflow.tone import check
from workflow.tone.letter_checks import gives_contact_details


def _letter_categories(text: str, language: str) -> set[str]:
    return check(text, language, spelling=False, learned=False).categories


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Thank you for your message. The replacement part is available for order on our website."),
        ("en", "Thank you for your letter. Your questions were passed to the warehouse last week."),
        ("es", "Gracias por su mensaje. Sin duda el sofá llegó en buen estado."),
        ("bg", "Благодарим Ви за писмото. По въпроса с поръчката: тя беше доставена навреме."),
        ("tr", "Bize yazdığınız için teşekkür ederiz. Sorununuzu anlıyoruz."),
        ("es", "Gracias por su correo. Le llamamos el martes, pero no contestó nadie."),
        ("es", "Gracias por su mensaje. El repuesto ya está disponible en nuestra web."),
    ],
)
def test_words_that_only_look_like_an_offer_are_not_one(language: str, text: str) -> None:
    assert "missing_availability" in _letter_categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Thank you for your message. Please reply to this email if you would like to arrange a visit."),
        ("en", "Thank you for writing. If you need any help, please call the box office on 0191 555 0281."),
        ("es", "Gracias por su carta. Dígame si le interesa y buscaremos una fecha."),
        ("bg", "Благодарим за писмото. Пиши ни, ако имаш въпроси – с удоволствие ще помогнем."),
        ("tr", "Mesajınız için teşekkür ederiz. Sorularınız için bize her zaman yazabilirsiniz."),
        ("en", "Thank you for your message. I'm happy to go through the figures with you by phone."),
        ("es", "Gracias por su mensaje. Puede contactar con nosotros en el 900 555 212."),
        ("es", "Gracias por su mensaje. Quedamos a sus órdenes en el 55 5555 0134."),
        ("es", "Gracias por tu correo. Cualquier cosa, escríbenos a este correo o llámanos al 611 555 402."),
        ("bg", "Благодарим Ви за писмото. Насреща сме, ако нещо не е ясно."),
        ("tr", "Mesajınız için teşekkür ederiz. Dilerseniz sizi arayıp konuyu birlikte konuşabiliriz."),
        ("tr", "Mesajınız için teşekkür ederiz. Aklınıza takılan bir şey olursa bu e-postayı yanıtlamanız yeterli."),
    ],
)
def test_an_offer_in_other_words_is_an_offer(language: str, text: str) -> None:
    assert "missing_availability" not in _letter_categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("bg", "Благодарим Ви за писмото. Ако желаете, мога да Ви се обадя. Телефонът ми е 032 90 11 22."),
        ("tr", "Mesajınız için teşekkür ederiz. Bana 0312 444 55 66 numaralı telefondan ulaşabilirsiniz."),
        ("es", "Gracias por su mensaje. Pueden localizarme en eventos@finca.es."),
    ],
)
def test_a_sentence_that_gives_a_number_or_an_address_to_reach_is_an_offer(language: str, text: str) -> None:
    assert "missing_availability" not in _letter_categories(text, language)


def test_an_address_after_a_long_run_of_letters_is_still_found_and_the_run_is_no_address() -> None:
    """The address pattern starts only where a run of address characters starts, so hostile
    runs cost one pass; an address after one is still an offer, a run with "@" but a local part
    longer than RFC 5321 allows is not an address."""
    run = "b" * 3_000
    offer, no_address = f"{run} Write to ann@example.com.", f"{run}@example.com."
    assert gives_contact_details(offer, 0, len(offer))
    assert not gives_contact_details(no_address, 0, len(no_address))


def test_contact_details_in_the_signature_alone_are_no_offer() -> None:
    letter = (
        "Dear Ms Lee,\n\nThank you for your order. We cannot refund the fee as the course began on 3 May."
        "\n\nKind regards,\nAnn Boyd\nTel 020 7946 0958\nann@example.com"
    )
    assert "missing_availability" in _letter_categories(letter, "en")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Thank you for your message. The tickets were scanned at the gate at 19:42, so we cannot refund them."),
        ("en", "Thank you for writing. We cannot refund the course, as the course ended on 12 May."),
        ("es", "Gracias por su carta. No podemos reembolsar la estancia, dado que el corte fue ajeno a nosotros."),
        ("bg", "Благодарим Ви. Не можем да възстановим сумата, понеже пакетът е използван на 3 май."),
        (
            "es",
            "Gracias por tu correo. Como la sala funcionó con normalidad y la partida se jugó completa, "
            "no podemos devolveros el importe.",
        ),
    ],
)
def test_a_letter_with_a_concrete_reason_has_its_reason(language: str, text: str) -> None:
    assert "missing_reasons" not in _letter_categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Thanks for your note. The bike was collected on the 11th of June, so we can't refund it.",
        ),
        (
            "en",
            "Thanks for writing. The site went live on March 15, a week early, so we're not able to refund the fee.",
        ),
        (
            "es",
            "Gracias por escribirnos. La chaqueta llegó el 4 de octubre sin daños: no podemos devolver el importe.",
        ),
        ("bg", "Благодаря за писмото. Колелото е прегледано на 3 ноември и не можем да върнем парите."),
        ("tr", "Yazdığınız için teşekkürler. Paket 12 Mayıs'ta teslim edildi, bu yüzden ücret iadesi yapamıyoruz."),
    ],
)
def test_a_date_in_words_is_a_fact_the_customer_can_check(language: str, text: str) -> None:
    assert "missing_reasons" not in _letter_categories(text, language)


def test_a_number_before_a_word_that_is_no_month_is_no_date() -> None:
    text = "Thank you for your message. We cannot refund the 3 tickets you bought."
    assert "missing_reasons" in _letter_categories(text, "en")


def test_a_refusal_without_any_reason_still_misses_one() -> None:
    assert "missing_reasons" in _letter_categories("Thank you for your message. We cannot refund the order.", "en")
