"""The form of address: each language greets with its own title and gender, never a slash."""

from __future__ import annotations

import pytest

from workflow.languages import LANGUAGES
from workflow.letters.address import GREETINGS, FormOfAddress, greeting


@pytest.mark.parametrize(
    ("form", "name", "language", "expected"),
    [
        (FormOfAddress.MR, "John Smith", "en", "Dear Mr Smith,"),
        (FormOfAddress.NONE, "John Smith", "en", "Dear John Smith,"),
        (FormOfAddress.DR_WOMAN, "Jane Doe", "en", "Dear Dr Doe,"),
        (FormOfAddress.MR, "Juan García", "es", "Estimado Sr. García:"),
        (FormOfAddress.MS, "María García López", "es", "Estimada Sra. García López:"),
        (FormOfAddress.MX, "Alex Ruiz", "es", "Buenos días, Alex Ruiz:"),
        (FormOfAddress.MR, "Георги Иванов", "bg", "Уважаеми господин Иванов,"),
        (FormOfAddress.MS, "Мария Петрова", "bg", "Уважаема госпожо Петрова,"),
        (FormOfAddress.MR, "Ahmet Yılmaz", "tr", "Sayın Ahmet Yılmaz Bey,"),
        (FormOfAddress.MS, "Ayşe Yılmaz", "tr", "Sayın Ayşe Yılmaz Hanım,"),
        (FormOfAddress.MR, "Madonna", "en", "Dear Mr Madonna,"),
    ],
)
def test_greeting_in_each_language(form: FormOfAddress, name: str, language: str, expected: str) -> None:
    assert greeting(form, name, language) == expected


def test_every_language_greets_every_form_without_a_slash() -> None:
    assert set(GREETINGS) == set(LANGUAGES)
    for language in LANGUAGES:
        for form in FormOfAddress:
            text = greeting(form, "Sam Lee", language)
            assert "/" not in text and "Lee" in text, (language, form, text)
