"""The one folding that indexing and searching share, and how a match in folded text is
found again in the text as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workflow.letters.folding import LONGEST_WORD, _fold_character, fold, words, written_span


def test_case_and_marks_fold_away_in_each_language() -> None:
    assert fold("María José ÑÚÑEZ") == "maria jose nunez"
    assert fold("Георги ЙОРДАНОВ") == "георги иорданов"
    assert fold("Jürgen Straße ﬁnal") == "jurgen strasse final"


def test_turkish_dotted_and_dotless_i_fold_to_one_i() -> None:
    """Python's casefold alone keeps "ışık" and "IŞIK" apart ("ışık" against "işik"):
    Turkish capitals I for ı and İ for i. Both are i here, so every spelling finds every other."""
    assert "ışık".casefold() != "IŞIK".casefold()
    assert fold("ışık") == fold("IŞIK") == fold("Işık") == fold("isik") == "isik"
    assert fold("İSTANBUL") == fold("istanbul") == "istanbul"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_a_text_in_ascii_folds_as_each_of_its_characters_does(text: str) -> None:
    """ASCII text takes a quicker path (`str.lower`) than the table: the same folding."""
    assert fold(text) == "".join(_fold_character(c) for c in text)


def test_words_are_runs_of_letters_and_digits_once_each_and_never_longer_than_any_language_writes() -> None:
    assert words(fold("Ordered 2 × 'Photo-Book' (photo_book), photo book!")) == ["ordered", "2", "photo", "book"]
    assert words("a" * (LONGEST_WORD + 1) + " kept") == ["kept"]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))), st.data())
def test_a_span_of_the_folded_text_is_found_again_in_the_text_as_written(text: str, data: st.DataObject) -> None:
    """Folding goes one character at a time, so a folded prefix is the prefix of the folding,
    and a span of the folding maps back to characters whose folding is exactly that span."""
    assert fold(text) == "".join(fold(c) for c in text)
    first = data.draw(st.integers(0, len(text)))
    last = data.draw(st.integers(first, len(text)))
    start, end = len(fold(text[:first])), len(fold(text[:last]))
    if start == end:
        return
    written_start, written_end = written_span(text, start, end)
    assert fold(text[written_start:written_end]) == fold(text)[start:end]
