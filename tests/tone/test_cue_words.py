"""Cue features name the way of speaking, not the words: two wordings of one move share a cue,
and who speaks (we or you) and a promise not to act are features of their own."""

from __future__ import annotations

import pytest

from workflow.tone import check
from workflow.tone.cue_words import cue_features
from workflow.tone.text import fold


def _cues(text: str, language: str) -> set[str]:
    return set(cue_features(fold(text, language), text, language))


@pytest.mark.parametrize(
    ("language", "first", "second", "cue"),
    [
        ("en", "Our solicitors have been informed.", "The matter will go to the bailiffs.", "q:legal"),
        ("es", "Lo pondremos en manos de nuestro abogado.", "Iremos al juzgado.", "q:legal"),
        ("bg", "Ще се обърнем към съдебен изпълнител.", "Ще уведомим полицията.", "q:legal"),
        ("tr", "Dosyanız avukatımıza iletilecek.", "İcra takibi başlatılacak.", "q:legal"),
        ("en", "That one is on us.", "We dropped the ball.", "q:ours"),
        ("es", "La culpa es nuestra.", "Metimos la pata.", "q:ours"),
        ("en", "The damage happened on your side.", "The order was changed by you.", "q:side"),
    ],
)
def test_two_wordings_of_one_move_share_a_cue(language: str, first: str, second: str, cue: str) -> None:
    assert cue in _cues(first, language)
    assert cue in _cues(second, language)


def test_who_speaks_is_a_feature_of_its_own() -> None:
    assert "q:we+counterfactual" in _cues("We should have warned you.", "en")
    assert "q:we+counterfactual" not in _cues("You should have contacted us.", "en")
    assert "q:you+counterfactual" in _cues("If you had read the terms, you would have known.", "en")


def test_thanks_alone_is_not_ironic_praise() -> None:
    assert "q:praise" not in _cues("Thank you for your message.", "en")
    assert "q:praise" in _cues("How lovely that you found time to write.", "en")


@pytest.mark.parametrize(
    ("language", "promise_not_to", "threat"),
    [
        ("en", "We will not take legal action.", "We will take legal action if the balance is not paid."),
        ("es", "No vamos a emprender acciones legales.", "Si no paga, emprenderemos acciones legales."),
        ("bg", "Няма да предприемаме правни действия.", "Ако не платите, ще предприемем правни действия."),
        ("tr", "Yasal işlem başlatmayacağız.", "Ödeme yapılmazsa yasal işlem başlatacağız."),
    ],
)
def test_a_promise_not_to_sue_is_not_a_threat_and_a_threat_to_sue_is(
    language: str, promise_not_to: str, threat: str
) -> None:
    assert "q:will_not+legal" in _cues(promise_not_to, language)
    assert "threat" not in check(promise_not_to, language, spelling=False).categories
    assert "threat" in check(threat, language, spelling=False).categories
