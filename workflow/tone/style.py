"""Shouting and overly long sentences: how the letter looks, not what it says."""

from __future__ import annotations

import re
from collections.abc import Sequence

from babel.numbers import list_currencies

from workflow.tone.findings import Finding, finding
from workflow.tone.lexicon import Lexicon
from workflow.tone.text import fold, read_word_count, trimmed

_UPPER = "".join(chr(code) for code in range(0x250) if chr(code).isupper()) + "".join(
    chr(code) for code in range(0x400, 0x530) if chr(code).isupper()
)
# Both begin only where a run begins (the look-behind), so each run of capitals or marks
# is read once from its start: without it every character of a long run starts a new scan
# of the rest of the run, and 20,000 capitals took seconds. The capitals' look-behind comes
# after its first capital, so the regex engine skips to capitals instead of trying every place.
_CAPITALS = re.compile(f"[{_UPPER}](?<![\\w-][{_UPPER}])[{_UPPER}]+(?![\\w-])")
_MARKS = re.compile(r"(?<![!?¡])[!?¡]{2,}")
_INVERTED_BANGS = re.compile(r"¡{2,}")
_CURRENCIES = frozenset(list_currencies())
_LONG_CAPITAL_WORD = 6

SHOUTING_MESSAGE = "Capitals and stacked exclamation marks read as shouting on paper."
STACKED_MARKS_MESSAGE = "Stacked exclamation marks read as shouting on paper: one mark, or a full stop, says it calmly."
LONG_SENTENCE_MESSAGE = (
    "This sentence has {count} words besides its figures and asides; a long sentence hides the reason in the middle."
)


def shouting_findings(text: str, lexicon: Lexicon) -> list[Finding]:
    found = [
        _finding(text, lexicon, "capitals", (start, end), SHOUTING_MESSAGE)
        for start, end in _shouted_spans(text, lexicon)
    ]
    for span in _stacked_marks(text) if "!!" in text or "¡¡" in text else ():
        found.append(_finding(text, lexicon, "exclamations", span, STACKED_MARKS_MESSAGE))
    return found


def calmer(shouted: str) -> str:
    """What to write instead of shouted words: the same words in lower case. Marks alone
    have no calmer wording to offer (a suggestion of "!" reads as a typing slip), so none."""
    return shouted.lower() if any(c.isalpha() for c in shouted) else ""


def _stacked_marks(text: str) -> list[tuple[int, int]]:
    """A run of ! ? ¡ holding "!!" is shouted whole; otherwise only its "¡¡" are."""
    spans: list[tuple[int, int]] = []
    for run in _MARKS.finditer(text):
        if "!!" in run.group():
            spans.append(run.span())
        else:
            spans.extend(
                (run.start() + m.start(), run.start() + m.end()) for m in _INVERTED_BANGS.finditer(run.group())
            )
    return spans


def _shouted_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Runs of words in capitals (an order reference like AB-12 is not one) with a shouted word in them.

    Latin and Cyrillic capitals only: the four languages' letters, found by one regex so a
    letter's lower-case words cost nothing.
    """
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for match in _CAPITALS.finditer(text):
        if run and text[run[-1].end() : match.start()].strip(" \t"):
            _close_run(run, spans, lexicon)
            run = []
        run.append(match)
    _close_run(run, spans, lexicon)
    return spans


def _close_run(run: list[re.Match[str]], spans: list[tuple[int, int]], lexicon: Lexicon) -> None:
    if any(_is_shouted(m.group(), lexicon) for m in run):
        spans.append((run[0].start(), run[-1].end()))


def _is_shouted(word: str, lexicon: Lexicon) -> bool:
    if word in lexicon.acronyms or word in _CURRENCIES:
        return False
    return fold(word, lexicon.language) in lexicon.shout_words or len(word) >= _LONG_CAPITAL_WORD


def _finding(text: str, lexicon: Lexicon, name: str, span: tuple[int, int], message: str) -> Finding:
    start, end = span
    return finding(text, f"{lexicon.language}.shouting.{name}", "shouting", span, message, calmer(text[start:end]))


def long_sentence_findings(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon) -> list[Finding]:
    """``sentences`` are ``text.sentences`` of the text."""
    found = []
    for start, end in sentences:
        if text.count(" ", start, end) < lexicon.long_sentence_words:
            continue
        start, end = trimmed(text, start, end)
        count = read_word_count(text[start:end])
        if count > lexicon.long_sentence_words:
            found.append(
                finding(
                    text,
                    f"{lexicon.language}.long_sentence.words",
                    "long_sentence",
                    (start, end),
                    LONG_SENTENCE_MESSAGE.format(count=count),
                    lexicon.letter_suggestions["long_sentence"],
                )
            )
    return found
