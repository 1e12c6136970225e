"""The tone check's work grows with the text, never faster: no regex rescans a run from
each of its characters, a guard looks back a bounded distance, and spelling asks the
dictionary a bounded number of times per word. Counted, not timed."""

from __future__ import annotations

import re
from types import ModuleType, SimpleNamespace

import pytest

from tests.tone.hostile import hostile_text
from workflow.tone import check, spelling, style, text
from workflow.tone.phrases import _GUARD_REACH


@pytest.mark.parametrize(
    ("module", "name", "run"),
    [(style, "_CAPITALS", "ABCDEFGH"), (style, "_MARKS", "!?!?!!?!"), (text, "_SENTENCE_END", "........")],
)
def test_a_run_is_scanned_from_its_start_only(module: ModuleType, name: str, run: str) -> None:
    """A match may begin where the run begins and nowhere inside it."""
    pattern: re.Pattern[str] = getattr(module, name)
    subject = run + " "
    assert pattern.match(subject, 0)
    assert all(pattern.match(subject, i) is None for i in range(1, len(run)))


def test_a_guard_looks_back_a_bounded_distance() -> None:
    assert text.sentence_start("a" * 10_000, 10_000, _GUARD_REACH) == 10_000 - _GUARD_REACH
    assert text.sentence_start("One. Two", 8, _GUARD_REACH) == 4


def test_a_word_holds_a_bounded_number_of_apostrophes() -> None:
    words = spelling._TOKEN.findall("zq'" * 500)
    assert words and max(word.count("'") for word in words) <= spelling.MAX_APOSTROPHES


def test_stacked_marks_keep_their_findings() -> None:
    assert style._stacked_marks("Really?!! ¡¡No? Fine!") == [(6, 9), (10, 12)]


def test_spelling_work_is_bounded_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """On 200 KB of hostile text, with all the time in the world for suggestions: no word
    longer than a real one reaches the dictionary, and lookups stay within a fixed number
    per distinct word plus a fixed budget of suggestions per check."""
    asked: list[str] = []

    def lookup(word: str) -> bool:
        asked.append(word)
        return word in {"thank", "you"}

    try_letters = "esianrtolcdugmphbyfvkwzxjq"
    speller = spelling.Speller(SimpleNamespace(check=lookup), try_letters)
    monkeypatch.setattr(spelling, "speller_for", lambda name: speller)
    monkeypatch.setattr(spelling, "SUGGESTION_BUDGET_SECONDS", 3600.0)
    letter = hostile_text(200_000)

    report = check(letter, "en")

    distinct = len(set(spelling._TOKEN.findall(letter)))
    edits = 2 * spelling.MAX_WORD * (len(try_letters) + 2)
    assert "spelling" in report.categories
    assert max(map(len, asked)) <= spelling.MAX_WORD
    assert len(asked) <= 2 * distinct + spelling.MAX_SUGGESTED_WORDS * edits
