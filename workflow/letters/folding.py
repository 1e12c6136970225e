"""Text as the search compares it: one folding, used when a letter is indexed and when
someone searches, so the two can never disagree.

Folding lowers case the Unicode way (`str.casefold`: "ß" is "ss"), takes compatibility
forms apart (the ligature "ﬁ" is "fi") and drops the accents and other marks that sit on
a letter, so "maria" finds "María", "cafe" finds "Café" and "Й" folds to "и". Turkish
needs one more step: Unicode folds "I" to "i", but Turkish writes the capital of "ı" as
"I" and of "i" as "İ", so "IŞIK" would fold to "işik" while "ışık" stays "ışık". Both
dotless and dotted i fold to "i" here: a search for any spelling of "ışık", "IŞIK" or
"isik" finds all of them, at the price of not telling "ı" from "i" in a search.

Folding works one character at a time (each character's folding is worked out once and
kept), so a folded text is the folded characters side by side: the folding of a prefix is
a prefix of the folding, which is how a match in folded text is found again in the text
as written (`written_span`).
"""

from __future__ import annotations

import re
import unicodedata

LONGEST_WORD = 100

WORD = re.compile(r"[^\W_]+")

_TURKISH_DOTLESS_I = "ı"


def _fold_character(character: str) -> str:
    decomposed = unicodedata.normalize("NFKD", character.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return bare.replace(_TURKISH_DOTLESS_I, "i")


class _Folding(dict[int, str]):
    """`str.translate`'s table, filled as characters are first seen; it also keeps the
    characters seen so far that do not fold to exactly one (`uneven`), so whether a folded
    text lines up with the text, character for character, is one set test."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_character(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """`text` as the search compares it: see the module's note. A text in ASCII alone
    folds as it lowers (no marks, no compatibility forms, no dotless i), and `lower` is a
    few times quicker than looking each character up in the table: a search page folds
    fifty letter texts to find their snippets."""
    return text.lower() if text.isascii() else text.translate(_FOLDING)


def words(folded: str) -> list[str]:
    """The words of a folded text, each once, in order: runs of letters and digits, the way
    both databases' word indexes are fed. Longer words than any language writes (a pasted
    code, a long link) are left out: no one searches for them by hand."""
    return list(dict.fromkeys(w for w in WORD.findall(folded) if len(w) <= LONGEST_WORD))


def written_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where `fold(text)[start:end]` came from in `text` itself, with the marks that fold
    to nothing after it."""
    if text.isascii():
        return start, end
    fold(text)  # every character of the text is in the table from here on
    if _FOLDING.uneven.isdisjoint(text):
        return start, end
    first = _first_reaching(text, start)
    last = _first_reaching(text, end - 1) + 1 if end > start else first
    while last < len(text) and not fold(text[last]):
        last += 1
    return first, last


def _first_reaching(text: str, folded_index: int) -> int:
    """The character of `text` whose folding holds `fold(text)[folded_index]`."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if len(fold(text[: middle + 1])) <= folded_index:
            low = middle + 1
        else:
            high = middle
    return low
