"""Spelling: offline dictionaries, bounded suggestions, and a clear note when one is missing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from workflow.tone import check, spelling

needs_english = pytest.mark.skipif(
    not (spelling.dictionary_directory() / "en_US.dic").is_file(), reason="hunspell-en-us is not installed"
)


@pytest.fixture
def fresh_spellers() -> Iterator[None]:
    spelling.forget_spellers()
    yield
    spelling.forget_spellers()


@needs_english
def test_a_misspelt_word_is_found_with_a_suggestion() -> None:
    text = "We recieved your letter."
    found = [f for f in check(text, "en").findings if f.category == "spelling"]
    assert [(f.text, f.start) for f in found] == [("recieved", 3)]
    assert "received" in found[0].suggestion.split(", ")
    assert found[0].severity == "warning"


@needs_english
def test_names_acronyms_and_addresses_are_not_spelling_mistakes() -> None:
    text = "Dear Ms. Wojciechowska, your order AB-12 from Brightside was sent to anna.kowalczyk@example.com by UPS."
    assert "spelling" not in check(text, "en").categories


@needs_english
def test_suggestions_stop_at_the_deadline(monkeypatch: pytest.MonkeyPatch, fresh_spellers: None) -> None:
    monkeypatch.setattr(spelling, "SUGGESTION_BUDGET_SECONDS", 0.0)
    found = [f for f in check("We recieved it.", "en").findings if f.category == "spelling"]
    assert [f.text for f in found] == ["recieved"]
    assert found[0].suggestion == ""


def test_a_missing_dictionary_skips_spelling_with_a_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_spellers: None
) -> None:
    monkeypatch.setenv("TACTFUL_HUNSPELL_DIR", str(tmp_path))
    report = check("We recieved your letter. Obviously it was late.", "en")
    assert "spelling" not in report.categories
    assert "condescension" in report.categories
    assert len(report.notes) == 1
    assert "hunspell-en-us" in report.notes[0]


@needs_english
def test_a_dictionary_folder_of_ones_own_is_read_instead_of_the_system_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_spellers: None
) -> None:
    system = spelling.dictionary_directory()
    (tmp_path / "en_US.aff").write_bytes((system / "en_US.aff").read_bytes())
    (tmp_path / "en_US.dic").write_text("3\nwe\nreceived\nyour\n", encoding="utf-8")
    monkeypatch.setenv("TACTFUL_HUNSPELL_DIR", str(tmp_path))
    found = [f.text for f in check("We received your parcel.", "en").findings if f.category == "spelling"]
    assert found == ["parcel"]
    assert "ENCHANT_CONFIG_DIR" not in os.environ


@pytest.mark.parametrize(
    ("language", "text", "typo"),
    [
        ("es", "Hemos recivido su carta.", "recivido"),
        ("bg", "Разгледахме го внимателнно.", "внимателнно"),
        ("tr", "Mektubunuzu dikatle inceledik.", "dikatle"),
    ],
)
def test_each_language_uses_its_own_dictionary(language: str, text: str, typo: str) -> None:
    dictionary = {"es": "es_ES", "bg": "bg_BG", "tr": "tr_TR"}[language]
    if not (spelling.dictionary_directory() / f"{dictionary}.dic").is_file():
        pytest.skip(f"{dictionary} is not installed")
    assert [f.text for f in check(text, language).findings if f.category == "spelling"] == [typo]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The programme starts at the kerb; we checked the tyres."),
        ("es", "Pulse el botoncito: es un problemilla del router, a 4 km del centro."),
        ("es", "Un huequito para un cafecito, solito."),
        ("bg", "Имаше проблемче с линка към интернет и една драскотинка; жалбичката е при титуляря на ул. Шипка."),
        ("tr", "Onarımlarımız ve kiralamanızı güncellemeseydin bile, bunların 26'sı hazır."),
        ("bg", "Рутерът и ваучерът за уикенда са при нас; самоучастието е 100 лв."),
        ("es", "La autocaravana está desprecintada y el viaje se puede reprogramar."),
        ("en", "The coworking space is a glamping site now."),
        ("en", "A used mouthguard cannot be returned."),
        ("es", "Llamó al telefonillo; puede indicárnoslo."),
        ("bg", "Туроператорът ще Ви върне 40 евро за неработещата прахосмукачка и шестседмичния курс."),
        ("tr", "Kapaklar hizalanmamış, zincir yağlanmadığı için fiyatı güncellemeyerek hiç karşılaştırmayacağımıza."),
    ],
)
def test_forms_loanwords_and_units_a_native_reader_knows_are_not_misspellings(language: str, text: str) -> None:
    dictionary = {"en": "en_GB", "es": "es_ES", "bg": "bg_BG", "tr": "tr_TR"}[language]
    if not (spelling.dictionary_directory() / f"{dictionary}.dic").is_file():
        pytest.skip(f"{dictionary} is not installed")
    assert "spelling" not in check(text, language).categories


@pytest.mark.parametrize(
    ("language", "text", "typo"),
    [
        ("es", "Pulse el botoncitto, por favor.", "botoncitto"),
        ("bg", "Имаше проблемчее с поръчката.", "проблемчее"),
        ("en", "The programe starts soon.", "programe"),
        ("es", "No es fácil preveer el retraso.", "preveer"),
        ("bg", "Изпращаме Ви ваучерр за уикенда.", "ваучерр"),
        ("en", "A used mouthgaurd cannot be returned.", "mouthgaurd"),
        ("bg", "Вашият туропепратор ще Ви върне парите.", "туропепратор"),
        ("tr", "Kapaklar hizalanmamşı.", "hizalanmamşı"),
    ],
)
def test_a_typo_in_a_derived_form_or_a_loanword_is_still_a_typo(language: str, text: str, typo: str) -> None:
    assert [f.text for f in check(text, language).findings if f.category == "spelling"] == [typo]
