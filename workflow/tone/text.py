"""Text helpers shared by every check: offset-preserving folding, sentences, words."""

from __future__ import annotations

import re
from collections.abc import Iterator

_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
_TURKISH_CAPITALS = {"I": "ı", "İ": "i"}

# A sentence's end is sought only where a run of marks begins (the look-behind): without
# it each mark of a long run such as "....." starts its own scan of the rest of the run. Each
# way to match begins with a character of a small set, the look-behind checked only after it,
# so the regex engine skips to those characters instead of trying every place of the text.
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*[\"'»”“)\]]*(?=\s|$)|\n[ \t]*\n")
_COUNTED = re.compile(r"\w+(?:[-'’.,]\w+)*")
# What a reader takes in at a glance rather than reads as part of the sentence: an aside in
# brackets (an order number, a clause reference) and a quoted name or clause.
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"\n]*\"")


def fold(text: str, language: str) -> str:
    """Lower-case the text for matching without moving a single character offset.

    Turkish dotted and dotless I are mapped first, as Turkish readers expect; typographic
    quotes become plain ones so one pattern covers both.
    """
    if language == "tr":
        text = _replaced(text, _TURKISH_CAPITALS)
    text = _replaced(text, _QUOTES)
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c.lower()[0] for c in text)
    return folded


def _replaced(text: str, characters: dict[str, str]) -> str:
    """``str.translate``, done as a few searches in C: translate looks up every character of
    a non-ASCII text (a tenth of a millisecond for a Turkish letter), and most letters hold
    none of these characters. No replacement is itself replaced, so the order does not matter."""
    for old, new in characters.items():
        if old in text:
            text = text.replace(old, new)
    return text


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, white space included; ``trimmed`` takes it off."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    stripped = chunk.lstrip()
    if not stripped:
        return start, start
    offset = start + len(chunk) - len(stripped)
    return offset, offset + len(stripped.rstrip())


def read_word_count(text: str) -> int:
    """The words a reader must hold in mind to follow the sentence: figures (dates, amounts,
    references) and asides in brackets or quotes are not counted, so a sentence that states
    its facts precisely ("order HL-204781 of 29 January, £1,845.00") is not called long for it."""
    return sum(1 for word in _COUNTED.findall(_ASIDE.sub(" ", text)) if not any(c.isdigit() for c in word))


def sentence_start(text: str, position: int, reach: int) -> int:
    """Where the sentence holding ``position`` begins, for guards that must not cross it,
    looking back at most ``reach`` characters: a guard reads only that far, and a search
    to the top of a letter for every phrase costs the letter's length each time."""
    floor = max(position - reach, 0)
    cut = max(text.rfind(mark, floor, position) for mark in ".!?\n")
    return max(cut + 1, floor)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as an editor shows them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
