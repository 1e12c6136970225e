"""The word comparison costs at most `MAX_PAIRS` token pairs, whatever the two texts."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from workflow.documents import diff
from workflow.documents.diff import Op, word_diff


class Counted(SequenceMatcher[str]):
    """A matcher that refuses to start on more pairs than the budget."""

    def set_seqs(self, a: object, b: object) -> None:
        assert len(a) * len(b) <= diff.MAX_PAIRS  # type: ignore[arg-type]
        super().set_seqs(a, b)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff, "SequenceMatcher", Counted)


def test_two_unrelated_long_texts_are_one_change() -> None:
    old = "alpha beta gamma. " * 6_000
    new = "delta epsilon zeta! " * 6_000 + "Done"
    pieces = word_diff(old, new)
    assert "".join(p.old for p in pieces) == old
    assert "".join(p.new for p in pieces) == new
    assert [p.tag for p in pieces] == [Op.CHANGE]


def test_a_small_edit_in_a_long_text_is_found_word_by_word() -> None:
    old = "We looked at your order. " * 4_000 + "We cannot refund it. " + "Thank you. " * 4_000
    new = old.replace("cannot refund", "are unable to refund")
    changes = [p for p in word_diff(old, new) if p.tag is Op.CHANGE]
    assert [(p.old, p.new) for p in changes] == [("cannot", "are unable to")]
